// prox_en: elastic-net prox x ← soft(x, τ)·s with τ = tλ₁, s = 1/(1 + 2tλ₂).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const proxEn = defineKernel({
  name: 'prox_en',
  doc: 'x ← (x − clamp(x, −τ, τ))·s; NaN/±Inf pass through (times s)',
  arrays: 1,
  writes: [0],
  scalars: ['tau', 's'],
  cost: 1,
  js(dtype, [x], n, [tau, s]) {
    const r = roundTo(dtype);
    const t = r(tau!), nt = -t, k = r(s!);
    // Two monomorphic loops: f32 rounds the soft threshold before the product, as the kernel does.
    if (dtype === 'float32') {
      for (let i = 0; i < n; i++) {
        const v = x![i]!;
        const c = v < t ? v : t; // pmin(t, v)
        x![i] = Math.fround(v - (nt < c ? c : nt)) * k;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const v = x![i]!;
      const c = v < t ? v : t;
      x![i] = (v - (nt < c ? c : nt)) * k;
    }
  },
});

/** proxEn's test inputs (src/kernels/samples.ts). */
export const proxEnSamples: KernelSamples = {
  sample: (_n, rand) => [rand() * 0.5, 1 / (1 + rand())],
};
