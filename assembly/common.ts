// Shared inline helpers for the kernels. Every kernel is written once, generic over T = f32 | f64,
// and wrapped by per-type exports in the kernel's own file. No allocation, no static data.

/** Elements per v128 for T (4 for f32, 2 for f64). */
// @ts-ignore: decorator
@inline export function lanes<T>(): i32 {
  return 16 / <i32>sizeof<T>();
}

/** Elements per unrolled main-loop iteration: 4 vectors. */
// @ts-ignore: decorator
@inline export function unrolled<T>(): i32 {
  return 64 / <i32>sizeof<T>();
}

/**
 * Reduction block, in elements. Partial sums are kept in T within a block, promoted to f64 per
 * block and combined in block order, so a reduction does not depend on how blocks are sharded.
 * Exported: src/wasm/load.ts checks it against BLOCK in src/kernels/layout.ts.
 */
export const BLOCK: i32 = 4096;

/** Scalar twin of v128.pmin: b < a ? b : a (NaN in b gives a). */
// @ts-ignore: decorator
@inline export function pmin<T>(a: T, b: T): T {
  return select<T>(b, a, b < a);
}

/** Scalar twin of v128.pmax: a < b ? b : a (NaN in b gives a). */
// @ts-ignore: decorator
@inline export function pmax<T>(a: T, b: T): T {
  return select<T>(b, a, a < b);
}

/** Soft threshold v − pmax(−t, pmin(t, v)); NaN and ±Inf pass through. */
// @ts-ignore: decorator
@inline export function softS<T>(v: T, t: T): T {
  return v - pmax<T>(-t, pmin<T>(t, v));
}

/** Vector soft threshold: same formula, lane-wise. */
// @ts-ignore: decorator
@inline export function softV<T>(v: v128, t: v128, nt: v128): v128 {
  return v128.sub<T>(v, v128.pmax<T>(nt, v128.pmin<T>(t, v)));
}

/** Sum of the lanes of a T vector, promoted to f64, in lane order. */
// @ts-ignore: decorator
@inline export function hsum<T>(v: v128): f64 {
  if (sizeof<T>() == 4) {
    return (<f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1))
         + (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3));
  }
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Max of the lanes of a T vector (NaN propagates), as f64. */
// @ts-ignore: decorator
@inline export function hmax<T>(v: v128): f64 {
  if (sizeof<T>() == 4) {
    return max(max(<f64>f32x4.extract_lane(v, 0), <f64>f32x4.extract_lane(v, 1)),
               max(<f64>f32x4.extract_lane(v, 2), <f64>f32x4.extract_lane(v, 3)));
  }
  return max(f64x2.extract_lane(v, 0), f64x2.extract_lane(v, 1));
}

/**
 * Sum of squares of [p, p + n·sizeof<T>) with the block rule: 4 vector accumulators in T per
 * block of BLOCK elements, promoted to f64 per block. Used for group norms and the L2 ball.
 */
// @ts-ignore: decorator
@inline export function sumSquares<T>(p: usize, n: i32): f64 {
  let total: f64 = 0;
  while (n > 0) {
    const m = min(n, BLOCK);
    let a0 = v128.splat<T>(0), a1 = a0, a2 = a0, a3 = a0;
    let i = 0;
    const U = unrolled<T>(), L = lanes<T>();
    for (; i + U <= m; i += U) {
      const x0 = v128.load(p, 0), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
      a0 = v128.add<T>(a0, v128.mul<T>(x0, x0));
      a1 = v128.add<T>(a1, v128.mul<T>(x1, x1));
      a2 = v128.add<T>(a2, v128.mul<T>(x2, x2));
      a3 = v128.add<T>(a3, v128.mul<T>(x3, x3));
      p += 64;
    }
    for (; i + L <= m; i += L) {
      const x0 = v128.load(p);
      a0 = v128.add<T>(a0, v128.mul<T>(x0, x0));
      p += 16;
    }
    let s: T = 0;
    for (; i < m; i++) {
      const x = load<T>(p);
      s += x * x;
      p += sizeof<T>();
    }
    total += hsum<T>(v128.add<T>(v128.add<T>(a0, a1), v128.add<T>(a2, a3))) + <f64>s;
    n -= m;
  }
  return total;
}
