// cd_gram_dense / cd_gram_csc: Gram columns of variables entering covariance-mode coordinate
// descent, G[slot_k·cols + j] = x̃_jᵀx̃_k/rows, sharded by j.
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { sparseDot } from './cd-common.js';

/** Rows per cache chunk of cd_gram_dense (assembly/kernels/cd-gram-dense.ts). */
const CHUNK = 1024;

/** x_aᵀx_b in cd_gram_dense's order: per chunk of CHUNK rows lane 0 (even) + lane 1 (odd), chunks in order, then the odd last row. */
function chunkedDot(x: ArrayLike<number>, ao: number, y: ArrayLike<number>, bo: number, rows: number): number {
  const even = rows - (rows % 2);
  let s = 0;
  for (let i0 = 0; i0 < even; i0 += CHUNK) {
    let s0 = 0, s1 = 0;
    for (let i = i0; i < Math.min(i0 + CHUNK, even); i += 2) {
      s0 += x[ao + i]! * y[bo + i]!;
      s1 += x[ao + i + 1]! * y[bo + i + 1]!;
    }
    s += s0 + s1;
  }
  if (rows % 2) s += x[ao + rows - 1]! * y[bo + rows - 1]!;
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

export const cdGramDense = defineKernel({
  name: 'cd_gram_dense',
  doc: 'G[kslots_k·cols + j] = x_jᵀ xall_{kcols_k}·invN for the call\'s columns j of column-major X; copied from G[slot_j·cols + kcols_k] when 0 ≤ slot_j < first',
  arrays: 7,
  arrayTypes: ['x', 'x', 'i32', 'i32', 'i32', 'f64', 'f64'],
  lengths: (n, [rows, cols, K, cap]) => [n * rows!, cols! * rows!, K!, K!, n, cap! * cols!, cap! * cols!],
  strides: ([rows]) => [rows!, 0, 0, 0, 1, 1, 0],
  writes: [5],
  scalars: ['rows', 'cols', 'K', 'cap', 'first', 'invN'],
  cost: 8,
  work: (n, [rows, , K]) => 2 * n * rows! * K!,
  js(_dtype, [x, xall, kcols, kslots, slot, g, gall], n, [rows, cols, K, , first, invN]) {
    const m = rows!, d = cols!;
    for (let j = 0; j < n; j++) {
      const s = slot![j]!;
      for (let k = 0; k < K!; k++) {
        g![kslots![k]! * d + j] = s >= 0 && s < first! ? gall![s * d + kcols![k]!]! : chunkedDot(x!, j * m, xall!, kcols![k]! * m, m) * invN!;
      }
    }
  },
});

/** cdGramDense's test inputs (src/kernels/samples.ts). */
export const cdGramDenseSamples: KernelSamples = {
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * (n > 5000 ? 5 : 2100)), K = 1 + Math.floor(rand() * 9);
    const cap = K + Math.floor(rand() * 3);
    return [rows, Math.max(1, n), K, cap, Math.floor(rand() * (cap - K + 1)), 1 / rows];
  },
  // Slots: the batch's own (kslots) at or above `first`, earlier ones below it, the rest unslotted.
  sampleArrays: (n, [, cols, K, cap, first], rand) => {
    const [kcols, kslots] = sampleKs(K!, cols!, cap!, rand);
    for (let k = 0; k < K!; k++) kslots[k] = first! + k;
    const slot = new Int32Array(n).map(() => (rand() < 0.5 && first! > 0 ? Math.floor(rand() * first!) : -1));
    return [undefined, undefined, kcols, kslots, slot];
  },
};

export const cdGramCsc = defineKernel({
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
  js(_dtype, [colptr, rowidx, vals, cmean, dense, g], n, [, rows, cols, slot, mk, invN]) {
    for (let j = 0; j < n; j++)
      g![slot! * cols! + j] = (sparseDot(rowidx!, vals!, dense!, colptr![j]!, colptr![j + 1]!) - rows! * cmean![j]! * mk!) * invN!;
  },
});

/** cdGramCsc's test inputs (src/kernels/samples.ts). */
export const cdGramCscSamples: KernelSamples = {
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * 60);
    return [n === 0 ? 0 : Math.floor(n * (0.5 + 4 * rand())), rows, Math.max(1, n), Math.floor(rand() * 3), rand() - 0.5, 1 / rows];
  },
  sampleArrays: (n, [nnz, rows], rand) => sampleCsrArrays(n, nnz!, rows!, rand),
};
