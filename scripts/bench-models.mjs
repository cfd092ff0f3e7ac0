// The Models section of REPORT.md from the models suite's own result file
// (`npm run bench -- --suite models --json bench/results/models.json`): time per path and per CV for
// shrinkage and its peers, the ratios, the objective comparison at the peers' λ values, and a chart.
import { existsSync } from 'node:fs';
import { loadResults, ms, provenance } from './bench-data.mjs';

const OPS = {
  'spam-l1-path': 'L1-logistic path, 20 λ, SpamAssassin (6046 × 16312 CSR)',
  'spam-l1-path-std': 'the same, standardize: true',
  'spam-l1-cv': '5-fold CV of the L1-logistic path',
  'dense-l1-path': 'lasso path, 100 λ, dense 10000 × 1000, standardize: true',
  'spam-l2-path': 'ridge-logistic path, 20 λ to 10⁻⁵·λ_max, SpamAssassin',
};
/** Short labels for the chart. */
const SHORT = {
  'spam-l1-path': 'spam: L1-logistic path (20 λ)',
  'spam-l1-path-std': 'spam: the same, standardized',
  'spam-l1-cv': 'spam: 5-fold CV of the path',
  'dense-l1-path': 'dense: lasso path (100 λ)',
  'spam-l2-path': 'spam: ridge-logistic path (20 λ)',
};
const TARGETS = {
  'spam-l1-path': { peer: 'glmnet', want: 1.0, moonshot: 0.5 },
  'dense-l1-path': { peer: 'glmnet', want: 1.0 },
  'spam-l1-cv': { peer: 'glmnet', want: 1.0, moonshot: 0.5, parallel: true },
};

const pick = (rows, op, impl) => rows.filter((r) => r.op === op && r.impl === impl).sort((a, b) => a.median_ms - b.median_ms)[0];
const best = (rows, op) => [pick(rows, op, 'wasm'), pick(rows, op, 'wasm-parallel')].filter(Boolean).sort((a, b) => a.median_ms - b.median_ms)[0];
const x = (a, b) => (a && b ? `${(a.median_ms / b.median_ms).toFixed(2)}×` : '–');
const sci = (v) => (typeof v === 'number' && Number.isFinite(v) ? v.toExponential(1) : '–');

/** Markdown for the models file, or a note when it is absent. */
export function modelsSection(file) {
  if (!existsSync(file)) return { md: `_No models result file (${file}): run \`npm run bench -- --suite models --json bench/results/models.json\`._`, chart: undefined };
  const { header, rows } = loadResults(file);
  const peers = [...new Set(rows.filter((r) => r.threads === 0).map((r) => r.impl))];
  const versions = [...new Set(rows.filter((r) => r.detail?.version).map((r) => r.detail.version))];
  const lines = [
    `${header.quick ? '**QUICK run (smaller data sets, one sample): not for quoting.** ' : ''}Measured on ${provenance(header)}${header.loadavg ? `; load average ${header.loadavg.map((v) => v.toFixed(2)).join(' → ')}` : ''}; peers: ${versions.join(', ') || 'none installed'}.`,
    'Medians over the run\'s samples (shrinkage: tinybench after a warm-up run; peers: their scripts\' own repeats, the first included). Ratios are shrinkage\'s best / the peer\'s (below 1: shrinkage is faster).',
    '',
    `| work | wasm ×1 ms | wasm-parallel ms | ${peers.map((p) => `${p} ms`).join(' | ')} | best / glmnet | best / sklearn |`,
    `|---|---:|---:|${peers.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const [op, what] of Object.entries(OPS)) {
    const w = pick(rows, op, 'wasm'), p = pick(rows, op, 'wasm-parallel'), b = best(rows, op);
    if (!w && !p) continue;
    const sk = pick(rows, op, 'sklearn') ?? pick(rows, op, 'sklearn-liblinear');
    lines.push(`| ${what} | ${ms(w?.median_ms)} | ${p ? `${ms(p.median_ms)} (×${p.threads})` : '–'} | ${peers.map((i) => ms(pick(rows, op, i)?.median_ms)).join(' | ')} | ${x(b, pick(rows, op, 'glmnet'))} | ${x(b, sk)} |`);
  }
  lines.push('', '### Targets', '', '| target | measured | wanted | verdict |', '|---|---:|---:|---|');
  for (const [op, t] of Object.entries(TARGETS)) {
    const b = t.parallel ? pick(rows, op, 'wasm-parallel') ?? best(rows, op) : best(rows, op), g = pick(rows, op, t.peer);
    const r = b && g ? b.median_ms / g.median_ms : undefined;
    const verdict = r === undefined ? 'not measured' : r <= (t.moonshot ?? 0) ? 'met (moonshot too)' : r <= t.want ? 'met' : 'NOT met';
    lines.push(`| ${OPS[op]}: shrinkage / ${t.peer}${t.parallel ? ' (both cores)' : ''} | ${r === undefined ? '–' : `${r.toFixed(2)}×`} | ≤ ${t.want}×${t.moonshot ? ` (moonshot ≤ ${t.moonshot}×)` : ''} | ${verdict} |`);
  }
  for (const r of rows.filter((q) => q.impl === 'glmnet' && q.detail?.maxRelExcess !== undefined)) {
    const v = r.detail.maxRelExcess;
    lines.push(`| ${OPS[r.op]}: objective at every λ vs glmnet's | worst ${sci(v)} relative | ≤ glmnet × (1 + 1e-6) | ${v <= 1e-6 ? 'met' : 'NOT met'} |`);
  }
  const obj = rows.filter((r) => r.detail?.maxRelExcess !== undefined);
  if (obj.length) {
    lines.push('', '### Objectives at the peers\' own λ values', '',
      'shrinkage fits each peer\'s λ values at its default tolerance; both objectives are computed from the coefficients by the same code. Worst (ours − peer\'s)/peer\'s over the path (negative: ours is lower at every λ), and the peer\'s own worst distance to ours where it is above.', '',
      '| work | peer | λ values | worst (ours − peer) / peer | peer above ours by at most | nonzeros at the last λ (ours / peer) |', '|---|---|---:|---:|---:|---:|');
    for (const r of obj) {
      const d = r.detail, ex = d.objective.map((o, k) => (d.peerObjective[k] - o) / Math.abs(o));
      lines.push(`| ${OPS[r.op]} | ${r.impl} | ${d.lambdas.length} | ${sci(d.maxRelExcess)} | ${sci(Math.max(...ex))} | ${d.nnz.at(-1)} / ${d.peerNnz.at(-1)} |`);
    }
  }
  return { md: lines.join('\n'), chart: chart(rows, header, peers) };
}

/** Horizontal bars, log time axis: one group per work, one bar per impl. */
function chart(rows, header, peers) {
  const impls = ['wasm', 'wasm-parallel', ...peers];
  const colors = { wasm: '#1f77b4', 'wasm-parallel': '#2ca02c', glmnet: '#d62728', sklearn: '#9467bd', 'sklearn-liblinear': '#8c564b', 'sklearn-saga': '#7f7f7f' };
  const groups = Object.keys(OPS).map((op) => ({ what: SHORT[op], bars: impls.map((i) => ({ i, r: pick(rows, op, i) })).filter((b) => b.r) })).filter((g) => g.bars.length);
  const bh = 14, gap = 16, left = 215, width = 820, plot = width - left - 150;
  const all = groups.flatMap((g) => g.bars.map((b) => b.r.median_ms));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all)))), hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const xOf = (v) => left + (plot * Math.log10(v / lo)) / Math.log10(hi / lo);
  let y = 50;
  const parts = [];
  for (const g of groups) {
    parts.push(`<text x="${left - 8}" y="${y + (g.bars.length * bh) / 2 + 4}" text-anchor="end" font-size="12">${g.what}</text>`);
    for (const b of g.bars) {
      parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, xOf(b.r.median_ms) - left).toFixed(1)}" height="${bh - 2}" fill="${colors[b.i] ?? '#17becf'}"/>`);
      parts.push(`<text x="${(xOf(b.r.median_ms) + 4).toFixed(1)}" y="${y + bh - 4}" font-size="10">${b.i} ${ms(b.r.median_ms)} ms</text>`);
      y += bh;
    }
    y += gap;
  }
  const ticks = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) ticks.push(`<line x1="${xOf(v)}" y1="40" x2="${xOf(v)}" y2="${y}" stroke="#ddd"/><text x="${xOf(v)}" y="${y + 14}" text-anchor="middle" font-size="10">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
  const h = y + 40;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="22" font-size="14" font-weight="bold">Model fits: shrinkage vs glmnet and scikit-learn (median time, log scale)</text>
${ticks.join('\n')}
${parts.join('\n')}
<text x="10" y="${h - 8}" font-size="10">${provenance(header).replace(/&/g, '&amp;')}</text>
</svg>`;
}

export const MODELS_START = '<!-- models:start -->';
export const MODELS_END = '<!-- models:end -->';

/** The README's short models table (between the models markers), from the models file. */
export function modelsReadme(file) {
  if (!existsSync(file)) return '_No models result file: run `npm run bench -- --suite models --json bench/results/models.json`._';
  const { header, rows } = loadResults(file);
  const out = [
    `Median time of one run on ${provenance(header)}; glmnet and scikit-learn on the same data in the same run`,
    '(`npm run bench -- --suite models --json bench/results/models.json && npm run bench:report`; details, objectives',
    'and targets in [bench/results/REPORT.md](bench/results/REPORT.md#models)).',
    '',
    '| work | shrinkage ×1 | shrinkage ×2 | glmnet | scikit-learn | ×2 / glmnet |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const [op, what] of Object.entries(OPS)) {
    const w = pick(rows, op, 'wasm'), p = pick(rows, op, 'wasm-parallel'), g = pick(rows, op, 'glmnet');
    if (!w && !p) continue;
    const sk = pick(rows, op, 'sklearn') ?? pick(rows, op, 'sklearn-liblinear');
    const s = (r) => (r ? `${ms(r.median_ms)} ms` : '–');
    out.push(`| ${what} | ${s(w)} | ${s(p)} | ${s(g)} | ${sk ? `${s(sk)}${sk.impl === 'sklearn-liblinear' ? ' (liblinear)' : ''}` : '–'} | ${x(p ?? w, g)} |`);
  }
  return out.join('\n');
}
