// The parallel engine's tables from the pool and prune suites' result file
// (`npm run bench -- --suite pool,prune --threads 2 --json bench/results/pool.json`): fork/join
// latency, inline / sharded / auto mode per verb and size, and pruning on a multi-thread engine.
// bench-report.mjs puts them in REPORT.md; run alone, this rewrites the section of docs/parallel.md
// between the pool markers:
//   node scripts/bench-pool.mjs [bench/results/pool.json] [docs/parallel.md]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { find, loadResults, ms, provenance, sizeLabel, unique } from './bench-data.mjs';
import { replaceSection } from './bench-table.mjs';

export const POOL_START = '<!-- pool:start -->';
export const POOL_END = '<!-- pool:end -->';
const COMMAND = 'npm run bench -- --suite pool,prune --threads 2 --json bench/results/pool.json';
/** Auto mode's aim: never more than 10% slower than the faster of inline and sharded. */
const AIM = 1.1;

const us = (r) => (r ? (r.median_ms * 1e3).toFixed(1) : '–');
const x2 = (v) => (v === undefined ? '–' : v.toFixed(2));
const div = (a, b) => (a && b ? a.median_ms / b.median_ms : undefined);

/** inline, sharded, auto (and the twin) rows of one (op, dtype, n), and auto over the faster mode. */
function modes(rows, op, dtype, n, threads) {
  const [i, s, a, t] = ['wasm', 'wasm-parallel', 'wasm-auto', 'wasm-twin'].map((impl) => find(rows, op, dtype, n, impl, impl === 'wasm' || impl === 'wasm-twin' ? undefined : threads));
  const faster = i && s ? (i.median_ms <= s.median_ms ? i : s) : undefined;
  return { i, s, a, t, autoOverFaster: div(a, faster) };
}

/** "X of Y rows", and the rows that missed the aim. */
function verdict(list) {
  const judged = list.filter((m) => m.autoOverFaster !== undefined);
  const miss = judged.filter((m) => m.autoOverFaster > AIM);
  const twin = (m) => (m.t && m.i ? `, twin / inline ${x2(div(m.t, m.i))}` : '');
  return `Auto mode was within 10% of the faster of inline and sharded in **${judged.length - miss.length} of ${judged.length}** rows${miss.length ? ` (not in: ${miss.map((m) => `${m.label} ${x2(m.autoOverFaster)}${twin(m)}`).join('; ')})` : ''}.`;
}

/** The markdown of the section, or a note when the file is absent. */
export function poolSection(file) {
  if (!existsSync(file)) return `_No pool result file (${file}): run \`${COMMAND}\`._`;
  const { header, rows } = loadResults(file);
  const out = [
    `${header.quick ? '**QUICK run (tiny sizes, few samples): not for quoting.** ' : ''}Measured on ${provenance(header)}; 1-min load average ${header.loadavg.map((v) => v.toFixed(2)).join(' → ')}. Made with \`${COMMAND}\`.`,
    'Each row times its modes interleaved in one run (rounds of turns, order rotated; medians of tinybench samples after',
    'a warm-up that covers auto mode\'s first 8 calls of a class): `inline` = `createEngine({ threads: 1 })`, `sharded` =',
    '`parallelMinElements: 0` (always shard), `auto` = the default, all through the async verbs, 2 threads. `twin` is a',
    'second one-thread engine running the same code as `inline`: how far apart two identical engines land is the floor',
    'under every auto / faster figure.',
    '',
  ];
  const fj = ['forkjoin-noop', 'forkjoin-wake', 'piscina-roundtrip'].map((op) => rows.find((r) => r.op === op)).filter(Boolean);
  if (fj.length) {
    out.push('| fork/join | median µs | p90 µs |', '|---|---:|---:|');
    for (const r of fj) out.push(`| ${r.op} | ${us(r)} | ${(r.p90_ms * 1e3).toFixed(1)} |`);
    out.push('');
  }
  // One table row per thread count of the auto rows (the committed run has one: 2).
  const counts = unique(rows.filter((r) => r.impl === 'wasm-auto').map((r) => r.threads)).sort((a, b) => a - b);
  const tag = (t) => (counts.length > 1 ? ` ×${t}` : '');
  const poolOps = ['prox-l1', 'addPenaltyGrad-l1', 'stats-pool'].filter((op) => rows.some((r) => r.op === op));
  const list = [];
  if (poolOps.length) {
    out.push('| op (float32) | n | inline µs | sharded µs | auto µs | twin µs | sharded speed-up | auto / faster |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const op of poolOps) {
      for (const n of unique(rows.filter((r) => r.op === op).map((r) => r.n)).sort((a, b) => a - b)) for (const t of counts) {
        const m = modes(rows, op, 'float32', n, t);
        list.push({ ...m, label: `${op} ${sizeLabel(n)}${tag(t)}` });
        out.push(`| ${op}${tag(t)} | ${sizeLabel(n)} | ${us(m.i)} | ${us(m.s)} | ${us(m.a)} | ${us(m.t)} | ${x2(div(m.i, m.s))}× | ${x2(m.autoOverFaster)} |`);
      }
    }
    const spread = list.filter((m) => m.i && m.t).map((m) => Math.max(div(m.t, m.i), div(m.i, m.t)) - 1).sort((a, b) => a - b);
    out.push('', `${verdict(list)}${spread.length ? ` The twin engines differed by ${(spread[spread.length >> 1] * 100).toFixed(0)}% in the median row and ${(spread.at(-1) * 100).toFixed(0)}% at most.` : ''}`, '');
  }
  const pruneOps = ['prune-pool', 'prune-pool/group'].filter((op) => rows.some((r) => r.op === op));
  if (pruneOps.length) {
    const plist = [];
    out.push('| prune | dtype | n | inline ms | sharded ms | auto ms | auto / inline | auto / faster |', '|---|---|---:|---:|---:|---:|---:|---:|');
    for (const dtype of ['float32', 'float64']) {
      for (const op of pruneOps) {
        for (const n of unique(rows.filter((r) => r.op === op && r.dtype === dtype).map((r) => r.n)).sort((a, b) => a - b)) for (const t of counts) {
          const m = modes(rows, op, dtype, n, t);
          plist.push({ ...m, label: `${op} ${dtype} ${sizeLabel(n)}${tag(t)}`, autoOverInline: div(m.a, m.i) });
          out.push(`| ${op === 'prune-pool' ? 'entries' : 'groups of 64'}${tag(t)} | ${dtype} | ${sizeLabel(n)} | ${ms(m.i?.median_ms)} | ${ms(m.s?.median_ms)} | ${ms(m.a?.median_ms)} | ${x2(div(m.a, m.i))} | ${x2(m.autoOverFaster)} |`);
        }
      }
    }
    const worst = plist.filter((m) => m.autoOverInline !== undefined).sort((a, b) => b.autoOverInline - a.autoOverInline)[0];
    out.push('', `${verdict(plist)}${worst ? ` Pruning on the multi-thread engine (auto) against inline: at worst ${x2(worst.autoOverInline)}× (${worst.label}).` : ''}`);
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = resolve(process.argv[2] ?? 'bench/results/pool.json');
  const doc = resolve(process.argv[3] ?? 'docs/parallel.md');
  const text = readFileSync(doc, 'utf8');
  if (!text.includes(POOL_START)) throw new Error(`${doc} has no ${POOL_START} … ${POOL_END} section`);
  writeFileSync(doc, replaceSection(text, poolSection(file), POOL_START, POOL_END));
  console.error(`updated the pool tables in ${doc} from ${file}`);
}
