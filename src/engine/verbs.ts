// The regularization verbs as plans: each yields kernel calls and combines their partials in a
// fixed order. Arguments are validated by the engine before a plan starts.
import { BLOCK } from '../kernels/layout.js';
import { combineStats } from '../kernels/defs/stats.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import type { PlanContext } from './plan-context.js';
import type { Regularizer } from './regularizers.js';
import type { Bound } from './tensor.js';

/** Summary statistics of an array, computed in one pass (deterministic block reduction). */
export interface Stats {
  /** Elements. */
  n: number;
  /** Nonzero elements (NaN counts as nonzero). */
  nnz: number;
  /** Σ|x|. */
  l1: number;
  /** Σx². */
  l2sq: number;
  /** max|x| (NaN if any element is NaN). */
  linf: number;
}

const call = (kernel: string, ts: Bound[], scalars: number[], out?: number): KernelCall => ({
  kernel,
  dtype: ts[0]!.dtype,
  ptrs: ts.map((t) => t.ptr),
  n: ts[0]!.n,
  scalars,
  ...(out === undefined ? {} : { out }),
});

export function* statsPlan(ctx: PlanContext, x: Bound): Plan<Stats> {
  const s = ctx.scratch(Math.ceil(x.n / BLOCK) * 4);
  yield call('stats', [x], [], s.ptr);
  return combineStats(s.view, x.n);
}

/** Σ_g ‖x_g‖₂ over consecutive groups, summed in group order. */
export function* groupNormSumPlan(ctx: PlanContext, x: Bound, groupSize: number): Plan<number> {
  const s = ctx.scratch(x.n / groupSize);
  yield call('group_norms', [x], [groupSize], s.ptr);
  let sum = 0;
  for (let i = 0; i < s.view.length && i < x.n / groupSize; i++) sum += s.view[i]!;
  return sum;
}

export function* penaltyPlan(ctx: PlanContext, x: Bound, r: Regularizer): Plan<number> {
  if (r.kind === 'groupLasso') return r.lambda * (yield* groupNormSumPlan(ctx, x, r.groupSize));
  const st = yield* statsPlan(ctx, x);
  if (r.kind === 'l1') return r.lambda * st.l1;
  if (r.kind === 'l2') return r.lambda * st.l2sq;
  return r.l1 * st.l1 + r.l2 * st.l2sq;
}

export function* addPenaltyGradPlan(_ctx: PlanContext, g: Bound, w: Bound, r: Regularizer): Plan<void> {
  if (r.kind === 'l1') yield call('grad_l1', [g, w], [r.lambda]);
  else if (r.kind === 'l2') yield call('grad_l2', [g, w], [2 * r.lambda]);
  else if (r.kind === 'elasticNet') yield call('grad_en', [g, w], [r.l1, 2 * r.l2]);
  else yield call('grad_group', [g, w], [r.groupSize, r.lambda]);
}

export function* proxPlan(_ctx: PlanContext, x: Bound, r: Regularizer, lr: number): Plan<void> {
  if (r.kind === 'l1') yield call('prox_l1', [x], [lr * r.lambda]);
  else if (r.kind === 'l2') yield call('scale', [x], [1 / (1 + 2 * lr * r.lambda)]);
  else if (r.kind === 'elasticNet') yield call('prox_en', [x], [lr * r.l1, 1 / (1 + 2 * lr * r.l2)]);
  else yield call('prox_group', [x], [r.groupSize, lr * r.lambda]);
}
