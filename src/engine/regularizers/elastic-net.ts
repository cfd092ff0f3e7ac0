// Elastic net: R(θ) = λ₁‖θ‖₁ + λ₂‖θ‖₂², gradient the sum of the two, prox soft(v, tλ₁)/(1 + 2tλ₂).
import { errType } from '../../errors.js';
import { statsPlan } from '../reductions.js';
import { nonNegative } from './checks.js';
import { kernelCall } from '../calls.js';
import { norms, separableDual, softInto, type RegularizerModule } from './module.js';

/** R(θ) = λ₁‖θ‖₁ + λ₂‖θ‖₂². */
export interface ElasticNet {
  /** Discriminant. */
  readonly kind: 'elasticNet';
  /** λ₁ ≥ 0, weight of ‖θ‖₁. */
  readonly l1: number;
  /** λ₂ ≥ 0, weight of ‖θ‖₂² (no ½). */
  readonly l2: number;
}

/** Elastic net λ₁‖θ‖₁ + λ₂‖θ‖₂²; prox soft(v, tλ₁)/(1 + 2tλ₂). */
export function elasticNet(opts: { l1: number; l2: number }): ElasticNet {
  if (typeof opts !== 'object' || opts === null) throw errType('elasticNet options', opts, '{ l1, l2 }');
  return Object.freeze({ kind: 'elasticNet', l1: nonNegative('l1', opts.l1), l2: nonNegative('l2', opts.l2) });
}

export const ELASTIC_NET_MODULE: RegularizerModule<ElasticNet> = {
  kind: 'elasticNet',
  signature: 'elasticNet({ l1, l2 })',
  check: (r) => elasticNet(r),
  groupSize: () => 1,
  *valuePlan(ctx, x, r) {
    const st = yield* statsPlan(ctx, x);
    return r.l1 * st.l1 + r.l2 * st.l2sq;
  },
  gradCall: (g, w, r) => kernelCall('grad_en', [g, w], { lam1: r.l1, c2: 2 * r.l2 }),
  proxCall: (x, r, t) => kernelCall('prox_en', [x], { tau: t * r.l1, s: 1 / (1 + 2 * t * r.l2) }),
  scalars: (r) => [r.l1, 2 * r.l2],
  value: (r, w) => {
    const n = norms(w);
    return r.l1 * n.l1 + r.l2 * n.l2sq;
  },
  prox: (r, v, t, out) => softInto(v, t * r.l1, 1 / (1 + 2 * t * r.l2), out),
  dual: (r, v) => separableDual(r.l1, r.l2, v),
  scale: (r, f) => elasticNet({ l1: r.l1 * f, l2: r.l2 * f }),
  cd: (r) => ({ kind: 'separable', l1: r.l1, l2: r.l2 }),
  isZero: (r) => r.l1 === 0 && r.l2 === 0,
  describe: (r, fmt) => `λ₁‖w‖₁ + λ₂‖w‖₂² with λ₁ = ${fmt(r.l1)}, λ₂ = ${fmt(r.l2)}`,
};
