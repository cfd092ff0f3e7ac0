// logistic_irls: p = σ(η), weights v = max(p(1 − p), 1e-5), residual r = y − p, and per-block
// partials [Σ log-loss, Σ v, Σ r] (the quadratic model of one proximal Newton step).
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { expNeg } from './logistic-loss.js';

/** Floor of the Newton weights p(1 − p): the model keeps some curvature where p reaches 0 or 1. */
export const VMIN = 1e-5;

export const logisticIrls = defineKernel({
  name: 'logistic_irls',
  doc: 'v_i = max(σ(η_i)(1 − σ(η_i)), 1e-5), r_i = y_i − σ(η_i); per 4096 block [Σ log-loss, Σv, Σr] (f64)',
  arrays: 4,
  arrayTypes: ['f64', 'f64', 'f64', 'f64'],
  writes: [2, 3],
  scalars: [],
  reduce: { per: 'block', fields: 3 },
  cost: 8,
  js(_dtype, [eta, y, v, r], n, _s, out) {
    for (let b = 0, o = 0; b < n; b += BLOCK, o += 3) {
      const end = Math.min(n, b + BLOCK);
      let loss = 0, sv = 0, sr = 0;
      for (let i = b; i < end; i++) {
        const zi = eta![i]!, yi = y![i]!;
        const e = expNeg(-Math.abs(zi));
        const q = 1 / (1 + e);
        const p = zi >= 0 ? q : e * q;
        let w = e * q * q;
        if (!(w >= VMIN)) w = VMIN;
        const ri = yi - p;
        v![i] = w;
        r![i] = ri;
        loss += Math.log1p(e) + (zi > 0 ? zi : 0) - yi * zi;
        sv += w;
        sr += ri;
      }
      out![o] = loss;
      out![o + 1] = sv;
      out![o + 2] = sr;
    }
  },
});

/** logisticIrls's test inputs (src/kernels/samples.ts). */
export const logisticIrlsSamples: KernelSamples = {
  sample: () => [],
  reduceTol: { float32: 1e-12, float64: 1e-12 },
};
