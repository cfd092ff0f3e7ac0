// logistic_dual: per-block Σ H(y_i − κ·r_i) (binary entropy), the dual value of logistic loss at
// the scaled dual point, for the duality gap.
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

const xlnx = (p: number) => (p > 0 ? p * Math.log1p(p - 1) : 0);

export const logisticDual = defineKernel({
  name: 'logistic_dual',
  doc: 'per 4096 block Σ H(clamp(y_i − κ·r_i, 0, 1)), H(p) = −p·ln p − (1 − p)·ln(1 − p) (f64)',
  arrays: 2,
  arrayTypes: ['f64', 'f64'],
  writes: [],
  scalars: ['kappa'],
  reduce: { per: 'block', fields: 1 },
  cost: 8,
  js(_dtype, [y, r], n, [kappa], out) {
    for (let b = 0, o = 0; b < n; b += BLOCK, o++) {
      const end = Math.min(n, b + BLOCK);
      let h = 0;
      for (let i = b; i < end; i++) {
        let p = y![i]! - kappa! * r![i]!;
        p = p < 0 ? 0 : p > 1 ? 1 : p;
        h -= xlnx(p) + xlnx(1 - p);
      }
      out![o] = h;
    }
  },
});

/** logisticDual's test inputs (src/kernels/samples.ts). */
export const logisticDualSamples: KernelSamples = {
  sample: (_n, rand) => [rand()],
  reduceTol: { float32: 1e-12, float64: 1e-12 },
};
