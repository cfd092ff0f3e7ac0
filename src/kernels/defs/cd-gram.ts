// cd_gram_dense / cd_gram_csc: Gram columns of variables entering covariance-mode coordinate
// descent, G[slot_k·cols + j] = x̃_jᵀx̃_k/rows, sharded by j.
import type { KernelDef } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { sparseDot } from './cd-common.js';

/** x_aᵀx_b in cd_gram_dense's order: lanes over even/odd rows, then the last row when rows is odd. */
function dot1(x: ArrayLike<number>, ao: number, y: ArrayLike<number>, bo: number, rows: number): number {
  let s0 = 0, s1 = 0, i = 0;
  for (; i + 2 <= rows; i += 2) {
    s0 += x[ao + i]! * y[bo + i]!;
    s1 += x[ao + i + 1]! * y[bo + i + 1]!;
  }
  let s = s0 + s1;
  if (i < rows) s += x[ao + i]! * y[bo + i]!;
  return s;
}

/** K distinct slots below cap and K column indices below cols. */
function sampleKs(K: number, cols: number, cap: number, rand: () => number): [Int32Array, Int32Array] {
  const kcols = new Int32Array(K), kslots = new Int32Array(K);
  const slots = Array.from({ length: cap }, (_, i) => i);
  for (let k = 0; k < K; k++) {
    kcols[k] = Math.floor(rand() * cols);
    const at = k + Math.floor(rand() * (cap - k));
    [slots[k], slots[at]] = [slots[at]!, slots[k]!];
    kslots[k] = slots[k]!;
  }
  return [kcols, kslots];
}

export const cdGramDense: KernelDef = {
  name: 'cd_gram_dense',
  doc: 'G[kslots_k·cols + j] = x_jᵀ xall_{kcols_k}·invN for the call\'s columns j of column-major X (blocks of 2 j × 4 k)',
  arrays: 5,
  arrayTypes: ['x', 'x', 'i32', 'i32', 'f64'],
  lengths: (n, [rows, cols, K, cap]) => [n * rows!, cols! * rows!, K!, K!, cap! * cols!],
  strides: ([rows]) => [rows!, 0, 0, 0, 1],
  writes: [4],
  scalars: ['rows', 'cols', 'K', 'cap', 'invN'],
  cost: 8,
  work: (n, [rows, , K]) => 2 * n * rows! * K!,
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * (n > 5000 ? 5 : 33)), K = 1 + Math.floor(rand() * 9);
    return [rows, Math.max(1, n), K, K + Math.floor(rand() * 3), 1 / rows];
  },
  sampleArrays: (_n, [, cols, K, cap], rand) => [undefined, undefined, ...sampleKs(K!, cols!, cap!, rand)],
  js(_dtype, [x, xall, kcols, kslots, g], n, [rows, cols, K, , invN]) {
    const m = rows!;
    for (let j = 0; j < n; j++)
      for (let k = 0; k < K!; k++) g![kslots![k]! * cols! + j] = dot1(x!, j * m, xall!, kcols![k]! * m, m) * invN!;
  },
};

export const cdGramCsc: KernelDef = {
  name: 'cd_gram_csc',
  doc: 'G[slot·cols + j] = (Σ_k vals_k·dense[rowidx_k] − rows·cmean_j·mk)·invN for CSC columns j (dense = column k scattered)',
  arrays: 6,
  arrayTypes: ['i32', 'i32', 'x', 'f64', 'f64', 'f64'],
  lengths: (n, [nnz, rows, cols, slot]) => [n + 1, nnz!, nnz!, n, rows!, (slot! + 1) * cols!],
  strides: () => [1, 0, 0, 1, 0, 1],
  writes: [5],
  scalars: ['nnz', 'rows', 'cols', 'slot', 'mk', 'invN'],
  cost: 4,
  work: (n, [nnz]) => 2 * nnz! + n,
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * 60);
    return [n === 0 ? 0 : Math.floor(n * (0.5 + 4 * rand())), rows, Math.max(1, n), Math.floor(rand() * 3), rand() - 0.5, 1 / rows];
  },
  sampleArrays: (n, [nnz, rows], rand) => sampleCsrArrays(n, nnz!, rows!, rand),
  js(_dtype, [colptr, rowidx, vals, cmean, dense, g], n, [, rows, cols, slot, mk, invN]) {
    for (let j = 0; j < n; j++)
      g![slot! * cols! + j] = (sparseDot(rowidx!, vals!, dense!, colptr![j]!, colptr![j + 1]!) - rows! * cmean![j]! * mk!) * invN!;
  },
};
