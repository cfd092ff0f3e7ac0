// stats: one pass giving nnz, Σ|x|, Σx², max|x| per block (reduce 'block', 4 fields).
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const stats = defineKernel({
  name: 'stats',
  doc: 'per 4096-element block: [nnz, Σ|x|, Σx², max|x|] (NaN counts as nonzero and propagates)',
  arrays: 1,
  writes: [],
  scalars: [],
  reduce: { per: 'block', fields: 4 },
  cost: 4,
  js(_dtype, [x], n, _s, out) {
    for (let b = 0, k = 0; b < n; b += BLOCK, k += 4) {
      const end = Math.min(n, b + BLOCK);
      let nnz = 0, l1 = 0, l2sq = 0, linf = 0;
      for (let i = b; i < end; i++) {
        const v = x![i]!;
        if (v !== 0) nnz++;
        const a = Math.abs(v);
        l1 += a;
        l2sq += v * v;
        linf = Math.max(linf, a);
      }
      out![k] = nnz;
      out![k + 1] = l1;
      out![k + 2] = l2sq;
      out![k + 3] = linf;
    }
  },
});

/** stats's test inputs (src/kernels/samples.ts). */
export const statsSamples: KernelSamples = {
  sample: () => [],
  reduceTol: { float32: 1e-5, float64: 1e-12 },
};

/** Combines stats partials in block order. */
export function combineStats(p: Float64Array, n: number): { n: number; nnz: number; l1: number; l2sq: number; linf: number } {
  let nnz = 0, l1 = 0, l2sq = 0, linf = 0;
  for (let k = 0; k < p.length; k += 4) {
    nnz += p[k]!;
    l1 += p[k + 1]!;
    l2sq += p[k + 2]!;
    linf = Math.max(linf, p[k + 3]!);
  }
  return { n, nnz, l1, l2sq, linf };
}
