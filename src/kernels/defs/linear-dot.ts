// Plain-JS twins of assembly/kernels/linear-dot.ts: the same f64 operations in the same order, so
// the dense linear kernels' outputs match wasm bitwise.
import type { FloatArray } from '../../dtype.js';

/** Σ a[ao + i]·b[bo + i], i < d, in the lane order of dot8 (8-wide f64 lanes, scalar tail). */
export function dot8(a: FloatArray, ao: number, b: FloatArray, bo: number, d: number): number {
  // Eight accumulators = the four f64x2 vectors' lanes: a0 = (s0, s1), a1 = (s2, s3), …
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 8 <= d; i += 8) {
    const p = ao + i, q = bo + i;
    s0 += a[p]! * b[q]!;
    s1 += a[p + 1]! * b[q + 1]!;
    s2 += a[p + 2]! * b[q + 2]!;
    s3 += a[p + 3]! * b[q + 3]!;
    s4 += a[p + 4]! * b[q + 4]!;
    s5 += a[p + 5]! * b[q + 5]!;
    s6 += a[p + 6]! * b[q + 6]!;
    s7 += a[p + 7]! * b[q + 7]!;
  }
  let s = 0;
  for (; i < d; i++) s += a[ao + i]! * b[bo + i]!;
  // ((a0 + a1) + (a2 + a3)) lane-wise, then lane 0 + lane 1, then the tail.
  const v0 = (s0 + s2) + (s4 + s6);
  const v1 = (s1 + s3) + (s5 + s7);
  return (v0 + v1) + s;
}
