// Helpers shared by the suites: deterministic data, the engines each impl runs on, skipping a row
// whose op is not built yet, and per-size sampling budgets.
import { createEngine, type Engine } from '../../src/index.js';
import type { DType, FloatArray } from '../../src/index.js';
import { measure, row, type BenchContext, type Row, type Timing } from '../harness.js';

/** Uniform values in [-1, 1) from a fixed-seed xorshift generator: the same data for every impl. */
export function fillUniform(a: FloatArray | number[], seed = 12345): void {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < a.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = ((s >>> 0) / 4294967296) * 2 - 1;
  }
}

export function sourceArray(dtype: DType, n: number, seed?: number): FloatArray {
  const a = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  fillUniform(a, seed);
  return a;
}

export const bytesPer = (dtype: DType): number => (dtype === 'float32' ? 4 : 8);

/** One implementation under test: an engine, how it is labelled, and whether it uses async verbs. */
export interface ImplEngine {
  impl: 'js' | 'wasm' | 'wasm-parallel' | 'wasm-auto';
  threads: number;
  engine: Engine;
  /** wasm-parallel runs the async verbs (sharded on the pool); js and wasm the *Sync verbs. */
  async: boolean;
}

/**
 * js (plain-JS reference), wasm (threads: 1, inline) and wasm-parallel for every t > 1 asked for;
 * with `auto`, also wasm-auto (the default inline/sharded choice) for every such t.
 */
export async function openEngines(ctx: BenchContext, o: { auto?: boolean } = {}): Promise<ImplEngine[]> {
  const out: ImplEngine[] = [
    { impl: 'js', threads: 1, engine: await createEngine({ backend: 'js', threads: 1 }), async: false },
    { impl: 'wasm', threads: 1, engine: await createEngine({ threads: 1 }), async: false },
  ];
  for (const t of ctx.threads) {
    if (t <= 1) continue;
    const engine = await createEngine({ threads: t, parallelMinElements: 0 });
    if (engine.threads < t) {
      // Until the pool is merged, threads > 1 runs inline: such rows would be mislabelled.
      ctx.log(`skip wasm-parallel threads=${t}: the engine runs on ${engine.threads} thread(s) in this build (no pool yet)`);
      await engine.close();
      continue;
    }
    out.push({ impl: 'wasm-parallel', threads: t, engine, async: true });
    if (o.auto) out.push({ impl: 'wasm-auto', threads: t, engine: await createEngine({ threads: t }), async: true });
  }
  return out;
}

export async function closeEngines(engines: ImplEngine[]): Promise<void> {
  for (const e of engines) await e.engine.close();
}

/** Messages that mean "this op is not in this build yet" (another branch brings it). */
const NOT_BUILT = /unknown kernel|no wasm export|not built|not a function|is not exported/i;

/**
 * Runs `fn` once as a probe; when it throws, logs a one-line reason and returns undefined (the row
 * is skipped), so the runner works while kernels, the pool or the optimizers are not merged yet.
 */
export async function probe(ctx: BenchContext, label: string, fn: () => unknown): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    const why = NOT_BUILT.test(msg) ? 'not in this build' : 'error';
    // One line per (op, impl, reason): the same missing kernel is not reported for every size.
    const key = `${label.split(' ')[0]}|${label.split(' ').at(-1)}|${msg}`;
    if (!skipped.has(key)) ctx.log(`skip ${label}: ${why} (${msg})${skipped.size ? '' : ' [repeats for other sizes are not logged]'}`);
    skipped.add(key);
    return false;
  }
}

const skipped = new Set<string>();

/**
 * Sampling budget by size: small n gets many samples; 16M-element rows (hundreds of ms in plain JS)
 * take a fixed handful so the full default run stays within minutes.
 */
export function budget(ctx: BenchContext, n: number): { timeMs: number; iterations: number; warmupIterations: number; quick: boolean } {
  if (ctx.quick) return { timeMs: 20, iterations: 3, warmupIterations: 1, quick: true };
  if (n >= 1 << 24) return { timeMs: 150, iterations: 5, warmupIterations: 2, quick: false };
  if (n >= 1 << 22) return { timeMs: 200, iterations: 8, warmupIterations: 3, quick: false };
  return { timeMs: 250, iterations: 10, warmupIterations: 5, quick: false };
}

/** Probes, measures and returns a row, or returns undefined (logged) when the op is not available. */
export async function timeRow(
  ctx: BenchContext,
  base: Omit<Row, 'median_ms' | 'p90_ms' | 'gbps'>,
  bytes: number | null,
  fn: () => unknown,
  beforeEach?: () => void,
): Promise<Row | undefined> {
  const label = `${base.op} ${base.dtype} n=${base.n} ${base.impl}${base.threads > 1 ? `×${base.threads}` : ''}`;
  beforeEach?.();
  if (!(await probe(ctx, label, fn))) return undefined;
  let t: Timing;
  try {
    t = await measure(fn, { ...budget(ctx, base.n), ...(beforeEach ? { beforeEach } : {}) });
  } catch (e) {
    ctx.log(`skip ${label}: error while timing (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
  const r = row(base, t, bytes);
  ctx.log(`${label}: ${r.median_ms.toPrecision(4)} ms${r.gbps === null ? '' : `, ${r.gbps.toFixed(2)} GB/s`}`);
  return r;
}

/** Human size label: 4096 → 4K, 1048576 → 1M. */
export function sizeLabel(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)}M`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)}K`;
  return String(n);
}
