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
  bench.add('task', fn as () => void, opts.beforeEach ? { beforeEach: opts.beforeEach } : {});
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
