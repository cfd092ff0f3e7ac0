// prune_le: x ← +0 where the bits of |x| as an integer are ≤ B = hi·2³² + lo (hi = −1: none).
import type { FloatArray } from '../../dtype.js';
import { keyHi, keyLe, keyLo, keyOfValue, splitKey, wordsOf } from '../keys.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleKey } from './key-sample.js';

export const pruneLe = defineKernel({
  name: 'prune_le',
  doc: 'x_i ← +0 where key(x_i) ≤ B (key = bits of |x_i|; NaN keys are above +Inf)',
  arrays: 1,
  writes: [0],
  scalars: ['bHi', 'bLo'],
  cost: 1,
  js(dtype, [x], n, [bHi, bLo]) {
    const u = wordsOf(x as FloatArray), wide = dtype === 'float64';
    for (let i = 0; i < n; i++) if (keyLe(keyHi(u, wide, i), keyLo(u, wide, i), bHi!, bLo!)) x![i] = 0;
  },
});

/** pruneLe's test inputs (src/kernels/samples.ts). */
export const pruneLeSamples: KernelSamples = {
  sample: (_n, rand, dtype) => {
    const pick = rand();
    if (pick < 0.15) return [-1, 0xffffffff];
    if (pick < 0.3) return sampleKey(rand, dtype);
    return splitKey(keyOfValue(rand(), dtype === 'float64'));
  },
};
