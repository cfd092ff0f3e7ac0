// Objectives of fitted models on the original data, computed the same way for shrinkage's fits and
// the peers' (from their coefficients), so they can be compared at each λ:
// - logistic: (1/n)Σ[log(1 + e^η) − yη] + λ‖w‖₁, η = Xw + b (λ·Σ s_j|w_j| with standardization);
// - ridge logistic: the same loss + (λ/2)‖w‖₂² (glmnet's alpha = 0, and a path's 'l2' penalty);
// - squared with glmnet's standardization: (1/2n)‖y − Xw − b‖² + λ·Σ s_j|w_j| (s_j the population sd
//   of column j), the lasso on standardized columns mapped to the original scale.
import type { Matrix } from '../../src/index.js';

/** Sparse coefficients as the peers return them: column indices and values. */
export interface SparseFit { lambda: number; intercept: number; idx: number[]; coef: number[] }

export function dense(fit: SparseFit, cols: number): Float64Array {
  const w = new Float64Array(cols);
  fit.idx.forEach((j, k) => (w[j] = fit.coef[k]!));
  return w;
}

/** η = Xw + b. */
export function margins(X: Matrix, w: Float64Array, b: number): Float64Array {
  const z = new Float64Array(X.rows).fill(b);
  if (X.kind === 'dense') {
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let j = 0, o = i * X.cols; j < X.cols; j++) s += X.data[o + j]! * w[j]!;
      z[i] = z[i]! + s;
    }
  } else {
    for (let i = 0; i < X.rows; i++) for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) z[i] = z[i]! + X.data[k]! * w[X.indices[k]!]!;
  }
  return z;
}

/** (1/n)Σ[log(1 + e^η) − yη] + λ·Σ s_j|w_j| (s_j = 1 without standardization). */
export function logisticObjective(X: Matrix, y: ArrayLike<number>, w: Float64Array, b: number, lambda: number, sd?: Float64Array): number {
  const z = margins(X, w, b);
  let s = 0, l1 = 0;
  for (let i = 0; i < X.rows; i++) {
    const zi = z[i]!;
    s += Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - y[i]! * zi;
  }
  w.forEach((x, j) => (l1 += (sd ? sd[j]! : 1) * Math.abs(x)));
  return s / X.rows + lambda * l1;
}

/** (1/n)Σ[log(1 + e^η) − yη] + (λ/2)‖w‖₂². */
export function ridgeLogisticObjective(X: Matrix, y: ArrayLike<number>, w: Float64Array, b: number, lambda: number): number {
  let q = 0;
  for (const x of w) q += x * x;
  return logisticObjective(X, y, w, b, 0) + (lambda / 2) * q;
}

export function standardizedLassoObjective(X: Matrix, y: ArrayLike<number>, w: Float64Array, b: number, lambda: number, sd: Float64Array): number {
  const z = margins(X, w, b);
  let s = 0, pen = 0;
  for (let i = 0; i < X.rows; i++) s += (y[i]! - z[i]!) ** 2;
  w.forEach((x, j) => (pen += sd[j]! * Math.abs(x)));
  return s / (2 * X.rows) + lambda * pen;
}
