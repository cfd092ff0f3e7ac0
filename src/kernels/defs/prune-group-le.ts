// prune_group_le: zeroes each group whose norm key (bits of ‖x_g‖₂ as f64) is ≤ B.
import type { FloatArray } from '../../dtype.js';
import { sumSquaresRef } from '../sum-squares.js';
import { keyHi, keyLe, keyLo, keyOfValue, splitKey } from '../keys.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleGroupSize } from './group-sample.js';

const norm64 = new Float64Array(1);
const normWords = new Uint32Array(norm64.buffer);

export const pruneGroupLe = defineKernel({
  name: 'prune_group_le',
  doc: 'x_g ← +0 for each group with key(‖x_g‖₂ as f64) ≤ B (norm as group_norms computes it)',
  arrays: 1,
  writes: [0],
  scalars: ['groupSize', 'bHi', 'bLo'],
  grouped: true,
  cost: 2,
  js(dtype, [x], n, [groupSize, bHi, bLo]) {
    const gs = groupSize!;
    for (let s = 0; s + gs <= n; s += gs) {
      norm64[0] = Math.sqrt(sumSquaresRef(dtype, x as FloatArray, s, gs));
      if (keyLe(keyHi(normWords, true, 0), keyLo(normWords, true, 0), bHi!, bLo!)) x!.fill(0, s, s + gs);
    }
  },
});

/** pruneGroupLe's test inputs (src/kernels/samples.ts). */
export const pruneGroupLeSamples: KernelSamples = {
  sample: (n, rand) => {
    const gs = sampleGroupSize(n, rand);
    return [gs, ...splitKey(keyOfValue(rand() * Math.sqrt(gs) * 0.6, true))];
  },
};
