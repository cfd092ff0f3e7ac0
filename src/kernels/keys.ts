// Plain-JS twin of assembly/keys.ts: the magnitude key of an element is the bits of |x| as an
// integer (sign cleared), handled as two 32-bit halves [hi, lo] so that f64 keys stay exact.
// Integer order of keys = order of |x|; every NaN ranks above +Inf.
import type { FloatArray } from '../dtype.js';

/** The 32-bit words of a float array (f64 element i is words 2i (lo) and 2i + 1 (hi)). */
export function wordsOf(x: FloatArray): Uint32Array {
  return new Uint32Array(x.buffer, x.byteOffset, x.byteLength / 4);
}

/** High half of key i (0 for f32). */
export function keyHi(u: Uint32Array, wide: boolean, i: number): number {
  return wide ? u[2 * i + 1]! & 0x7fffffff : 0;
}

/** Low half of key i. */
export function keyLo(u: Uint32Array, wide: boolean, i: number): number {
  return wide ? u[2 * i]! : u[i]! & 0x7fffffff;
}

/** High half of (hi·2³² + lo) >>> s for 0 ≤ s < 64. */
export function shrHi(hi: number, s: number): number {
  return s >= 32 ? 0 : hi >>> s;
}

/** Low half of (hi·2³² + lo) >>> s for 0 ≤ s < 64. */
export function shrLo(hi: number, lo: number, s: number): number {
  if (s === 0) return lo;
  if (s < 32) return ((lo >>> s) | (hi << (32 - s))) >>> 0;
  return hi >>> (s - 32);
}

/** (hi, lo) ≤ (bHi, bLo) as 64-bit integers; bHi may be −1 (below every key). */
export function keyLe(hi: number, lo: number, bHi: number, bLo: number): boolean {
  return hi < bHi || (hi === bHi && lo <= bLo);
}

/** Splits a 64-bit key or bound (−1 allowed) into the [hi, lo] scalars kernels take. */
export function splitKey(k: bigint): [number, number] {
  return [Number(k >> 32n), Number(k & 0xffffffffn)];
}

/** The float whose |x| has the given key (NaN keys give NaN). */
export function keyToMagnitude(k: bigint, wide: boolean): number {
  if (wide) return new Float64Array(new BigUint64Array([k]).buffer)[0]!;
  return new Float32Array(new Uint32Array([Number(k)]).buffer)[0]!;
}

/** The key of |v| for a number rounded to the dtype (for tests and samples). */
export function keyOfValue(v: number, wide: boolean): bigint {
  if (wide) return new BigUint64Array(new Float64Array([Math.abs(v)]).buffer)[0]!;
  return BigInt(new Uint32Array(new Float32Array([Math.abs(v)]).buffer)[0]!);
}
