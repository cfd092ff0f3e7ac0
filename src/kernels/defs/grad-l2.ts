// grad_l2: g ← g + c·w with c = 2λ (PyTorch's weight_decay = 2λ).
import { roundTo } from '../../dtype.js';
import type { KernelDef, KernelSamples } from '../types.js';

export const gradL2 = {
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
} as const satisfies KernelDef;

/** Test inputs of gradL2 (the kernel matrix and the sharding tests; not in the runtime bundle). */
export const gradL2Samples: KernelSamples = {
  sample: (_n, rand) => [2 * rand()],
};
