// cd_sweep_csc: the full gradient g_j = (Σ a_kj·r_{i_k} − m_j·S)·invN over the columns of a CSC X.
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { sparseDot } from './cd-common.js';

export const cdSweepCsc = defineKernel({
  name: 'cd_sweep_csc',
  doc: 'g_j = (Σ_k vals_k·r[rowidx_k] − cmean_j·S)·invN for CSC columns j (f64 sums; r, g, cmean f64)',
  arrays: 6,
  arrayTypes: ['i32', 'i32', 'x', 'f64', 'f64', 'f64'],
  lengths: (n, [nnz, rows]) => [n + 1, nnz!, nnz!, n, rows!, n],
  strides: () => [1, 0, 0, 1, 0, 1],
  writes: [5],
  scalars: ['nnz', 'rows', 'S', 'invN'],
  cost: 4,
  work: (n, [nnz]) => 2 * nnz! + n,
  js(_dtype, [colptr, rowidx, vals, cmean, r, g], n, [, , S, invN]) {
    for (let j = 0; j < n; j++) g![j] = (sparseDot(rowidx!, vals!, r!, colptr![j]!, colptr![j + 1]!) - cmean![j]! * S!) * invN!;
  },
});

/** cdSweepCsc's test inputs (src/kernels/samples.ts). */
export const cdSweepCscSamples: KernelSamples = {
  sample: (n, rand) => [n === 0 ? 0 : Math.floor(n * (0.5 + 4 * rand())), 1 + Math.floor(rand() * 60), rand() - 0.5, 1 / (1 + rand() * 100)],
  sampleArrays: (n, [nnz, rows], rand) => sampleCsrArrays(n, nnz!, rows!, rand),
};
