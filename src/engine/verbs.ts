// The regularization verbs as plans: each yields kernel calls and combines their partials in a
// fixed order. Arguments are validated by the engine before a plan starts; what a regularizer
// computes comes from its module (regularizers/table.ts).
import type { Plan } from '../kernels/types.js';
import type { PlanContext } from './plan-context.js';
import { moduleOf, type Regularizer } from './regularizers/table.js';
import type { Bound } from './tensor.js';

export { statsPlan, type Stats } from './reductions.js';

export function* penaltyPlan(ctx: PlanContext, x: Bound, r: Regularizer): Plan<number> {
  return yield* moduleOf(r).valuePlan(ctx, x, r);
}

export function* addPenaltyGradPlan(_ctx: PlanContext, g: Bound, w: Bound, r: Regularizer): Plan<void> {
  yield moduleOf(r).gradCall(g, w, r);
}

export function* proxPlan(_ctx: PlanContext, x: Bound, r: Regularizer, lr: number): Plan<void> {
  yield moduleOf(r).proxCall(x, r, lr);
}
