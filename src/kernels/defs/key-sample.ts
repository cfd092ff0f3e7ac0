// Sample keys for the selection kernels' matrix runs: keys that occur in the matrix data (0, ±Inf,
// the canonical NaN) or of a random value, split into the [hi, lo] scalars the kernels take.
import type { DType } from '../../dtype.js';
import { keyOfValue, splitKey } from '../keys.js';

export function sampleKey(rand: () => number, dtype: DType | undefined): [number, number] {
  const wide = dtype === 'float64';
  const pick = Math.floor(rand() * 4);
  const v = pick === 0 ? 0 : pick === 1 ? Infinity : pick === 2 ? NaN : 2 * rand() - 1;
  return splitKey(keyOfValue(v, wide));
}
