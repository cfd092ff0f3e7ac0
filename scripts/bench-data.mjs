// Reading a benchmark result file (`npm run bench -- --json FILE`): lookups, labels and formats
// shared by bench-table.mjs (README), bench-report.mjs (REPORT.md) and bench-charts.mjs (SVG).
import { readFileSync } from 'node:fs';

/** Loads { header, rows }; duplicate (op, dtype, n, impl, threads) rows keep the first one. */
export function loadResults(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (!data || !data.header || !Array.isArray(data.rows)) throw new Error(`${file}: expected { header, rows } from npm run bench -- --json`);
  const seen = new Set();
  const rows = [];
  for (const r of data.rows) {
    const k = keyOf(r);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push(r);
  }
  return { header: data.header, rows };
}

export const keyOf = (r) => `${r.op}|${r.dtype}|${r.n}|${r.impl}|${r.threads}`;

/** Impl label as the tables print it: wasm-parallel carries its thread count. */
export const implLabel = (r) => (r.impl === 'wasm-parallel' ? `wasm-parallel×${r.threads}` : r.impl);

export function find(rows, op, dtype, n, impl, threads) {
  return rows.find((r) => r.op === op && r.dtype === dtype && r.n === n && r.impl === impl && (threads === undefined || r.threads === threads));
}

/** The fastest wasm-parallel row for (op, dtype, n), over the thread counts measured. */
export function bestParallel(rows, op, dtype, n) {
  let best;
  for (const r of rows) {
    if (r.op === op && r.dtype === dtype && r.n === n && r.impl === 'wasm-parallel' && (!best || r.median_ms < best.median_ms)) best = r;
  }
  return best;
}

export const unique = (xs) => [...new Set(xs)];

export function sizeLabel(n) {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)}M`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)}K`;
  return String(n);
}

export function ms(x) {
  if (x === undefined || x === null || !Number.isFinite(x)) return '–';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

export const ratio = (a, b) => (a && b ? a.median_ms / b.median_ms : undefined);
export const fmtRatio = (x) => (x === undefined ? '–' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`);
export const fmtGbps = (r) => (r && r.gbps != null ? r.gbps.toFixed(1) : '–');

/** One line naming where and how the numbers were measured (every table and figure carries it). */
export function provenance(h) {
  const day = h.date.slice(0, 16).replace('T', ' ');
  return `${h.machine}; CPU ${h.cpu}, ${h.cores} cores; Node ${h.node} (V8 ${h.v8}); ${day} UTC`;
}

/** Ops with js / wasm / wasm-parallel rows (kernels and optimizer steps), in file order. */
export function kernelOps(rows) {
  const skip = (op) => op === 'copy' || op.startsWith('coldstart/');
  return unique(rows.filter((r) => !skip(r.op) && ['js', 'wasm', 'wasm-parallel'].includes(r.impl)).map((r) => r.op));
}
