// grad_en: g ← (g + c₂·w) + λ₁·sign(w) with c₂ = 2λ₂ (that order, each step rounded to the dtype).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const gradEn = defineKernel({
  name: 'grad_en',
  doc: 'g ← (g + c₂·w) + λ₁·sign(w) (sign(±0) = +0; NaN in w gives NaN)',
  arrays: 2,
  writes: [0],
  scalars: ['lam1', 'c2'],
  cost: 1,
  js(dtype, [g, w], n, [lam1, c2]) {
    const r = roundTo(dtype);
    const l = r(Math.abs(lam1!)), k = r(c2!);
    if (dtype === 'float32') {
      for (let i = 0; i < n; i++) {
        const x = w![i]!;
        g![i] = Math.fround(g![i]! + Math.fround(x * k)) + (x !== x ? NaN : (+(x > 0) - +(x < 0)) * l);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const x = w![i]!;
      g![i] = g![i]! + x * k + (x !== x ? NaN : (+(x > 0) - +(x < 0)) * l);
    }
  },
});

/** gradEn's test inputs (src/kernels/samples.ts). */
export const gradEnSamples: KernelSamples = {
  sample: (_n, rand) => [rand(), 2 * rand()],
};
