// Hyperparameters as the kernels see them. An f32 kernel converts its f64 scalars to f32 once, and
// the largest factor a kernel applies to a penalty weight is 2 (the L2 gradient 2λθ, the L2 prox
// 1/(1 + 2tλ)). A weight that overflows there makes Inf·0 appear, on which the wasm kernels and the
// plain-JS reference disagree (sign-select against multiply), so such weights are refused.
import { roundTo, type DType } from '../dtype.js';
import { errRange } from '../errors.js';
import type { Regularizer } from './regularizers.js';

const largest = (dtype: DType) => (dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE);

/** The penalty weights of a regularizer (λ, λ₁, λ₂): every numeric field but the group size. */
function weights(r: Regularizer): [string, number][] {
  return Object.entries(r).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0] !== 'groupSize');
}

/**
 * Throws E_RANGE unless 2·weight (and, for a prox with step `lr`, 2·lr·weight) is finite in the
 * array's dtype, naming the weight (or lr) and the largest value accepted.
 */
export function checkFitsDtype(r: Regularizer, dtype: DType, lr?: number): void {
  const round = roundTo(dtype);
  for (const [name, v] of weights(r)) {
    if (!Number.isFinite(round(2 * v)))
      throw errRange(name, v, `at most ${largest(dtype) / 2} for a ${dtype} array (kernels use 2·${name}, which must be finite in ${dtype})`);
    if (lr !== undefined && !Number.isFinite(round(2 * lr * v)))
      throw errRange('lr', lr, `a step with 2·lr·${name} finite in ${dtype} (${name} = ${v}: lr at most ${largest(dtype) / 2 / v})`);
  }
}
