// `npm run bench:report [-- FILE]`: turns a result file into bench/results/REPORT.md plus SVG
// charts next to it, and rewrites the README's benchmark table.
//   node scripts/bench-report.mjs [bench/results/latest.json] [--models FILE] [--pool FILE] [--out DIR] [--readme README.md | --no-readme]
// The Models section reads the models suite's file (default: models.json next to the main file), the
// parallel-engine section the pool and prune suites' (default: pool.json there).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { charts } from './bench-charts.mjs';
import { MODELS_END, MODELS_START, modelsReadme, modelsSection } from './bench-models.mjs';
import { poolSection } from './bench-pool.mjs';
import { bestParallel, find, fmtGbps, fmtRatio, kernelOps, loadResults, ms, provenance, ratio, sizeLabel, unique } from './bench-data.mjs';
import { replaceSection, updateReadme } from './bench-table.mjs';

const M = 1 << 20;

/** The performance targets, each checked against the file: { what, measured, target, verdict }. */
export function targets(rows) {
  const out = [];
  const check = (what, value, target, ok, fmt = fmtRatio) =>
    out.push({ what, measured: value === undefined ? 'not measured' : fmt(value), target, verdict: value === undefined ? 'not measured' : ok(value) ? 'met' : 'NOT met' });
  for (const op of ['prox/l1', 'prox/elasticNet', 'addPenaltyGrad/l1', 'addPenaltyGrad/l2', 'stats']) {
    check(`wasm vs js, ${op}, 1M f32`, ratio(find(rows, op, 'float32', M, 'js'), find(rows, op, 'float32', M, 'wasm')), '≥ 8×', (x) => x >= 8);
  }
  const copy16 = find(rows, 'copy', 'float32', 16 * M, 'copy'), prox16 = find(rows, 'prox/l1', 'float32', 16 * M, 'wasm');
  check('wasm prox/l1 GB/s as a share of the copy\'s, 16M f32', copy16 && prox16 ? prox16.gbps / copy16.gbps : undefined, '≥ 90%', (x) => x >= 0.9, (x) => `${(x * 100).toFixed(0)}% (${prox16.gbps.toFixed(1)} vs ${copy16.gbps.toFixed(1)} GB/s)`);
  const w1 = find(rows, 'prox/l1', 'float32', M, 'wasm');
  check('wasm vs tfjs-wasm, prox/l1, 1M f32', ratio(find(rows, 'prox/l1', 'float32', M, 'tfjs-wasm'), w1), '≥ 30×', (x) => x >= 30);
  check('wasm vs tfjs-cpu, prox/l1, 1M f32', ratio(find(rows, 'prox/l1', 'float32', M, 'tfjs-cpu'), w1), '≥ 100×', (x) => x >= 100);
  check('AdamW wasm-parallel vs tfjs-wasm Adam+decay, 4M f32', ratio(find(rows, 'adamw_step', 'float32', 4 * M, 'tfjs-wasm'), bestParallel(rows, 'adamw_step', 'float32', 4 * M)), '≥ 6×', (x) => x >= 6);
  check('cold start: import + createEngine + first prox (4096), median', find(rows, 'coldstart/shrinkage', 'float32', 4096, 'wasm')?.median_ms, '≤ 30 ms', (x) => x <= 30, (x) => `${x.toFixed(1)} ms`);
  return out;
}

function kernelTable(rows, dtype) {
  const ops = kernelOps(rows);
  const sizes = unique(rows.filter((r) => r.dtype === dtype && ops.includes(r.op)).map((r) => r.n)).sort((a, b) => a - b);
  const lines = [
    '| op | n | js ms | wasm ms | parallel ms | wasm/js | parallel/js | wasm GB/s | parallel GB/s | copy GB/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const op of ops) {
    for (const n of sizes) {
      const js = find(rows, op, dtype, n, 'js'), wasm = find(rows, op, dtype, n, 'wasm'), par = bestParallel(rows, op, dtype, n);
      if (!js && !wasm && !par) continue;
      lines.push(`| ${op} | ${sizeLabel(n)} | ${ms(js?.median_ms)} | ${ms(wasm?.median_ms)} | ${par ? `${ms(par.median_ms)} (×${par.threads})` : '–'} | ${fmtRatio(ratio(js, wasm))} | ${fmtRatio(ratio(js, par))} | ${fmtGbps(wasm)} | ${fmtGbps(par)} | ${fmtGbps(find(rows, 'copy', dtype, n, 'copy'))} |`);
    }
  }
  return lines.join('\n');
}

function peerTable(rows) {
  const peerRows = rows.filter((r) => r.impl.startsWith('tfjs-'));
  if (peerRows.length === 0) return '_No peer rows in this file (run the peers-tfjs suite)._';
  const lines = [
    '| op | n | wasm ms | parallel ms | tfjs-wasm ms | tfjs-cpu ms | tfjs-wasm / wasm | tfjs-cpu / wasm | tfjs-wasm / parallel |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const op of unique(peerRows.map((r) => r.op))) {
    for (const n of unique(peerRows.filter((r) => r.op === op).map((r) => r.n)).sort((a, b) => a - b)) {
      const wasm = find(rows, op, 'float32', n, 'wasm'), par = bestParallel(rows, op, 'float32', n);
      const tw = find(rows, op, 'float32', n, 'tfjs-wasm'), tc = find(rows, op, 'float32', n, 'tfjs-cpu');
      lines.push(`| ${op} | ${sizeLabel(n)} | ${ms(wasm?.median_ms)} | ${par ? `${ms(par.median_ms)} (×${par.threads})` : '–'} | ${ms(tw?.median_ms)} | ${ms(tc?.median_ms)} | ${fmtRatio(ratio(tw, wasm))} | ${fmtRatio(ratio(tc, wasm))} | ${fmtRatio(ratio(tw, par))} |`);
    }
  }
  return lines.join('\n');
}

function coldTable(rows) {
  const cold = rows.filter((r) => r.op.startsWith('coldstart/'));
  if (cold.length === 0) return '_No cold-start rows in this file (run the coldstart suite)._';
  const impls = unique(cold.map((r) => r.impl));
  const lines = [`| phase | ${impls.map((i) => `${i} median ms (p90)`).join(' | ')} |`, `|---|${impls.map(() => '---:').join('|')}|`];
  for (const op of unique(cold.map((r) => r.op))) {
    lines.push(`| ${op.slice('coldstart/'.length)} | ${impls.map((i) => {
      const r = find(rows, op, 'float32', 4096, i);
      return r ? `${r.median_ms.toFixed(1)} (${r.p90_ms.toFixed(1)})` : '–';
    }).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function report(results, chartFiles, models = { md: '_No models section._' }, pool = '_No parallel-engine section._') {
  const { header, rows } = results;
  const t = targets(rows);
  return [
    '# shrinkage benchmark report',
    '',
    `Generated by \`npm run bench:report\` from one run of \`${header.command}\`.`,
    '',
    `Measured on ${provenance(header)}; ${header.os}; ${header.memoryGiB} GiB RAM${header.loadavg ? `; 1-min load average ${header.loadavg.map((x) => x.toFixed(2)).join(' → ')} (start → end; above the core count means other processes competed for the CPU)` : ''}. Sizes ${header.sizes.map(sizeLabel).join(', ')}; threads ${header.threads.join(', ')}${header.quick ? '; QUICK run (tiny sizes, few samples: not for quoting)' : ''}.`,
    'Medians and p90 of tinybench samples after warm-up; GB/s counts every array read once plus every array written once (byte model in docs/benchmarks.md). `parallel` is the fastest wasm-parallel thread count measured.',
    '',
    '## Targets',
    '',
    '| target | measured | wanted | verdict |',
    '|---|---:|---:|---|',
    ...t.map((x) => `| ${x.what} | ${x.measured} | ${x.target} | ${x.verdict} |`),
    '',
    '## Kernels and optimizer steps, float32',
    '',
    kernelTable(rows, 'float32'),
    '',
    '## Kernels and optimizer steps, float64',
    '',
    kernelTable(rows, 'float64'),
    '',
    '## Peers: TensorFlow.js 4.22 (float32, results read back with dataSync)',
    '',
    peerTable(rows),
    '',
    '## Cold start (fresh node process, threads: 1, first prox on 4096 elements)',
    '',
    coldTable(rows),
    '',
    '## Parallel engine: inline, sharded and auto mode',
    '',
    pool,
    '',
    '## Models',
    '',
    models.md,
    '',
    '## Charts',
    '',
    ...chartFiles.map((f) => `![${f}](${f})\n`),
  ].join('\n');
}

function parse(argv) {
  const o = { file: 'bench/results/latest.json', out: undefined, readme: 'README.md', models: undefined, pool: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') o.out = argv[++i];
    else if (argv[i] === '--models') o.models = argv[++i];
    else if (argv[i] === '--pool') o.pool = argv[++i];
    else if (argv[i] === '--readme') o.readme = argv[++i];
    else if (argv[i] === '--no-readme') o.readme = undefined;
    else o.file = argv[i];
  }
  return o;
}

const o = parse(process.argv.slice(2));
const file = resolve(o.file);
const outDir = resolve(o.out ?? 'bench/results');
const results = loadResults(file);
mkdirSync(outDir, { recursive: true });
const files = [];
for (const dtype of ['float32', 'float64']) {
  if (!results.rows.some((r) => r.dtype === dtype)) continue;
  for (const [name, svg] of Object.entries(charts(results, dtype))) {
    writeFileSync(join(outDir, name), `${svg}\n`);
    files.push(name);
  }
}
// The models suite writes its own file (default: models.json next to the main one).
const models = modelsSection(resolve(o.models ?? join(dirname(file), 'models.json')));
if (models.chart) {
  writeFileSync(join(outDir, 'models.svg'), `${models.chart}\n`);
  files.unshift('models.svg');
}
// The pool and prune suites too (default: pool.json next to the main file).
const pool = poolSection(resolve(o.pool ?? join(dirname(file), 'pool.json')));
writeFileSync(join(outDir, 'REPORT.md'), `${report(results, files, models, pool)}\n`);
console.error(`wrote ${relative(process.cwd(), join(outDir, 'REPORT.md'))} and ${files.length} charts from ${relative(process.cwd(), file)}`);
if (o.readme) {
  updateReadme(file, resolve(o.readme));
  const readme = readFileSync(resolve(o.readme), 'utf8');
  if (readme.includes(MODELS_START)) {
    writeFileSync(resolve(o.readme), replaceSection(readme, modelsReadme(resolve(o.models ?? join(dirname(file), 'models.json'))), MODELS_START, MODELS_END));
  }
  console.error(`updated the benchmark tables in ${o.readme}`);
}
