// Verbs that need a global value before they write: ball projections and pruning (two phases:
// reduce per shard, combine on the calling thread, then apply).
import { BLOCK } from '../kernels/layout.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import { errRange, errType } from '../errors.js';
import type { PlanContext } from './plan-context.js';
import { nonNegative, positiveInt } from './regularizers.js';
import type { Bound } from './tensor.js';
import { statsPlan } from './verbs.js';

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
  /** |x| (or group norm) of the largest entry that was zeroed; 0 when nothing was zeroed. */
  threshold: number;
  /** Entries (or groups) set to zero by this call. */
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

const one = (kernel: string, x: Bound, scalars: number[], out?: number): KernelCall => ({
  kernel, dtype: x.dtype, ptrs: [x.ptr], n: x.n, scalars, ...(out === undefined ? {} : { out }),
});

export function* projectPlan(ctx: PlanContext, x: Bound, p: Projection): Plan<void> {
  if (p.norm === 'l2') {
    const st = yield* statsPlan(ctx, x);
    const norm = Math.sqrt(st.l2sq);
    if (norm > p.radius) yield one('scale', x, [p.radius / norm]);
    return;
  }
  yield* projectL1Plan(ctx, x, p.radius);
}

/**
 * Exact projection onto the L1 ball by Michelot's (1986) fixed-point iteration: with
 * τ_{k+1} = (Σ_{|x|>τ_k} |x| − r) / #{|x| > τ_k}, starting at τ₀ = (‖x‖₁ − r)/n, τ increases
 * monotonically and stops when the active set stops changing; then τ is exactly Duchi et al.'s
 * threshold and x ← soft(x, τ). Each iteration is one parallel reduction pass.
 */
function* projectL1Plan(ctx: PlanContext, x: Bound, r: number): Plan<void> {
  const st = yield* statsPlan(ctx, x);
  if (!(st.l1 > r)) return; // inside the ball (or NaN): leave x as it is
  const slots = Math.ceil(x.n / BLOCK) * 2;
  let tau = (st.l1 - r) / x.n;
  let count = x.n;
  for (;;) {
    const s = ctx.scratch(slots);
    yield one('abs_above', x, [tau], s.ptr);
    let sum = 0, k = 0;
    for (let i = 0; i < slots; i += 2) {
      sum += s.view[i]!;
      k += s.view[i + 1]!;
    }
    const next = (sum - r) / k;
    if (k === count || !(next > tau)) {
      tau = Math.max(next, tau);
      break;
    }
    tau = next;
    count = k;
  }
  yield one('prox_l1', x, [tau]);
}

export function* prunePlan(_ctx: PlanContext, _x: Bound, _o: PruneOptions): Plan<PruneResult> {
  throw new Error('prune: not built yet');
}
