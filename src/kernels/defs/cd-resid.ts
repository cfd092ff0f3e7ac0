// cd_resid: per-block [Σ(r + o)², Σ t·(r + o)], the squared-loss duality gap's residual terms.
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const cdResid = defineKernel({
  name: 'cd_resid',
  doc: 'per 4096 block [Σ (r_i + o)², Σ t_i·(r_i + o)] (f64)',
  arrays: 2,
  arrayTypes: ['f64', 'f64'],
  writes: [],
  scalars: ['o'],
  reduce: { per: 'block', fields: 2 },
  cost: 2,
  js(_dtype, [r, t], n, [o], out) {
    for (let b = 0, k = 0; b < n; b += BLOCK, k += 2) {
      const end = Math.min(n, b + BLOCK);
      let rr = 0, tr = 0;
      for (let i = b; i < end; i++) {
        const e = r![i]! + o!;
        rr += e * e;
        tr += t![i]! * e;
      }
      out![k] = rr;
      out![k + 1] = tr;
    }
  },
});

/** cdResid's test inputs (src/kernels/samples.ts). */
export const cdResidSamples: KernelSamples = {
  sample: (_n, rand) => [rand() - 0.5],
  reduceTol: { float32: 0, float64: 0 },
};
