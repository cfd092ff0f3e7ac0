// group_norms: ‖x_g‖₂ per consecutive group, as f64 (reduce per 'group', 1 field).
import type { FloatArray } from '../../dtype.js';
import { sumSquaresRef } from '../sum-squares.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleGroupSize } from './group-sample.js';

export const groupNorms = defineKernel({
  name: 'group_norms',
  doc: 'out[g] = ‖x_g‖₂ for each group of groupSize elements (bitwise equal to the kernel)',
  arrays: 1,
  writes: [],
  scalars: ['groupSize'],
  reduce: { per: 'group', fields: 1 },
  grouped: true,
  cost: 1,
  js(dtype, [x], n, [groupSize], out) {
    const gs = groupSize!;
    for (let s = 0, k = 0; s + gs <= n; s += gs, k++) out![k] = Math.sqrt(sumSquaresRef(dtype, x as FloatArray, s, gs));
  },
});

/** groupNorms's test inputs (src/kernels/samples.ts). */
export const groupNormsSamples: KernelSamples = {
  sample: (n, rand) => [sampleGroupSize(n, rand)],
};
