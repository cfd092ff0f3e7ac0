// linear_xtr: dense row-major Xᵀ·r as per-block partial vectors (cols f64 per 4096 rows).
import { BLOCK } from '../layout.js';
import type { KernelDef } from '../types.js';

export const linearXtr: KernelDef = {
  name: 'linear_xtr',
  doc: 'per 4096-row block: g_j = Σ_i X[i, j]·r_i (cols f64 partials; blocks are added in order)',
  arrays: 2,
  lengths: (n, [cols]) => [n * cols!, n],
  strides: ([cols]) => [cols!, 1],
  writes: [],
  scalars: ['cols'],
  reduce: { per: 'block', fields: ([cols]) => cols! },
  cost: 2,
  sample: (n, rand) => [1 + Math.floor(rand() * (n > 5000 ? 6 : 40))],
  reduceTol: { float32: 0, float64: 0 },
  js(_dtype, [x, r], n, [cols], out) {
    const d = cols!;
    for (let b = 0, o = 0; b < n; b += BLOCK, o += d) {
      out!.fill(0, o, o + d);
      const end = Math.min(n, b + BLOCK);
      for (let i = b; i < end; i++) {
        const ri = r![i]!;
        for (let j = 0; j < d; j++) out![o + j] = out![o + j]! + x![i * d + j]! * ri;
      }
    }
  },
};
