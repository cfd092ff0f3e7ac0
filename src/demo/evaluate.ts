// Seeded splits, predictions and metrics (evaluation only: training happens in src/models).
import type { Matrix } from '../cli/models-api.js';
import { rng, shuffle } from '../random.js';

export { rng } from '../random.js';

/** Standard normal draws (Box–Muller) from a uniform generator. */
export function gaussian(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Row indices 0..n−1 shuffled with `seed`, cut into consecutive parts of the given fractions. */
export function split(n: number, fractions: number[], seed: number): number[][] {
  const order = shuffle(Array.from({ length: n }, (_, i) => i), rng(seed));
  const parts: number[][] = [];
  let start = 0;
  fractions.forEach((f, k) => {
    const end = k === fractions.length - 1 ? n : start + Math.round(f * n);
    parts.push(order.slice(start, end));
    start = end;
  });
  return parts;
}

/** Xw + b for dense (row-major) or CSR X. */
export function linearPredict(X: Matrix, coef: ArrayLike<number>, intercept: number): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = intercept;
    if (X.kind === 'csr') for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) s += X.data[k]! * coef[X.indices[k]!]!;
    else for (let j = 0, o = i * X.cols; j < X.cols; j++) s += X.data[o + j]! * coef[j]!;
    out[i] = s;
  }
  return out;
}

/** Accuracy and F1 of the positive class (spam = 1) for scores thresholded at 0 (p = ½). */
export function classification(scores: ArrayLike<number>, y: ArrayLike<number>): { accuracy: number; f1: number } {
  let tp = 0, fp = 0, fn = 0, right = 0;
  for (let i = 0; i < y.length; i++) {
    const pred = scores[i]! > 0 ? 1 : 0;
    if (pred === y[i]) right++;
    if (pred === 1 && y[i] === 1) tp++;
    else if (pred === 1) fp++;
    else if (y[i] === 1) fn++;
  }
  return { accuracy: y.length ? right / y.length : NaN, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0 };
}

/** Mean squared error of predictions. */
export function mse(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
  return s / y.length;
}
