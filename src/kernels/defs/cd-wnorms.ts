// cd_wnorms_dense / cd_wnorms_csc: the weighted curvature xv_j = Σ v_i·x_ij²·invN of listed
// coordinates (a logistic Newton step's quadratic model), sharded by list entries.
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { denseColumnListSamples, sampleIndices, sparseWsq, wsqTF } from './cd-common.js';

export const cdWnormsDense = defineKernel({
  name: 'cd_wnorms_dense',
  doc: 'xv[list_a] = Σ_i v_i·X[i, list_a]²·invN for column-major X (rows × cols, T)',
  arrays: 4,
  arrayTypes: ['x', 'i32', 'f64', 'f64'],
  lengths: (n, [rows, cols]) => [cols! * rows!, n, rows!, cols!],
  strides: () => [0, 1, 0, 0],
  writes: [3],
  scalars: ['rows', 'cols', 'invN'],
  cost: 4,
  work: (n, [rows]) => 3 * n * rows!,
  js(_dtype, [x, list, v, xv], n, [rows, , invN]) {
    for (let a = 0; a < n; a++) {
      const j = list![a]!;
      xv![j] = wsqTF(x!, j * rows!, v!, rows!) * invN!;
    }
  },
});

/** cdWnormsDense's test inputs (src/kernels/samples.ts). */
export const cdWnormsDenseSamples: KernelSamples = denseColumnListSamples;

export const cdWnormsCsc = defineKernel({
  name: 'cd_wnorms_csc',
  doc: 'xv[list_a] = Σ_k v[rowidx_k]·vals_k²·invN over CSC column list_a',
  arrays: 6,
  arrayTypes: ['i32', 'i32', 'x', 'i32', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows]) => [cols! + 1, nnz!, nnz!, n, rows!, cols!],
  strides: () => [0, 0, 0, 1, 0, 0],
  writes: [5],
  scalars: ['cols', 'nnz', 'rows', 'invN'],
  cost: 4,
  work: (n, [cols, nnz]) => 3 * n * Math.max(1, nnz! / cols!),
  js(_dtype, [colptr, rowidx, vals, list, v, xv], n, [, , , invN]) {
    for (let a = 0; a < n; a++) {
      const j = list![a]!;
      xv![j] = sparseWsq(rowidx!, vals!, v!, colptr![j]!, colptr![j + 1]!) * invN!;
    }
  },
});

/** cdWnormsCsc's test inputs (src/kernels/samples.ts). */
export const cdWnormsCscSamples: KernelSamples = {
  sample: (_n, rand) => {
    const cols = 1 + Math.floor(rand() * 30), rows = 1 + Math.floor(rand() * 40);
    return [cols, Math.floor(cols * (0.5 + 3 * rand())), rows, 1 / rows];
  },
  sampleArrays: (n, [cols, nnz, rows], rand) => [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, sampleIndices(n, cols!, rand)],
};
