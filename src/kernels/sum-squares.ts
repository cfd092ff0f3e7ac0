// Plain-JS twin of assembly/common.ts sumSquares<T>, operation for operation: 4 vector accumulators
// of T lanes per BLOCK, a 1-vector loop, a scalar tail, lanes combined as the kernel does. Grouped
// kernels scale by a factor derived from this value, so it must match the kernel bit for bit.
import { roundTo, type DType, type FloatArray } from '../dtype.js';
import { BLOCK } from './layout.js';

const acc64 = new Float64Array(16);

/** Σ x[off .. off + n)² with the kernel's block rule and rounding (T within a block, f64 across). */
export function sumSquaresRef(dtype: DType, x: FloatArray, off: number, n: number): number {
  const r = roundTo(dtype);
  const L = dtype === 'float32' ? 4 : 2, U = 4 * L;
  const acc = acc64;
  let total = 0, p = off;
  while (n > 0) {
    const m = Math.min(n, BLOCK);
    acc.fill(0);
    let i = 0;
    for (; i + U <= m; i += U) {
      for (let v = 0; v < 4; v++) {
        for (let l = 0; l < L; l++) {
          const e = x[p + v * L + l]!;
          acc[v * L + l] = r(acc[v * L + l]! + r(e * e));
        }
      }
      p += U;
    }
    for (; i + L <= m; i += L) {
      for (let l = 0; l < L; l++) {
        const e = x[p + l]!;
        acc[l] = r(acc[l]! + r(e * e));
      }
      p += L;
    }
    let s = 0;
    for (; i < m; i++, p++) s = r(s + r(x[p]! * x[p]!));
    // v128.add(v128.add(a0, a1), v128.add(a2, a3)) lane-wise in T, then hsum in f64.
    const lane = (l: number) => r(r(acc[l]! + acc[L + l]!) + r(acc[2 * L + l]! + acc[3 * L + l]!));
    const h = L === 4 ? (lane(0) + lane(1)) + (lane(2) + lane(3)) : lane(0) + lane(1);
    total += h + s;
    n -= m;
  }
  return total;
}
