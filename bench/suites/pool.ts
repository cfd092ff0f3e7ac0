// The parallel engine: no-op fork/join latency, and auto mode against inline and always-sharded
// runs of the same verbs at sizes around the inline/sharded threshold and up to 16M elements.
import { createEngine } from '../../src/engine/create.js';
import type { Engine } from '../../src/engine/engine.js';
import { l1 } from '../../src/engine/regularizers.js';
import { Arena } from '../../src/memory/arena.js';
import { createBoard } from '../../src/pool/mailbox.js';
import { createPoolExecutor } from '../../src/pool/pool-executor.js';
import { workerFile } from '../../src/pool/worker-path.js';
import { compileKernels, instantiateKernels } from '../../src/wasm/load.js';
import type { FloatArray } from '../../src/dtype.js';
import type { KernelCall } from '../../src/kernels/types.js';
import { measure, measureInterleaved, row, type BenchContext, type Row, type Suite } from '../harness.js';

const SIZES = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 17, 1 << 18, 1 << 20, 1 << 22, 1 << 24];
const QUICK_SIZES = [1 << 10, 1 << 14, 1 << 16, 1 << 18];

interface Op {
  op: string;
  /** Bytes read + written per element (f32). */
  bytes: number;
  arrays: number;
  run(e: Engine, a: FloatArray[]): Promise<unknown>;
}

const OPS: Op[] = [
  { op: 'prox-l1', bytes: 8, arrays: 1, run: (e, [w]) => e.prox(w!, l1(1e-3), 0.1) },
  // Named apart from the kernels suite's 'stats' rows: report tables key rows by op.
  { op: 'stats-pool', bytes: 4, arrays: 1, run: (e, [w]) => e.stats(w!) },
  { op: 'addPenaltyGrad-l1', bytes: 12, arrays: 2, run: (e, [g, w]) => e.addPenaltyGrad(g!, w!, l1(1e-6)) },
];

/**
 * A fork/join that does (almost) nothing: prox_l1 with τ = 0 over 16 elements per thread, straight
 * to the executor. 'forkjoin-noop': as every call runs (the caller claims chunks too);
 * 'forkjoin-wake': the caller only waits, so the time is the worker's wake-up round trip.
 */
export async function forkJoinRows(threads: number, quick: boolean, log: (l: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [op, callerClaims] of [['forkjoin-noop', true], ['forkjoin-wake', false]] as const)
    rows.push(await forkJoinRow(op, callerClaims, threads, quick, log));
  rows.push(await piscinaRow(threads, quick, log));
  return rows;
}

/** The baseline: piscina's own message round trip, one trivial task per worker (threads − 1 of them). */
async function piscinaRow(threads: number, quick: boolean, log: (l: string) => void): Promise<Row> {
  const { Piscina } = await import('piscina');
  const memory = new WebAssembly.Memory({ initial: 32, maximum: 64, shared: true });
  const board = createBoard(threads - 1);
  const workers = threads - 1;
  const pool = new Piscina({
    filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: Infinity, recordTiming: false,
    workerData: { module: compileKernels(), memory, control: board.control, payload: board.payload, idleMs: 1 },
  });
  const tasks = Array.from({ length: workers }, (_, i) => i);
  const t = await measure(() => Promise.all(tasks.map((i) => pool.run(i, { name: 'echo' }))), { quick, timeMs: quick ? 100 : 1000 });
  await pool.destroy();
  log(`piscina-roundtrip threads=${threads}: median ${(t.median_ms * 1e3).toFixed(1)} µs, p90 ${(t.p90_ms * 1e3).toFixed(1)} µs`);
  return row({ op: 'piscina-roundtrip', dtype: '-', n: 0, impl: 'piscina', threads }, t, null);
}

async function forkJoinRow(op: string, callerClaims: boolean, threads: number, quick: boolean, log: (l: string) => void): Promise<Row> {
  const memory = new WebAssembly.Memory({ initial: 32, maximum: 1024, shared: true });
  const arena = new Arena(memory, 1024 * 65536);
  const module = compileKernels();
  const exports = instantiateKernels(memory, module);
  const ex = await createPoolExecutor({ memory, module, exports, threads, parallelMinElements: 0, callerClaims });
  const ptr = arena.alloc(16 * 4 * threads);
  const calls: KernelCall[] = [{ kernel: 'prox_l1', dtype: 'float32', ptrs: [ptr], n: 16 * threads, scalars: [0] }];
  const t = await measure(() => ex.run(calls), { quick, timeMs: quick ? 100 : 1000 });
  await ex.close();
  log(`${op} threads=${threads}: median ${(t.median_ms * 1e3).toFixed(1)} µs, p90 ${(t.p90_ms * 1e3).toFixed(1)} µs`);
  return row({ op, dtype: 'float32', n: 16 * threads, impl: 'wasm-parallel', threads }, t, null);
}

/** The three ways a multi-thread engine can run a call, as bench impl labels and engine options. */
export const MODES = [
  ['wasm', { threads: 1 }],
  ['wasm-parallel', { parallelMinElements: 0 }],
  ['wasm-auto', {}],
] as const;

/**
 * Auto mode's time over the faster of inline and sharded, per (op, dtype, n) of `rows` that has all
 * three; the suites log it and scripts/bench-pool.mjs tabulates it.
 */
export function autoRatios(rows: Row[]): { op: string; dtype: string; n: number; ratio: number }[] {
  const out: { op: string; dtype: string; n: number; ratio: number }[] = [];
  for (const a of rows.filter((r) => r.impl === 'wasm-auto')) {
    const same = (impl: string, threads?: number) =>
      rows.find((r) => r.op === a.op && r.dtype === a.dtype && r.n === a.n && r.impl === impl && (threads === undefined || r.threads === threads));
    const i = same('wasm'), s = same('wasm-parallel', a.threads);
    if (i && s) out.push({ op: a.op, dtype: a.dtype, n: a.n, ratio: a.median_ms / Math.min(i.median_ms, s.median_ms) });
  }
  return out;
}

/** Logs how many rows had auto mode within 10% of the faster mode, and which did not. */
export function logAutoVerdict(rows: Row[], log: (l: string) => void): void {
  const r = autoRatios(rows);
  const miss = r.filter((x) => x.ratio > 1.1);
  const twin = (x: { op: string; dtype: string; n: number }): string => {
    const t = twinSpreads(rows.filter((r) => r.op === x.op && r.dtype === x.dtype && r.n === x.n))[0];
    return t === undefined ? '' : `; twin / inline ${t.toFixed(2)}`;
  };
  log(`auto mode within 10% of the faster of inline and sharded in ${r.length - miss.length} of ${r.length} rows${miss.length ? `; not in: ${miss.map((x) => `${x.op} ${x.dtype} ${x.n} (${x.ratio.toFixed(2)}${twin(x)})`).join(', ')}` : ''}`);
  const spread = twinSpreads(rows).map((x) => Math.max(x, 1 / x) - 1).sort((a, b) => a - b);
  if (spread.length) log(`the same code on two one-thread engines differed by ${pct(spread[spread.length >> 1]!)} (median) and ${pct(spread.at(-1)!)} (most) in the same rows`);
}

const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

/** wasm-twin / wasm per row: the spread between two engines running the same code. */
export function twinSpreads(rows: Row[]): number[] {
  return rows.filter((r) => r.impl === 'wasm-twin').flatMap((t) => {
    const w = rows.find((r) => r.op === t.op && r.dtype === t.dtype && r.n === t.n && r.impl === 'wasm');
    return w ? [t.median_ms / w.median_ms] : [];
  });
}

/**
 * A second one-thread engine, timed with the others: two engines running the very same code differ
 * by a few percent (where their memory landed, which core ran them), and the spread between them
 * is the floor under every "auto / faster" figure of the same row.
 */
const TWIN = ['wasm-twin', { threads: 1 }] as const;

async function modeRows(threads: number, ctx: BenchContext): Promise<Row[]> {
  const modes: [string, Engine][] = [];
  for (const [impl, o] of [...MODES, TWIN]) modes.push([impl, await createEngine({ threads, ...o })]);
  const rows: Row[] = [];
  try {
    for (const n of ctx.quick ? QUICK_SIZES : SIZES) {
      for (const op of OPS) {
        const arrays = modes.map(([, e]) => Array.from({ length: op.arrays }, () => e.alloc(n)));
        for (const a of arrays.flat()) for (let i = 0; i < n; i++) a[i] = Math.sin(i) * 1e-3;
        // The modes interleaved (measureInterleaved): their ratios are the point of the suite.
        const times = await measureInterleaved(
          modes.map(([impl, e], m) => ({ name: impl, fn: () => op.run(e, arrays[m]!) })),
          { quick: ctx.quick },
        );
        modes.forEach(([, e], m) => arrays[m]!.forEach((a) => e.free(a)));
        const line = modes.map(([impl], m) => {
          rows.push(row({ op: op.op, dtype: 'float32', n, impl, threads: impl.startsWith('wasm-') && impl !== 'wasm-twin' ? threads : 1 }, times[m]!, op.bytes * n));
          return `${impl} ${(times[m]!.median_ms * 1e3).toFixed(1)} µs`;
        });
        const best = Math.min(times[0]!.median_ms, times[1]!.median_ms);
        const twin = times[3]!.median_ms / times[0]!.median_ms;
        ctx.log(`${op.op} n=${n} threads=${threads}: ${line.join(', ')}; auto / faster ${(times[2]!.median_ms / best).toFixed(2)} (same code on two engines: ${twin.toFixed(2)})`);
      }
    }
  } finally {
    for (const [, e] of modes) await e.close();
  }
  logAutoVerdict(rows, ctx.log);
  return rows;
}

export const poolSuite: Suite = {
  name: 'pool',
  async run(ctx) {
    const rows: Row[] = [];
    for (const threads of ctx.threads.filter((t) => t > 1)) {
      rows.push(...(await forkJoinRows(threads, ctx.quick, ctx.log)));
      rows.push(...(await modeRows(threads, ctx)));
    }
    return rows;
  },
};
