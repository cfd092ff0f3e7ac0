// Group lasso: R(θ) = λ·Σ_g‖θ_g‖₂ over consecutive groups of `groupSize`, gradient λθ_g/‖θ_g‖
// (0 at 0), prox max(0, 1 − tλ/‖v_g‖)·v_g.
import { groupNormSumPlan } from '../reductions.js';
import { nonNegative, positiveInt } from './checks.js';
import { kernelCall } from '../calls.js';
import type { RegularizerModule } from './module.js';

/** R(θ) = λ·Σ_g ‖θ_g‖₂ over consecutive groups of `groupSize` elements. */
export interface GroupLasso {
  /** Discriminant. */
  readonly kind: 'groupLasso';
  /** λ ≥ 0, weight of Σ_g ‖θ_g‖₂. */
  readonly lambda: number;
  /** Elements per group (consecutive); must divide n. */
  readonly groupSize: number;
}

/** Group lasso λ·Σ_g‖θ_g‖₂ over consecutive groups of `groupSize`; prox max(0, 1 − tλ/‖v_g‖)·v_g. */
export function groupLasso(lambda: number, groupSize: number): GroupLasso {
  return Object.freeze({
    kind: 'groupLasso',
    lambda: nonNegative('lambda', lambda),
    groupSize: positiveInt('groupSize', groupSize),
  });
}

/** ‖v_g‖ for the group starting at g. */
function groupNorm(v: Float64Array, g: number, size: number): number {
  let s = 0;
  for (let j = g; j < g + size; j++) s += v[j]! * v[j]!;
  return Math.sqrt(s);
}

export const GROUP_LASSO_MODULE: RegularizerModule<GroupLasso> = {
  kind: 'groupLasso',
  signature: 'groupLasso(λ, groupSize)',
  check: (r) => groupLasso(r.lambda, r.groupSize),
  groupSize: (r) => r.groupSize,
  *valuePlan(ctx, x, r) {
    return r.lambda * (yield* groupNormSumPlan(ctx, x, r.groupSize));
  },
  gradCall: (g, w, r) => kernelCall('grad_group', [g, w], { groupSize: r.groupSize, lam: r.lambda }),
  proxCall: (x, r, t) => kernelCall('prox_group', [x], { groupSize: r.groupSize, tau: t * r.lambda }),
  scalars: (r) => [r.lambda],
  value: (r, w) => {
    let a = 0;
    for (let g = 0; g < w.length; g += r.groupSize) a += groupNorm(w, g, r.groupSize);
    return r.lambda * a;
  },
  prox: (r, v, t, out) => {
    const tl = t * r.lambda;
    for (let g = 0; g < v.length; g += r.groupSize) {
      const norm = groupNorm(v, g, r.groupSize);
      const f = norm > tl ? 1 - tl / norm : 0;
      for (let j = g; j < g + r.groupSize; j++) out[j] = f * v[j]!;
    }
  },
  // R* is the indicator of max_g ‖v_g‖ ≤ λ.
  dual: (r, v) => {
    let worst = 0;
    for (let g = 0; g < v.length; g += r.groupSize) worst = Math.max(worst, groupNorm(v, g, r.groupSize));
    return [worst > r.lambda ? r.lambda / worst : 1, 0];
  },
  scale: (r, f) => groupLasso(r.lambda * f, r.groupSize),
  cd: (r) => ({ kind: 'group', lambda: r.lambda, size: r.groupSize }),
  isZero: (r) => r.lambda === 0,
  describe: (r, fmt) => `λ·Σ_g‖w_g‖₂ over groups of ${r.groupSize} with λ = ${fmt(r.lambda)}`,
};
