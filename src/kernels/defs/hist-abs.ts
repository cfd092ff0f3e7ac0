// hist_abs: one radix-select pass over magnitude keys (reduce per 'shard', 2048 bins).
import type { FloatArray } from '../../dtype.js';
import type { DType } from '../../dtype.js';
import { keyHi, keyLo, keyOfValue, shrHi, shrLo, splitKey, wordsOf } from '../keys.js';
import { defineKernel, type KernelSamples } from '../types.js';

/** Bins per histogram slot (digits are at most 11 bits wide). */
export const HIST_BINS = 2048;
/** Histogram copies per slot: element i (index within the call or shard) counts into copy i & 3. */
export const HIST_COPIES = 4;

/** The radix passes [shift, width] from the top of the key: 31-bit f32 keys, 63-bit f64 keys. */
export function radixPasses(dtype: DType): [number, number][] {
  return dtype === 'float32'
    ? [[20, 11], [10, 10], [0, 10]]
    : [[52, 11], [41, 11], [30, 11], [19, 11], [8, 11], [0, 8]];
}

/** u32 words of one histogram slot (the per-shard workspace of hist_abs). */
export const HIST_SLOT_WORDS = HIST_BINS * HIST_COPIES;

export const histAbs = defineKernel({
  name: 'hist_abs',
  doc: 'u32 histogram of digit (key >> shift) & (2^width − 1) of elements whose key >> (shift + width) = prefix: counted into 4 copies (element i → copy i & 3), summed into copy 0',
  arrays: 1,
  writes: [],
  scalars: ['shift', 'width', 'prefHi', 'prefLo'],
  reduce: { per: 'shard', fields: HIST_SLOT_WORDS / 2, u32: true },
  cost: 3,
  autoClass: ([shift]) => shift!, // one class per radix pass
  js(dtype, [x], n, [shift, width, prefHi, prefLo], out) {
    const u = wordsOf(x as FloatArray), wide = dtype === 'float64';
    const s = shift!, top = s + width!, bins = 1 << width!, mask = bins - 1;
    const h = new Uint32Array(out!.buffer, out!.byteOffset, HIST_SLOT_WORDS);
    for (let c = 0; c < HIST_COPIES; c++) h.fill(0, c * HIST_BINS, c * HIST_BINS + bins);
    for (let i = 0; i < n; i++) {
      const hi = keyHi(u, wide, i), lo = keyLo(u, wide, i);
      if (shrHi(hi, top) !== prefHi || shrLo(hi, lo, top) !== prefLo) continue;
      h[(i & 3) * HIST_BINS + (shrLo(hi, lo, s) & mask)]! += 1;
    }
    for (let b = 0; b < bins; b++) h[b] = h[b]! + h[HIST_BINS + b]! + h[2 * HIST_BINS + b]! + h[3 * HIST_BINS + b]!;
  },
});

/** histAbs's test inputs (src/kernels/samples.ts). */
export const histAbsSamples: KernelSamples = {
  sample: (_n, rand, dtype) => {
    const passes = radixPasses(dtype ?? 'float32');
    const [shift, width] = passes[Math.floor(rand() * passes.length)]!;
    const key = keyOfValue(2 * rand() - 1, dtype === 'float64');
    return [shift, width, ...splitKey(key >> BigInt(shift + width))];
  },
};
