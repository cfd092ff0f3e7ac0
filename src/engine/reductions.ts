// Reductions the verbs and the regularizer modules share: one-pass statistics and group norms,
// combined on the calling thread in a fixed order (the result does not depend on sharding).
import { BLOCK } from '../kernels/layout.js';
import { combineStats } from '../kernels/defs/stats.js';
import type { Plan } from '../kernels/types.js';
import type { PlanContext } from './plan-context.js';
import { kernelCall } from './calls.js';
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

export function* statsPlan(ctx: PlanContext, x: Bound): Plan<Stats> {
  const s = ctx.scratch(Math.ceil(x.n / BLOCK) * 4);
  yield kernelCall('stats', [x], {}, s.ptr);
  return combineStats(s.view, x.n);
}

/** Σ_g ‖x_g‖₂ over consecutive groups, summed in group order. */
export function* groupNormSumPlan(ctx: PlanContext, x: Bound, groupSize: number): Plan<number> {
  const s = ctx.scratch(x.n / groupSize);
  yield kernelCall('group_norms', [x], { groupSize }, s.ptr);
  let sum = 0;
  for (let i = 0; i < s.view.length && i < x.n / groupSize; i++) sum += s.view[i]!;
  return sum;
}
