// Verbs that need a global value before they write: ball projections and pruning (two phases:
// reduce per shard, combine on the calling thread, then apply).
import { BLOCK } from '../kernels/layout.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import { errNotFinite, errRange, errType } from '../errors.js';
import { kernelCall } from './calls.js';
import type { PlanContext } from './plan-context.js';
import { nonNegative, positiveInt } from './regularizers.js';
import type { Bound } from './tensor.js';
import { statsPlan } from './verbs.js';
import { selectPlan } from './select.js';
import { bytesOf } from '../dtype.js';
import { keyToMagnitude, splitKey } from '../kernels/keys.js';

/** A ball to project onto: { θ : ‖θ‖ ≤ radius } in the L1 or L2 norm. */
export interface Projection {
  /** Which norm defines the ball. */
  norm: 'l1' | 'l2';
  /** Radius r > 0, in the units of θ. */
  radius: number;
}

/** Options of {@link Engine.prune}: magnitude pruning of single entries or of whole groups. */
export interface PruneOptions {
  /** Fraction of entries (or of groups) to zero, in [0, 1]. */
  fraction: number;
  /** Prune whole consecutive groups of this size, ranked by their L2 norm. */
  groupSize?: number;
}

/** What {@link Engine.prune} did. */
export interface PruneResult {
  /** |x| (or group norm, f64) of the largest pruned entry (NaN if a NaN was pruned); 0 when k = 0. */
  threshold: number;
  /**
   * Entries (or groups) in the pruned set: exactly floor(fraction·n) (or floor(fraction·groups)),
   * counting entries that were already zero.
   */
  zeroed: number;
}

export function checkProjection(p: unknown): Projection {
  const b = p as Projection;
  if (typeof b !== 'object' || b === null) throw errType('ball', p, "{ norm: 'l1' | 'l2', radius }");
  if (b.norm !== 'l1' && b.norm !== 'l2') throw errType('norm', b.norm, "'l1' or 'l2'");
  const radius = nonNegative('radius', b.radius);
  if (radius <= 0) throw errRange('radius', radius, '> 0');
  return { norm: b.norm, radius };
}

export function checkPrune(o: unknown): PruneOptions {
  const p = o as PruneOptions;
  if (typeof p !== 'object' || p === null) throw errType('prune options', o, '{ fraction, groupSize? }');
  const fraction = nonNegative('fraction', p.fraction);
  if (fraction > 1) throw errRange('fraction', fraction, 'in [0, 1]');
  if (p.groupSize === undefined) return { fraction };
  return { fraction, groupSize: positiveInt('groupSize', p.groupSize) };
}

/** Elements [start, end) of x as an array of its own. */
const range = (x: Bound, start: number, end: number): Bound => ({ ptr: x.ptr + start * bytesOf(x.dtype), n: end - start, dtype: x.dtype });

/** The two calls that prune keys ≤ `key` before `cut` and keys < `key` from it (ties by index). */
function pruneCalls(x: Bound, cut: number, key: bigint, groupSize?: number): KernelCall[] {
  const [bHi, bLo] = splitKey(key), [cHi, cLo] = splitKey(key - 1n);
  const [head, tail] = [range(x, 0, cut), range(x, cut, x.n)];
  if (groupSize === undefined) return [kernelCall('prune_le', [head], { bHi, bLo }), kernelCall('prune_le', [tail], { bHi: cHi, bLo: cLo })];
  return [
    kernelCall('prune_group_le', [head], { groupSize, bHi, bLo }),
    kernelCall('prune_group_le', [tail], { groupSize, bHi: cHi, bLo: cLo }),
  ];
}

/**
 * Euclidean projection onto { ‖x‖ ≤ radius }, in place: L2 by one scale r/‖x‖₂ when outside, L1 by
 * Michelot's exact threshold search then soft(x, τ). Refuses NaN/±Inf entries (E_NOT_FINITE) before
 * writing. f32 arrays land on the ball up to f32 rounding of the factor or threshold.
 */
export function* projectPlan(ctx: PlanContext, x: Bound, p: Projection): Plan<void> {
  const st = yield* statsPlan(ctx, x);
  // Refuse before writing: a NaN or ±Inf entry has no nearest point on the ball.
  if (!Number.isFinite(st.linf)) throw errNotFinite('w (an entry)', st.linf);
  if (p.norm === 'l2') {
    if (!Number.isFinite(st.l2sq)) throw errNotFinite('‖w‖₂² (overflows the dtype)', st.l2sq);
    const norm = Math.sqrt(st.l2sq);
    if (norm > p.radius) yield kernelCall('scale', [x], { s: p.radius / norm });
    return;
  }
  yield* projectL1Plan(ctx, x, p.radius);
}

/** Σ_{|x|>τ} |x| (f64) and #{|x| > τ}, combined in block order. */
function* absAbove(ctx: PlanContext, x: Bound, tau: number): Plan<{ sum: number; count: number }> {
  const s = ctx.scratch(Math.ceil(x.n / BLOCK) * 2);
  yield kernelCall('abs_above', [x], { tau }, s.ptr);
  let sum = 0, count = 0;
  for (let i = 0; i < s.view.length; i += 2) {
    sum += s.view[i]!;
    count += s.view[i + 1]!;
  }
  return { sum, count };
}

/**
 * Exact projection onto the L1 ball by Michelot's (1986) fixed-point iteration. Outside the ball
 * the projection is soft(x, τ*) where τ* > 0 solves Σ_i max(|x_i| − τ, 0) = r (Duchi et al. 2008).
 * Starting from the active set I₀ = {|x| > 0}, τ_k = (Σ_{I_k}|x| − r)/|I_k| and
 * I_{k+1} = {|x| > τ_k}: τ_k increases monotonically to τ*, and the active set stops changing
 * after finitely many passes (at most n, usually a handful). Each pass is one abs_above reduction
 * with f64 sums, so τ is as exact as f64 allows; then x ← soft(x, τ).
 */
function* projectL1Plan(ctx: PlanContext, x: Bound, r: number): Plan<void> {
  let { sum, count } = yield* absAbove(ctx, x, 0);
  if (!(sum > r)) return; // inside the ball: x is its own projection
  let tau = (sum - r) / count;
  for (;;) {
    const next = yield* absAbove(ctx, x, tau);
    if (next.count === count) break; // active set unchanged: τ is the fixed point
    const t = (next.sum - r) / next.count;
    if (!(t > tau)) break; // rounding: τ can no longer increase
    ({ sum, count } = next);
    tau = t;
  }
  yield kernelCall('prox_l1', [x], { tau });
}

/**
 * Magnitude pruning: zeroes exactly k = floor(fraction·n) entries, those with the smallest |x|.
 * Ties at the threshold go to the lowest indices; ±0 rank first (already-zero entries count among
 * the k); NaN ranks above +Inf, so it is pruned last. With `groupSize`, ranks the n/groupSize
 * consecutive groups by ‖x_g‖₂ and zeroes the floor(fraction·groups) smallest groups whole (ties
 * by group index, NaN norms last). Selection is exact (radix select), never a sort.
 */
export function* prunePlan(ctx: PlanContext, x: Bound, o: PruneOptions): Plan<PruneResult> {
  if (o.groupSize !== undefined) return yield* pruneGroupsPlan(ctx, x, o.fraction, o.groupSize);
  const k = Math.floor(o.fraction * x.n);
  if (k === 0) return { threshold: 0, zeroed: 0 };
  const sel = yield* selectPlan(ctx, x, k);
  yield pruneCalls(x, sel.cut, sel.key);
  return { threshold: keyToMagnitude(sel.key, x.dtype === 'float64'), zeroed: k };
}

function* pruneGroupsPlan(ctx: PlanContext, x: Bound, fraction: number, groupSize: number): Plan<PruneResult> {
  const groups = x.n / groupSize;
  const k = Math.floor(fraction * groups);
  if (k === 0) return { threshold: 0, zeroed: 0 };
  const norms = ctx.scratch(groups);
  yield kernelCall('group_norms', [x], { groupSize }, norms.ptr);
  const sel = yield* selectPlan(ctx, { ptr: norms.ptr, n: groups, dtype: 'float64' }, k);
  yield pruneCalls(x, sel.cut * groupSize, sel.key, groupSize);
  return { threshold: keyToMagnitude(sel.key, true), zeroed: k };
}
