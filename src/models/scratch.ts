// Reduction partials reused for the whole of a plan: ctx.scratch() memory lives until the plan
// ends, so a solver that loops thousands of times must not ask for new scratch each iteration.
import type { PlanContext } from '../engine/plan-context.js';

type Scratch = { ptr: number; view: Float64Array };
const cache = new WeakMap<PlanContext, Map<string, Scratch>>();

/** Zeroed-once f64 scratch of `len` values for `key`, shared by every call of one plan. */
export function planScratch(ctx: PlanContext, key: string, len: number): Scratch {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  let s = m.get(key);
  if (!s || s.view.length < len) m.set(key, (s = ctx.scratch(len)));
  return s;
}
