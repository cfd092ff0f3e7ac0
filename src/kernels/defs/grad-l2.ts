// grad_l2: g ← g + c·w with c = 2λ (PyTorch's weight_decay = 2λ).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const gradL2 = defineKernel({
  name: 'grad_l2',
  doc: 'g ← g + c·w (c = 2λ)',
  arrays: 2,
  writes: [0],
  scalars: ['c'],
  cost: 1,
  js(dtype, [g, w], n, [c]) {
    const k = roundTo(dtype)(c!);
    if (dtype === 'float32') for (let i = 0; i < n; i++) g![i] = g![i]! + Math.fround(w![i]! * k);
    else for (let i = 0; i < n; i++) g![i] = g![i]! + w![i]! * k;
  },
});

/** gradL2's test inputs (src/kernels/samples.ts). */
export const gradL2Samples: KernelSamples = {
  sample: (_n, rand) => [2 * rand()],
};
