// linear_xtr: dense row-major Xᵀ·r as per-group partial vectors (cols f64 per rowsPerPartial rows).
import { defineKernel, type KernelSamples } from '../types.js';

export const linearXtr = defineKernel({
  name: 'linear_xtr',
  doc: 'per group of rowsPerPartial rows: g_j = Σ_i X[i, j]·r_i (cols f64 partials, added in group order)',
  arrays: 2,
  lengths: (n, [, cols]) => [n * cols!, n],
  strides: ([, cols]) => [cols!, 1],
  writes: [],
  // rowsPerPartial is the group size (scalars[0]); the last group may be shorter.
  scalars: ['rowsPerPartial', 'cols'],
  reduce: { per: 'group', fields: ([, cols]) => cols! },
  grouped: true,
  cost: 2,
  js(_dtype, [x, r], n, [rows, cols], out) {
    const d = cols!;
    for (let b = 0, o = 0; b < n; b += rows!, o += d) {
      out!.fill(0, o, o + d);
      const end = Math.min(n, b + rows!);
      for (let i = b; i < end; i++) {
        const ri = r![i]!;
        for (let j = 0; j < d; j++) out![o + j] = out![o + j]! + x![i * d + j]! * ri;
      }
    }
  },
});

/** linearXtr's test inputs (src/kernels/samples.ts). */
export const linearXtrSamples: KernelSamples = {
  sample: (n, rand) => [1 + Math.floor(rand() * 5000), 1 + Math.floor(rand() * (n > 5000 ? 6 : 40))],
  reduceTol: { float32: 0, float64: 0 },
};
