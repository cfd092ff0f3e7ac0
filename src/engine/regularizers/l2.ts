// L2 (ridge): R(θ) = λ·Σθᵢ² (no ½: added to an SGD gradient it is PyTorch's weight_decay = 2λ),
// gradient 2λθ, prox v/(1 + 2tλ).
import { statsPlan } from '../reductions.js';
import { nonNegative } from './checks.js';
import { kernelCall } from '../calls.js';
import { norms, separableDual, softInto, type RegularizerModule } from './module.js';

/** R(θ) = λ·Σθᵢ² (no ½: L2(λ) in the gradient is PyTorch's weight_decay = 2λ). */
export interface L2 {
  /** Discriminant. */
  readonly kind: 'l2';
  /** λ ≥ 0 (units of the loss per unit of ‖θ‖₂²). */
  readonly lambda: number;
}

/** L2 (ridge) penalty λ·‖θ‖₂², gradient 2λθ, prox v/(1 + 2tλ). */
export function l2(lambda: number): L2 {
  return Object.freeze({ kind: 'l2', lambda: nonNegative('lambda', lambda) });
}

export const L2_MODULE: RegularizerModule<L2> = {
  kind: 'l2',
  signature: 'l2(λ)',
  check: (r) => l2(r.lambda),
  groupSize: () => 1,
  *valuePlan(ctx, x, r) {
    return r.lambda * (yield* statsPlan(ctx, x)).l2sq;
  },
  gradCall: (g, w, r) => kernelCall('grad_l2', [g, w], { c: 2 * r.lambda }),
  proxCall: (x, r, t) => kernelCall('scale', [x], { s: 1 / (1 + 2 * t * r.lambda) }),
  scalars: (r) => [2 * r.lambda],
  value: (r, w) => r.lambda * norms(w).l2sq,
  prox: (r, v, t, out) => softInto(v, 0, 1 / (1 + 2 * t * r.lambda), out),
  dual: (r, v) => separableDual(0, r.lambda, v),
  scale: (r, f) => l2(r.lambda * f),
  cd: (r) => ({ kind: 'separable', l1: 0, l2: r.lambda }),
  isZero: (r) => r.lambda === 0,
  describe: (r, fmt) => `λ‖w‖₂² with λ = ${fmt(r.lambda)}`,
};
