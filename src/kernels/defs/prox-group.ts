// prox_group: group-lasso prox v_g ← max(0, 1 − τ/‖v_g‖)·v_g per consecutive group (τ = tλ).
import type { FloatArray } from '../../dtype.js';
import { roundTo } from '../../dtype.js';
import { sumSquaresRef } from '../sum-squares.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleGroupSize } from './group-sample.js';

/** The factor applied to a group of norm `norm` (zero group stays zero; NaN norm gives NaN). */
export function shrinkFactor(norm: number, tau: number): number {
  return norm > tau ? 1 - tau / norm : Number.isNaN(norm) ? NaN : 0;
}

export const proxGroup = defineKernel({
  name: 'prox_group',
  doc: 'per group v_g ← max(0, 1 − τ/‖v_g‖)·v_g (norm in f64 over T partial sums)',
  arrays: 1,
  writes: [0],
  scalars: ['groupSize', 'tau'],
  grouped: true,
  cost: 2,
  js(dtype, [x], n, [groupSize, tau]) {
    const r = roundTo(dtype);
    const gs = groupSize!;
    for (let s = 0; s + gs <= n; s += gs) {
      const f = r(shrinkFactor(Math.sqrt(sumSquaresRef(dtype, x as FloatArray, s, gs)), tau!));
      for (let i = s; i < s + gs; i++) x![i] = x![i]! * f;
    }
  },
});

/** proxGroup's test inputs (src/kernels/samples.ts). */
export const proxGroupSamples: KernelSamples = {
  sample: (n, rand) => {
    const gs = sampleGroupSize(n, rand);
    return [gs, rand() * Math.sqrt(gs) * 0.6];
  },
};
