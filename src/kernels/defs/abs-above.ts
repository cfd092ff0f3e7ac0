// abs_above: per block [Σ_{|x|>τ} |x|, #{|x| > τ}] (reduce per 'block', 2 fields); τ rounded to the
// dtype, sums in f64. One pass of Michelot's L1-ball threshold iteration.
import { roundTo } from '../../dtype.js';
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const absAbove = defineKernel({
  name: 'abs_above',
  doc: 'per 4096-element block: [Σ_{|x|>τ} |x|, #{|x| > τ}] in f64 (NaN is never above τ)',
  arrays: 1,
  writes: [],
  scalars: ['tau'],
  reduce: { per: 'block', fields: 2 },
  cost: 1,
  js(dtype, [x], n, [tau], out) {
    const t = roundTo(dtype)(tau!);
    for (let b = 0, k = 0; b < n; b += BLOCK, k += 2) {
      const end = Math.min(n, b + BLOCK);
      let s = 0, c = 0;
      for (let i = b; i < end; i++) {
        const a = Math.abs(x![i]!);
        if (a > t) { s += a; c++; }
      }
      out![k] = s;
      out![k + 1] = c;
    }
  },
});

/** absAbove's test inputs (src/kernels/samples.ts). */
export const absAboveSamples: KernelSamples = {
  sample: (_n, rand) => [rand() * 0.8],
  reduceTol: { float32: 1e-12, float64: 1e-12 },
};
