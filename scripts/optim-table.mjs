// Prints the markdown table of docs/optim.md from bench/results/optim.json and torch_optim.json.
// Usage: node scripts/optim-table.mjs
import { readFileSync } from 'node:fs';
const ours = JSON.parse(readFileSync(new URL('../bench/results/optim.json', import.meta.url), 'utf8'));
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
