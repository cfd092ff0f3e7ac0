// nth_key: per block, the in-block index of the m-th element with key K, or −1 (reduce per 'block').
import type { FloatArray } from '../../dtype.js';
import { BLOCK } from '../layout.js';
import { keyHi, keyLo, wordsOf } from '../keys.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleKey } from './key-sample.js';

export const nthKey = defineKernel({
  name: 'nth_key',
  doc: 'per 4096-element block: index in the block of the m-th (1-based) i with bits of |x_i| = K, or −1',
  arrays: 1,
  writes: [],
  scalars: ['kHi', 'kLo', 'm'],
  reduce: { per: 'block', fields: 1 },
  cost: 1,
  js(dtype, [x], n, [kHi, kLo, m], out) {
    const u = wordsOf(x as FloatArray), wide = dtype === 'float64';
    for (let b = 0, k = 0; b < n; b += BLOCK, k++) {
      const end = Math.min(n, b + BLOCK);
      let seen = 0, at = -1;
      for (let i = b; i < end; i++) {
        if (keyHi(u, wide, i) === kHi && keyLo(u, wide, i) === kLo && ++seen === m) {
          at = i - b;
          break;
        }
      }
      out![k] = at;
    }
  },
});

/** nthKey's test inputs (src/kernels/samples.ts). */
export const nthKeySamples: KernelSamples = {
  sample: (_n, rand, dtype) => [...sampleKey(rand, dtype), 1 + Math.floor(rand() * 40)],
};
