// Seeded model problems shared by the model tests.
import type { CsrMatrix, DenseMatrix } from '../../src/index.js';
import { rng } from './data.js';

/** n×d Gaussian-ish design (sum of uniforms), a sparse signal, and ~70% zeros when `sparse`. */
export function problem(n: number, d: number, seed: number, sparse = false) {
  const r = rng(seed);
  const g = () => r() + r() + r() - 1.5;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) X[i] = sparse && r() < 0.7 ? 0 : g() * (1 + (i % d) / d);
  const beta = new Float64Array(d).map((_, j) => (j % 5 === 0 ? 1 + j / d : 0));
  const y = new Float64Array(n), yb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += X[i * d + j]! * beta[j]!;
    y[i] = t + 2 + 0.3 * g();
    yb[i] = t + g() > 0.5 ? 1 : 0;
  }
  const dense: DenseMatrix = { kind: 'dense', rows: n, cols: d, data: X };
  return { dense, csr: toCsr(dense), y, yb };
}

export function toCsr(m: DenseMatrix): CsrMatrix {
  const indptr = new Int32Array(m.rows + 1), idx: number[] = [], val: number[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j]!;
      if (v !== 0) { idx.push(j); val.push(v); }
    }
    indptr[i + 1] = idx.length;
  }
  return { kind: 'csr', rows: m.rows, cols: m.cols, indptr, indices: Int32Array.from(idx), data: Float64Array.from(val) };
}

export const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** p·ln p (0 at 0), with ln from Math.log: an independent reference for the dual objectives. */
export const xlnx = (p: number): number => (p > 0 ? p * Math.log(p) : 0);

/**
 * Probabilities p = σ(η) and the summed log-loss Σ[log(1 + e^η) − yη] of a logistic model on a
 * row-major dense n×d X, η = Xw + b, computed in plain JS (independent of the kernels).
 */
export function logisticAt(X: Float64Array, n: number, d: number, y: Float64Array, w: Float64Array, b: number): { p: Float64Array; loss: number } {
  const p = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += X[i * d + j]! * w[j]!;
    p[i] = 1 / (1 + Math.exp(-z));
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i]! * z;
  }
  return { p, loss };
}
