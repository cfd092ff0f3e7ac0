// prox_l1: in-place soft threshold with τ = t·λ (elementwise).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const proxL1 = defineKernel({
  name: 'prox_l1',
  doc: 'x ← x − clamp(x, −τ, τ) = sign(x)·max(|x| − τ, 0); NaN/±Inf pass through, zeros are +0',
  arrays: 1,
  writes: [0],
  scalars: ['tau'],
  cost: 1,
  js(dtype, [x], n, [tau]) {
    const t = roundTo(dtype)(tau!), nt = -t;
    for (let i = 0; i < n; i++) {
      const v = x![i]!;
      const c = v < t ? v : t; // pmin(t, v)
      x![i] = v - (nt < c ? c : nt); // v − pmax(−t, ·)
    }
  },
});

/** proxL1's test inputs (src/kernels/samples.ts). */
export const proxL1Samples: KernelSamples = {
  sample: (_n, rand) => [rand() * 0.5],
};
