// Prints the markdown table of docs/optim.md from bench/results/latest.json (npm run bench) and
// torch_optim.json (bench/peers/torch_optim.py, run by hand).
// Usage: node scripts/optim-table.mjs
import { readFileSync } from 'node:fs';
const all = JSON.parse(readFileSync(new URL('../bench/results/latest.json', import.meta.url), 'utf8'));
const ours = { machine: `${all.header.cpu}, ${all.header.cores} cores, Node ${all.header.node}`, rows: all.rows.filter((r) => r.op.endsWith('_step')) };
const torch = JSON.parse(readFileSync(new URL('../bench/results/torch_optim.json', import.meta.url), 'utf8'));
const rows = [...ours.rows, ...torch.rows];
const cols = [['js', 1], ['wasm', 1], ['wasm-parallel', 2], ['torch-foreach', 1], ['torch-foreach', 2]];
const find = (op, dtype, n, impl, t) => rows.find((r) => r.op === op && r.dtype === dtype && r.n === n && r.impl === impl && r.threads === t);
const cases = [...new Set(ours.rows.map((r) => `${r.op}|${r.dtype}|${r.n}`))].map((k) => k.split('|'));
console.log(`Median ms per step (${ours.machine}; torch ${torch.torch}).\n`);
console.log(`| op | dtype | n | ${cols.map(([i, t]) => `${i} ×${t}`).join(' | ')} |`);
console.log(`|---|---|---|${cols.map(() => '---:').join('|')}|`);
for (const [op, dtype, n] of cases) {
  const cells = cols.map(([i, t]) => { const r = find(op, dtype, +n, i, t); return r ? r.median_ms.toFixed(2) : '–'; });
  console.log(`| ${op} | ${dtype} | ${n} | ${cells.join(' | ')} |`);
}
