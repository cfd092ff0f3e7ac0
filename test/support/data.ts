// Test data: a seeded generator and arrays with the special values every kernel must survive.
import type { DType, FloatArray } from '../../src/dtype.js';

export { rng } from '../../src/random.js';

/** Sizes of docs/design.md §7: tile boundaries for 4-vector unrolling of f32 and f64, and large odd sizes. */
export const SIZES = [0, 1, 3, 4, 5, 15, 16, 17, 63, 64, 65, 4097, 100003];

export const SPECIALS = [NaN, Infinity, -Infinity, 0, -0];

/** Values in [-scale, scale) with some exact zeros; `specials` sprinkles NaN/±Inf/±0. */
export function fill(a: FloatArray, rand: () => number, opts: { scale?: number; specials?: boolean } = {}): FloatArray {
  const scale = opts.scale ?? 1;
  for (let i = 0; i < a.length; i++) a[i] = rand() < 0.05 ? 0 : (2 * rand() - 1) * scale;
  if (opts.specials && a.length > 0) {
    for (let k = 0; k < SPECIALS.length; k++) a[Math.floor(rand() * a.length)] = SPECIALS[k]!;
  }
  return a;
}

export function make(dtype: DType, n: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** Bitwise equality, NaN equal to NaN; returns the first differing index or -1. */
export function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) return i;
  }
  return -1;
}
