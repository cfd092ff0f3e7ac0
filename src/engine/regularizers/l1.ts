// L1 (lasso): R(θ) = λ·Σ|θᵢ|, subgradient λ·sign(θ) with sign(0) = 0, prox the soft threshold.
import { statsPlan } from '../reductions.js';
import { nonNegative } from './checks.js';
import { kernelCall } from '../calls.js';
import { norms, separableDual, softInto, type RegularizerModule } from './module.js';

/** R(θ) = λ·Σ|θᵢ|. */
export interface L1 {
  /** Discriminant. */
  readonly kind: 'l1';
  /** λ ≥ 0 (units of the loss per unit of ‖θ‖₁). */
  readonly lambda: number;
}

/** L1 (lasso) penalty λ·‖θ‖₁. Its prox is the soft threshold. */
export function l1(lambda: number): L1 {
  return Object.freeze({ kind: 'l1', lambda: nonNegative('lambda', lambda) });
}

export const L1_MODULE: RegularizerModule<L1> = {
  kind: 'l1',
  signature: 'l1(λ)',
  check: (r) => l1(r.lambda),
  groupSize: () => 1,
  *valuePlan(ctx, x, r) {
    return r.lambda * (yield* statsPlan(ctx, x)).l1;
  },
  gradCall: (g, w, r) => kernelCall('grad_l1', [g, w], { lam: r.lambda }),
  proxCall: (x, r, t) => kernelCall('prox_l1', [x], { tau: t * r.lambda }),
  scalars: (r) => [r.lambda],
  value: (r, w) => r.lambda * norms(w).l1,
  prox: (r, v, t, out) => softInto(v, t * r.lambda, 1, out),
  dual: (r, v) => separableDual(r.lambda, 0, v),
  scale: (r, f) => l1(r.lambda * f),
  cd: (r) => ({ kind: 'separable', l1: r.lambda, l2: 0 }),
  isZero: (r) => r.lambda === 0,
  describe: (r, fmt) => `λ‖w‖₁ with λ = ${fmt(r.lambda)}`,
};
