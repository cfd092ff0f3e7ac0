// grad_group: g_g ← g_g + (λ/‖w_g‖)·w_g per consecutive group, 0 where ‖w_g‖ = 0.
import type { FloatArray } from '../../dtype.js';
import { roundTo } from '../../dtype.js';
import { sumSquaresRef } from '../sum-squares.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleGroupSize } from './group-sample.js';

export const gradGroup = defineKernel({
  name: 'grad_group',
  doc: 'per group g_g ← g_g + (λ/‖w_g‖)·w_g (0 for a zero group; NaN norm gives NaN)',
  arrays: 2,
  writes: [0],
  scalars: ['groupSize', 'lam'],
  grouped: true,
  cost: 2,
  js(dtype, [g, w], n, [groupSize, lam]) {
    const r = roundTo(dtype);
    const gs = groupSize!;
    for (let s = 0; s + gs <= n; s += gs) {
      const norm = Math.sqrt(sumSquaresRef(dtype, w as FloatArray, s, gs));
      const f = r(norm > 0 ? lam! / norm : Number.isNaN(norm) ? NaN : 0);
      for (let i = s; i < s + gs; i++) g![i] = g![i]! + r(w![i]! * f);
    }
  },
});

/** gradGroup's test inputs (src/kernels/samples.ts). */
export const gradGroupSamples: KernelSamples = {
  sample: (n, rand) => [sampleGroupSize(n, rand), rand()],
};
