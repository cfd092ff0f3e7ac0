// csr_xw: z = X·w + b for CSR X (rows shard: indptr and z advance, indices/data/w are shared).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays, sampleCsrShape } from './csr-sample.js';

export const csrXw = defineKernel({
  name: 'csr_xw',
  doc: 'z_i = Σ_k data[k]·w[indices[k]] + b over k ∈ [indptr[i], indptr[i+1]), accumulated in f64',
  arrays: 5,
  arrayTypes: ['i32', 'i32', 'x', 'x', 'x'],
  lengths: (n, [nnz, cols]) => [n + 1, nnz!, nnz!, cols!, n],
  strides: () => [1, 0, 0, 0, 1],
  writes: [4],
  scalars: ['nnz', 'cols', 'b'],
  cost: 4,
  js(dtype, [indptr, indices, data, w, z], n, [, , b]) {
    const round = roundTo(dtype);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = indptr![i]!; k < indptr![i + 1]!; k++) s += data![k]! * w![indices![k]!]!;
      z![i] = round(s + b!);
    }
  },
});

/** csrXw's test inputs (src/kernels/samples.ts). */
export const csrXwSamples: KernelSamples = {
  sample: (n, rand) => [...sampleCsrShape(n, rand), rand() - 0.5],
  sampleArrays: (n, [nnz, cols], rand) => sampleCsrArrays(n, nnz!, cols!, rand),
};
