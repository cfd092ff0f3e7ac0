// The kernels of the Newton polish on the support (see src/models/cd/newton.ts): gradients and
// margin changes over listed columns, the support's weighted Hessian, and a dense Cholesky solve.
import type { FloatArray } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { denseColumnListSamples, dotTF, sampleIndices, sparseDot } from './cd-common.js';

type A = FloatArray;

/** m distinct indices below `bound` (bound ≥ m). */
function distinct(m: number, bound: number, rand: () => number): Int32Array {
  const all = Array.from({ length: bound }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const k = i + Math.floor(rand() * (bound - i));
    [all[i], all[k]] = [all[k]!, all[i]!];
  }
  return Int32Array.from(all.slice(0, m));
}

export const cdGradListDense = defineKernel({
  name: 'cd_grad_list_dense',
  doc: 'g_a = X[:, list_a]ᵀr·invN for column-major X (rows × cols, T); r, g f64',
  arrays: 4,
  arrayTypes: ['x', 'i32', 'f64', 'f64'],
  lengths: (n, [rows, cols]) => [cols! * rows!, n, rows!, n],
  strides: () => [0, 1, 0, 1],
  writes: [3],
  scalars: ['rows', 'cols', 'invN'],
  cost: 2,
  work: (n, [rows]) => 2 * n * rows!,
  js(_dtype, [x, list, r, g], n, [rows, , invN]) {
    for (let a = 0; a < n; a++) g![a] = dotTF(x!, list![a]! * rows!, r!, 0, rows!) * invN!;
  },
});

/** cdGradListDense's test inputs (src/kernels/samples.ts). */
export const cdGradListDenseSamples: KernelSamples = denseColumnListSamples;

export const cdGradListCsc = defineKernel({
  name: 'cd_grad_list_csc',
  doc: 'g_a = Σ_k vals_k·r[rowidx_k]·invN over CSC column list_a',
  arrays: 6,
  arrayTypes: ['i32', 'i32', 'x', 'i32', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows]) => [cols! + 1, nnz!, nnz!, n, rows!, n],
  strides: () => [0, 0, 0, 1, 0, 1],
  writes: [5],
  scalars: ['cols', 'nnz', 'rows', 'invN'],
  cost: 4,
  work: (n, [cols, nnz]) => 2 * n * Math.max(1, nnz! / cols!),
  js(_dtype, [colptr, rowidx, vals, list, r, g], n, [, , , invN]) {
    for (let a = 0; a < n; a++) {
      const j = list![a]!;
      g![a] = sparseDot(rowidx!, vals!, r!, colptr![j]!, colptr![j + 1]!) * invN!;
    }
  },
});

/** cdGradListCsc's test inputs (src/kernels/samples.ts). */
export const cdGradListCscSamples: KernelSamples = {
  sample: (_n, rand) => {
    const cols = 1 + Math.floor(rand() * 30), rows = 1 + Math.floor(rand() * 40);
    return [cols, Math.floor(cols * (0.5 + 3 * rand())), rows, 1 / rows];
  },
  sampleArrays: (n, [cols, nnz, rows], rand) => [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, sampleIndices(n, cols!, rand)],
};

export const cdColsAxpyDense = defineKernel({
  name: 'cd_cols_axpy_dense',
  doc: 'out_i = δb + Σ_a δ_a·X[i, list_a] (column-major X; δ, out f64)',
  arrays: 4,
  arrayTypes: ['x', 'i32', 'f64', 'f64'],
  lengths: (n, [rows, cols]) => [cols! * rows!, n, n, rows!],
  writes: [3],
  scalars: ['rows', 'cols', 'db'],
  serial: true,
  cost: 2,
  work: (n, [rows]) => 2 * n * rows!,
  js(_dtype, [x, list, delta, out], n, [rows, , db]) {
    out!.fill(db!, 0, rows!);
    for (let a = 0; a < n; a++) {
      const d = delta![a]!;
      if (d === 0) continue;
      for (let i = 0, o = list![a]! * rows!; i < rows!; i++) out![i] = out![i]! - x![o + i]! * -d;
    }
  },
});

/** cdColsAxpyDense's test inputs (src/kernels/samples.ts). */
export const cdColsAxpyDenseSamples: KernelSamples = {
  sample: (n, rand) => [1 + Math.floor(rand() * (n > 5000 ? 6 : 40)), 1 + Math.floor(rand() * 30), rand() - 0.5],
  sampleArrays: (n, [, cols], rand) => [undefined, sampleIndices(n, cols!, rand)],
};

export const cdColsAxpyCsc = defineKernel({
  name: 'cd_cols_axpy_csc',
  doc: 'out_i = δb + Σ_a δ_a·X[i, list_a] over CSC columns (δ, out f64)',
  arrays: 6,
  arrayTypes: ['i32', 'i32', 'x', 'i32', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows]) => [cols! + 1, nnz!, nnz!, n, n, rows!],
  writes: [5],
  scalars: ['cols', 'nnz', 'rows', 'db'],
  serial: true,
  cost: 4,
  work: (n, [cols, nnz]) => 2 * n * Math.max(1, nnz! / cols!),
  js(_dtype, [colptr, rowidx, vals, list, delta, out], n, [, , rows, db]) {
    out!.fill(db!, 0, rows!);
    for (let a = 0; a < n; a++) {
      const d = delta![a]!;
      if (d === 0) continue;
      const j = list![a]!;
      for (let k = colptr![j]!; k < colptr![j + 1]!; k++) out![rowidx![k]!] = out![rowidx![k]!]! - vals![k]! * -d;
    }
  },
});

/** cdColsAxpyCsc's test inputs (src/kernels/samples.ts). */
export const cdColsAxpyCscSamples: KernelSamples = {
  sample: (_n, rand) => {
    const cols = 1 + Math.floor(rand() * 30);
    return [cols, Math.floor(cols * (0.5 + 3 * rand())), 1 + Math.floor(rand() * 40), rand() - 0.5];
  },
  sampleArrays: (n, [cols, nnz, rows], rand) => [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, sampleIndices(n, cols!, rand)],
};

/** Largest support the test matrix builds a Hessian for (H is (m + 1)² f64). */
const HESS_MAX = 600;

export const cdHessCsc = defineKernel({
  name: 'cd_hess_csc',
  doc: 'H = [X_S 1]ᵀdiag(v)[X_S 1]·invN (lower triangle, M × M row-major, M = n + intercept) via a by-row regrouping of the listed CSC columns',
  arrays: 9,
  arrayTypes: ['i32', 'i32', 'x', 'i32', 'f64', 'i32', 'i32', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows, cap, , intercept]) => {
    const M = n + (intercept ? 1 : 0);
    return [cols! + 1, nnz!, nnz!, n, rows!, rows! + 1, cap!, cap!, M * M];
  },
  writes: [5, 6, 7, 8],
  scalars: ['cols', 'nnz', 'rows', 'cap', 'invN', 'intercept'],
  serial: true,
  maxN: HESS_MAX,
  cost: 8,
  work: (n, [cols, nnz]) => n * n * Math.max(1, nnz! / cols!),
  js(_dtype, [colptr, rowidx, vals, list, v, rowptr, rcol, rval, H], m, [, , rows, , invN, intercept]) {
    const nr = rows!, M = m + (intercept ? 1 : 0);
    rowptr!.fill(0, 0, nr + 1);
    for (let a = 0; a < m; a++) for (let k = colptr![list![a]!]!; k < colptr![list![a]! + 1]!; k++) rowptr![rowidx![k]! + 1] = rowptr![rowidx![k]! + 1]! + 1;
    for (let i = 0; i < nr; i++) rowptr![i + 1] = rowptr![i + 1]! + rowptr![i]!;
    for (let a = 0; a < m; a++) {
      const j = list![a]!;
      for (let k = colptr![j]!; k < colptr![j + 1]!; k++) {
        const i = rowidx![k]!, p = rowptr![i]!;
        rowptr![i] = p + 1;
        rcol![p] = a;
        rval![p] = vals![k]!;
      }
    }
    for (let i = nr; i > 0; i--) rowptr![i] = rowptr![i - 1]!;
    rowptr![0] = 0;
    const h = H as A;
    h.fill(0, 0, M * M);
    for (let i = 0; i < nr; i++) {
      const vi = v![i]!;
      for (let p = rowptr![i]!; p < rowptr![i + 1]!; p++) {
        const a = rcol![p]!, xa = rval![p]! * vi;
        for (let q = rowptr![i]!; q <= p; q++) h[a * M + rcol![q]!] = h[a * M + rcol![q]!]! + xa * rval![q]!;
        if (M > m) h[m * M + a] = h[m * M + a]! + xa;
      }
      if (M > m) h[m * M + m] = h[m * M + m]! + vi;
    }
    for (let a = 0; a < M; a++) for (let b = 0; b <= a; b++) h[a * M + b] = h[a * M + b]! * invN!;
  },
});

/** cdHessCsc's test inputs (src/kernels/samples.ts). */
export const cdHessCscSamples: KernelSamples = {
  sample: (n, rand) => {
    const cols = n + Math.floor(rand() * 20), rows = 1 + Math.floor(rand() * 40), nnz = Math.floor(cols * (0.5 + 3 * rand()));
    return [cols, nnz, rows, nnz, 1 / rows, rand() < 0.5 ? 1 : 0];
  },
  // Scratch (rowptr, rcol) starts as zeros: the kernel fills it.
  sampleArrays: (n, [cols, nnz, rows, cap], rand) =>
    [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, distinct(n, cols!, rand), undefined, new Int32Array(rows! + 1), new Int32Array(cap!)],
};

export const cdHessDense = defineKernel({
  name: 'cd_hess_dense',
  doc: 'H = [X_S 1]ᵀdiag(v)[X_S 1]·invN (lower triangle, M × M row-major) for listed columns of column-major X',
  arrays: 4,
  arrayTypes: ['x', 'i32', 'f64', 'f64'],
  lengths: (n, [rows, cols, , intercept]) => [cols! * rows!, n, rows!, (n + (intercept ? 1 : 0)) ** 2],
  writes: [3],
  scalars: ['rows', 'cols', 'invN', 'intercept'],
  serial: true,
  maxN: HESS_MAX,
  cost: 8,
  work: (n, [rows]) => n * n * rows!,
  js(_dtype, [x, list, v, H], m, [rows, , invN, intercept]) {
    const M = m + (intercept ? 1 : 0), nr = rows!;
    for (let a = 0; a < m; a++) {
      const oa = list![a]! * nr;
      for (let b = 0; b <= a; b++) {
        const ob = list![b]! * nr;
        const prod = Array.from({ length: nr }, (_, i) => x![oa + i]! * x![ob + i]!);
        H![a * M + b] = dotTF(prod, 0, v!, 0, nr) * invN!;
      }
      if (M > m) H![m * M + a] = dotTF(x!, oa, v!, 0, nr) * invN!;
    }
    if (M > m) {
      let s = 0;
      for (let i = 0; i < nr; i++) s += v![i]!;
      H![m * M + m] = s * invN!;
    }
  },
});

/** cdHessDense's test inputs (src/kernels/samples.ts). */
export const cdHessDenseSamples: KernelSamples = {
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * 20);
    return [rows, 1 + Math.floor(rand() * 30), 1 / rows, rand() < 0.5 ? 1 : 0];
  },
  sampleArrays: (n, [, cols], rand) => [undefined, sampleIndices(n, cols!, rand)],
};

export const cholSolve = defineKernel({
  name: 'chol_solve',
  doc: 'b ← (H + μI)⁻¹b by Cholesky (L overwrites H\'s lower triangle; factor = 0 reuses it); status[0] = 1 ok, 0 not positive definite',
  arrays: 3,
  arrayTypes: ['f64', 'f64', 'f64'],
  lengths: (n) => [n * n, n, 1],
  writes: [0, 1, 2],
  scalars: ['mu', 'factor'],
  serial: true,
  maxN: HESS_MAX,
  cost: 8,
  work: (n) => (n * n * n) / 6,
  js(_dtype, [H, b, status], M, [mu, factor]) {
    const h = H as A;
    if (factor) {
      for (let i = 0; i < M; i++) {
        for (let k = 0; k < i; k++) h[i * M + k] = (h[i * M + k]! - dotTF(h, i * M, h, k * M, k)) / h[k * M + k]!;
        const d = h[i * M + i]! + mu! - dotTF(h, i * M, h, i * M, i);
        if (!(d > 0) || !(d < Infinity)) {
          status![0] = 0;
          return;
        }
        h[i * M + i] = Math.sqrt(d);
      }
    }
    for (let i = 0; i < M; i++) b![i] = (b![i]! - dotTF(h, i * M, b!, 0, i)) / h[i * M + i]!;
    for (let i = M - 1; i >= 0; i--) {
      let s = b![i]!;
      for (let k = i + 1; k < M; k++) s -= h[k * M + i]! * b![k]!;
      b![i] = s / h[i * M + i]!;
    }
    status![0] = 1;
  },
});

/** cholSolve's test inputs (src/kernels/samples.ts). */
export const cholSolveSamples: KernelSamples = {
  sample: (_n, rand) => [rand() < 0.5 ? 0 : rand(), rand() < 0.8 ? 1 : 0],
  // A diagonally dominant H (positive definite) most of the time, so the success path runs too.
  sampleArrays: (n, _s, rand) => {
    const H = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k <= i; k++) H[i * n + k] = k === i ? (rand() < 0.95 ? n + rand() : -1) : rand() - 0.5;
    return [H];
  },
};
