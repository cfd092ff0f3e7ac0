// scale: x ← s·x (the L2 prox with s = 1/(1 + 2tλ), and the L2-ball projection).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

export const scale = defineKernel({
  name: 'scale',
  doc: 'x ← s·x (s rounded to the dtype once)',
  arrays: 1,
  writes: [0],
  scalars: ['s'],
  cost: 1,
  js(dtype, [x], n, [s]) {
    const k = roundTo(dtype)(s!);
    for (let i = 0; i < n; i++) x![i] = x![i]! * k;
  },
});

/** scale's test inputs (src/kernels/samples.ts). */
export const scaleSamples: KernelSamples = {
  sample: (_n, rand) => [0.25 + rand()],
};
