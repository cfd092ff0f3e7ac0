// Rewrites the README section between <!-- bench:start --> and <!-- bench:end --> from a result
// file: medians of every kernel op at 1M and 16M float32 and the wasm/js speedups.
//   node scripts/bench-table.mjs [bench/results/latest.json] [README.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bestParallel, find, fmtGbps, fmtRatio, kernelOps, loadResults, ms, provenance, ratio, sizeLabel } from './bench-data.mjs';

export const START = '<!-- bench:start -->';
export const END = '<!-- bench:end -->';

/** The markdown that goes between the markers. */
export function readmeTable({ header, rows }, resultPath = 'bench/results/latest.json') {
  const sizes = [1 << 20, 1 << 24].filter((n) => rows.some((r) => r.n === n && r.dtype === 'float32'));
  const out = [
    `Medians (ms) of one run, float32; speedup = js median / wasm median. Measured on ${provenance(header)}.`,
    `Reproduce: \`npm run build && npm run bench -- --json ${resultPath} && npm run bench:report\``,
    `(full report with float64, peers, cold start and charts: [bench/results/REPORT.md](bench/results/REPORT.md)).`,
    '',
  ];
  if (sizes.length === 0) {
    out.push('_No 1M or 16M float32 rows in this result file._');
    return out.join('\n');
  }
  const cols = sizes.flatMap((n) => [`js ${sizeLabel(n)}`, `wasm ${sizeLabel(n)}`, `parallel ${sizeLabel(n)}`, `wasm/js ${sizeLabel(n)}`, `parallel/js ${sizeLabel(n)}`]);
  out.push(`| op | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
  // Ops with a plain-JS row at these sizes (kernels, optimizer steps): the README shows speedups.
  for (const op of kernelOps(rows).filter((o) => sizes.some((n) => find(rows, o, 'float32', n, 'js')))) {
    const cells = sizes.flatMap((n) => {
      const js = find(rows, op, 'float32', n, 'js');
      const wasm = find(rows, op, 'float32', n, 'wasm');
      const par = bestParallel(rows, op, 'float32', n);
      return [ms(js?.median_ms), ms(wasm?.median_ms), par ? `${ms(par.median_ms)} (×${par.threads})` : '–', fmtRatio(ratio(js, wasm)), fmtRatio(ratio(js, par))];
    });
    out.push(`| ${op} | ${cells.join(' | ')} |`);
  }
  const copies = sizes.map((n) => find(rows, 'copy', 'float32', n, 'copy'));
  const prox = sizes.map((n) => find(rows, 'prox/l1', 'float32', n, 'wasm'));
  out.push(
    '',
    `Memory-copy yardstick (\`Float32Array.prototype.set\`, same bytes as an in-place pass): ${sizes
      .map((n, i) => `${sizeLabel(n)}: ${fmtGbps(copies[i])} GB/s (wasm prox/l1: ${fmtGbps(prox[i])} GB/s)`)
      .join('; ')}.`,
  );
  out.push('', ...optimizerTable(rows, torchResults(resultPath)));
  return out.join('\n');
}

/** PyTorch's rows, from bench/results/torch_optim.json beside the result file (run by hand). */
function torchResults(resultPath) {
  try {
    return JSON.parse(readFileSync(resolve(resultPath, '../torch_optim.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Optimizer steps at 4M and 16M float32 against PyTorch's foreach implementation. */
export function optimizerTable(rows, torch) {
  const ops = ['sgd_momentum_step', 'adam_step', 'adamw_step'].filter((op) => rows.some((r) => r.op === op));
  if (ops.length === 0) return [];
  const sizes = [1 << 22, 1 << 24];
  const tr = (op, n, t) => torch?.rows.find((r) => r.op === op && r.n === n && r.dtype === 'float32' && r.threads === t);
  const cols = ['js', 'wasm', 'parallel', ...(torch ? ['torch ×1', 'torch ×2'] : [])];
  const out = [
    `Optimizer steps, float32, median ms per step (all tensors in one step)${
      torch ? `; PyTorch ${torch.torch} foreach rows from \`${torch.command}\` on ${torch.machine}, a separate run` : ''
    }:`,
    '',
    `| step | n | ${cols.join(' | ')} |`,
    `|---|---:|${cols.map(() => '---:').join('|')}|`,
  ];
  for (const op of ops)
    for (const n of sizes) {
      const par = bestParallel(rows, op, 'float32', n);
      const cells = [
        ms(find(rows, op, 'float32', n, 'js')?.median_ms),
        ms(find(rows, op, 'float32', n, 'wasm')?.median_ms),
        par ? `${ms(par.median_ms)} (×${par.threads})` : '–',
        ...(torch ? [ms(tr(op, n, 1)?.median_ms), ms(tr(op, n, 2)?.median_ms)] : []),
      ];
      out.push(`| ${op} | ${sizeLabel(n)} | ${cells.join(' | ')} |`);
    }
  return out;
}

/** Replaces the marked section of `readme` (a string); throws when the markers are missing. */
export function replaceSection(readme, body, start = START, end = END) {
  const a = readme.indexOf(start), b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} … ${end} section`);
  return `${readme.slice(0, a + start.length)}\n${body}\n${readme.slice(b)}`;
}

export function updateReadme(resultFile, readmeFile) {
  const results = loadResults(resultFile);
  const readme = readFileSync(readmeFile, 'utf8');
  const rel = resultFile.startsWith(process.cwd()) ? resultFile.slice(process.cwd().length + 1) : resultFile;
  writeFileSync(readmeFile, replaceSection(readme, readmeTable(results, rel)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = resolve(process.argv[2] ?? 'bench/results/latest.json');
  const readme = resolve(process.argv[3] ?? 'README.md');
  updateReadme(file, readme);
  console.error(`updated the benchmark table in ${readme} from ${file}`);
}
