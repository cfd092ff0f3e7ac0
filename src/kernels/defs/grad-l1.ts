// grad_l1: g ← g + λ·sign(w), sign(±0) = +0, NaN in w gives NaN.
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const gradL1 = defineKernel({
  name: 'grad_l1',
  doc: 'g ← g + λ·sign(w) (sign(±0) = +0; NaN in w gives NaN)',
  arrays: 2,
  writes: [0],
  scalars: ['lam'],
  cost: 1,
  js(dtype, [g, w], n, [lam]) {
    const l = roundTo(dtype)(Math.abs(lam!));
    for (let i = 0; i < n; i++) {
      const x = w![i]!;
      // Branch-free λ·sign(x) (random signs defeat branch prediction); +0 at ±0, NaN at NaN.
      g![i] = g![i]! + (x !== x ? NaN : (+(x > 0) - +(x < 0)) * l);
    }
  },
});

/** gradL1's test inputs (src/kernels/samples.ts). */
export const gradL1Samples: KernelSamples = {
  sample: (_n, rand) => [rand()],
};
