// The benchmark harness: tinybench with warm-up, medians and p90 from retained samples, typed rows.
import { Bench } from 'tinybench';

/** One result row (docs/design.md §7). `gbps` counts the bytes the op must read plus write once. */
export interface Row {
  op: string;
  dtype: 'float32' | 'float64' | '-';
  n: number;
  impl: string;
  threads: number;
  median_ms: number;
  p90_ms: number;
  gbps: number | null;
  /** Extra figures of a row (the models suite: λ grid, objectives, peer versions). */
  detail?: Record<string, unknown>;
}

export interface BenchContext {
  /** Element counts to run (suites may use their own where the issue fixes them). */
  sizes: number[];
  /** Thread counts for parallel rows. */
  threads: number[];
  /** Short runs (smoke tests, CI): fewer samples, small sizes. */
  quick: boolean;
  log(line: string): void;
}

export interface Suite {
  name: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export interface Timing {
  median_ms: number;
  p90_ms: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export interface MeasureOptions {
  quick?: boolean;
  /** Sampling time budget in ms (samples continue until both this and `iterations` are reached). */
  timeMs?: number;
  /** Minimum samples (default 10; 3 when quick). */
  iterations?: number;
  /** Minimum warm-up runs (default 5; 2 when quick). */
  warmupIterations?: number;
  /** Untimed setup before every sample (e.g. restoring the input of an in-place op). */
  beforeEach?: () => void;
}

/**
 * Runs `fn` once (after `beforeEach`), awaiting it, and says whether it returned a promise. tinybench
 * must be told: left to find out, it calls the function itself when the task is added and does not
 * await what it returns, so an async engine call ran unawaited while the first timed one queued
 * behind it, and its in-place input was restored (beforeEach) while that stray call still worked on
 * it. Measured: 16M float64 prune sharded 300 ms instead of 85 ms when a bench was built per turn.
 */
async function runsAsync(fn: () => unknown, beforeEach?: () => void): Promise<boolean> {
  beforeEach?.();
  const r = fn();
  const thenable = typeof (r as PromiseLike<unknown> | undefined)?.then === 'function';
  if (thenable) await r;
  return thenable;
}

/**
 * Times `fn` with tinybench: warm-up first (V8 runs new wasm in a baseline tier), then samples for
 * `timeMs`; returns the median and p90 in ms.
 */
export async function measure(fn: () => unknown, opts: MeasureOptions = {}): Promise<Timing> {
  const time = opts.timeMs ?? (opts.quick ? 50 : 400);
  const bench = new Bench({
    time,
    iterations: opts.iterations ?? (opts.quick ? 3 : 10),
    warmup: true,
    warmupTime: Math.min(200, time / 2),
    warmupIterations: opts.warmupIterations ?? (opts.quick ? 2 : 5),
    retainSamples: true,
  });
  const async = await runsAsync(fn, opts.beforeEach);
  bench.add('task', fn as () => void, { async, ...(opts.beforeEach ? { beforeEach: opts.beforeEach } : {}) });
  await bench.run();
  const r = bench.tasks[0]!.result as unknown as { latency?: { p50: number; samples?: number[] }; error?: unknown };
  if (r.error) throw r.error;
  const lat = r.latency!;
  const samples = lat.samples ? [...lat.samples].sort((a, b) => a - b) : [];
  return { median_ms: lat.p50, p90_ms: samples.length ? percentile(samples, 0.9) : lat.p50 };
}

/** GB/s for `bytes` moved in `ms`. */
export function gbps(bytes: number, ms: number): number {
  return bytes / (ms * 1e6);
}

export function row(base: Omit<Row, 'median_ms' | 'p90_ms' | 'gbps'>, t: Timing, bytes: number | null): Row {
  return { ...base, median_ms: t.median_ms, p90_ms: t.p90_ms, gbps: bytes === null ? null : gbps(bytes, t.median_ms) };
}

/** One of several ways of doing the same work, timed by {@link measureInterleaved}. */
export interface InterleavedTask {
  name: string;
  fn: () => unknown;
  /** Untimed setup before every sample (e.g. restoring the input of an in-place op). */
  beforeEach?: () => void;
}

/** Untimed calls of each task before {@link measureInterleaved} times it. */
const WARM_CALLS = 12;

export interface InterleavedOptions {
  quick?: boolean;
  /** Sampling time budget in ms for all tasks together (default 1500; 60 when quick). */
  timeMs?: number;
  /** Minimum rounds (default 15; 3 when quick). */
  rounds?: number;
  /** About how long one task's turn in a round lasts, in ms (default 4; sets the samples per turn). */
  turnMs?: number;
}

/**
 * Times tasks that are compared with each other (inline against sharded against auto) in one run,
 * interleaved: a tinybench warm-up of each, then rounds in which every task takes a turn of a few
 * tinybench samples, in an order rotated each round, until the budget is spent. Returns each task's
 * median and p90 over all its samples.
 *
 * Why not one tinybench run per task: tinybench times a bench's tasks one after another, and on a
 * shared 2-core VM the load from other processes drifts within seconds, so rows timed a second apart
 * differed by 20–40% even where two tasks ran the very same code (auto mode below its threshold and
 * inline). Interleaved, drift hits every task alike and the ratios between them are what is left.
 */
export async function measureInterleaved(tasks: InterleavedTask[], opts: InterleavedOptions = {}): Promise<Timing[]> {
  const quick = opts.quick ?? false;
  const budgetMs = opts.timeMs ?? (quick ? 60 : 1500);
  const minRounds = opts.rounds ?? (quick ? 3 : 15);
  const turnMs = opts.turnMs ?? 4;
  const isAsync: boolean[] = [];
  for (const t of tasks) isAsync.push(await runsAsync(t.fn, t.beforeEach));
  const hooks = (t: InterleavedTask) => (t.beforeEach ? { beforeEach: t.beforeEach } : {});
  // Warm-up: V8 tiers up new wasm and JS after some calls, and auto mode learns each size class in
  // its first 8 calls (a run of each mode): a timed call before that measures the learning.
  for (const t of tasks) {
    for (let k = 0; k < (quick ? 2 : WARM_CALLS); k++) {
      t.beforeEach?.();
      await t.fn();
    }
  }
  // Then a short tinybench run of each sizes its turns.
  const per: number[] = [];
  for (const t of tasks) {
    const warm = await measure(t.fn, { quick: true, timeMs: quick ? 10 : 60, iterations: 3, ...hooks(t) });
    per.push(Math.max(1, Math.min(200, Math.round(turnMs / Math.max(warm.median_ms, 1e-4)))));
  }
  const samples: number[][] = tasks.map(() => []);
  const start = performance.now();
  for (let round = 0; round < minRounds || performance.now() - start < budgetMs; round++) {
    for (let j = 0; j < tasks.length; j++) {
      const i = (j + round) % tasks.length, t = tasks[i]!;
      // One bench per turn: tinybench's iterations are per bench, and each task has its own count.
      const bench = new Bench({ time: 0, iterations: per[i]!, warmup: false, retainSamples: true });
      bench.add(t.name, t.fn as () => void, { async: isAsync[i]!, ...hooks(t) });
      await bench.run();
      const r = bench.tasks[0]!.result as unknown as { latency?: { samples?: number[] }; error?: unknown };
      if (r.error) throw r.error;
      samples[i]!.push(...(r.latency?.samples ?? []));
    }
  }
  return samples.map((s) => {
    const sorted = [...s].sort((a, b) => a - b);
    return { median_ms: percentile(sorted, 0.5), p90_ms: percentile(sorted, 0.9) };
  });
}
