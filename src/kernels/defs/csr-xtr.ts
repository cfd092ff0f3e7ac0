// csr_xtr: Xᵀ·r for CSR X as per-group partial vectors (cols f64 per rowsPerPartial rows).
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays, sampleCsrShape } from './csr-sample.js';

export const csrXtr = defineKernel({
  name: 'csr_xtr',
  doc: 'per group of rowsPerPartial rows: g_j = Σ_i X[i, j]·r_i for CSR X (cols f64 partials, group order)',
  arrays: 4,
  arrayTypes: ['i32', 'i32', 'x', 'x'],
  lengths: (n, [, nnz]) => [n + 1, nnz!, nnz!, n],
  strides: () => [1, 0, 0, 1],
  writes: [],
  // rowsPerPartial is the group size (scalars[0]); the last group may be shorter.
  scalars: ['rowsPerPartial', 'nnz', 'cols'],
  reduce: { per: 'group', fields: ([, , cols]) => cols! },
  grouped: true,
  cost: 4,
  js(_dtype, [indptr, indices, data, r], n, [rows, , cols], out) {
    const d = cols!;
    for (let b = 0, o = 0; b < n; b += rows!, o += d) {
      out!.fill(0, o, o + d);
      const end = Math.min(n, b + rows!);
      for (let i = b; i < end; i++) {
        const ri = r![i]!;
        for (let k = indptr![i]!; k < indptr![i + 1]!; k++) {
          const j = o + indices![k]!;
          out![j] = out![j]! + data![k]! * ri;
        }
      }
    }
  },
});

/** csrXtr's test inputs (src/kernels/samples.ts). */
export const csrXtrSamples: KernelSamples = {
  sample: (n, rand) => [1 + Math.floor(rand() * 5000), ...sampleCsrShape(n, rand)],
  sampleArrays: (n, [, nnz, cols], rand) => sampleCsrArrays(n, nnz!, cols!, rand),
  reduceTol: { float32: 0, float64: 0 },
};
