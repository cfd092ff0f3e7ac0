// count_key: per block, #{key(x) = K} (reduce per 'block', 1 field).
import type { FloatArray } from '../../dtype.js';
import { BLOCK } from '../layout.js';
import { keyHi, keyLo, wordsOf } from '../keys.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleKey } from './key-sample.js';

export const countKey = defineKernel({
  name: 'count_key',
  doc: 'per 4096-element block: #{i : bits of |x_i| = K}',
  arrays: 1,
  writes: [],
  scalars: ['kHi', 'kLo'],
  reduce: { per: 'block', fields: 1 },
  cost: 1,
  js(dtype, [x], n, [kHi, kLo], out) {
    const u = wordsOf(x as FloatArray), wide = dtype === 'float64';
    for (let b = 0, k = 0; b < n; b += BLOCK, k++) {
      const end = Math.min(n, b + BLOCK);
      let c = 0;
      for (let i = b; i < end; i++) if (keyHi(u, wide, i) === kHi && keyLo(u, wide, i) === kLo) c++;
      out![k] = c;
    }
  },
});

/** countKey's test inputs (src/kernels/samples.ts). */
export const countKeySamples: KernelSamples = {
  sample: (_n, rand, dtype) => sampleKey(rand, dtype),
};
