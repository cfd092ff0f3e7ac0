// Plain-JS twins of assembly/kernels/linear-dot.ts: the same f64 operations in the same order, so
// the dense linear kernels' outputs match wasm bitwise.
import type { FloatArray } from '../../dtype.js';

const acc = new Float64Array(8);

/** Σ a[ao + i]·b[bo + i], i < d, in the lane order of dot8 (8-wide f64 lanes, scalar tail). */
export function dot8(a: FloatArray, ao: number, b: FloatArray, bo: number, d: number): number {
  acc.fill(0);
  let i = 0;
  for (; i + 8 <= d; i += 8) for (let l = 0; l < 8; l++) acc[l] = acc[l]! + a[ao + i + l]! * b[bo + i + l]!;
  let s = 0;
  for (; i < d; i++) s += a[ao + i]! * b[bo + i]!;
  const v0 = (acc[0]! + acc[2]!) + (acc[4]! + acc[6]!);
  const v1 = (acc[1]! + acc[3]!) + (acc[5]! + acc[7]!);
  return (v0 + v1) + s;
}

/** Row-block count for n rows (the partial layout of the Xᵀr kernels). */
export const blocksOf = (n: number, block: number): number => Math.ceil(n / block);
