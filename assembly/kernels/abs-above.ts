// abs_above: per BLOCK of x, [Σ_{|x|>τ} |x|, #{|x| > τ}] as f64 (reduce per 'block', 2 fields).
// τ is rounded to T once; sums accumulate in f64 lanes (f32 lanes are promoted), so the L1-ball
// threshold search built on it is as exact as f64 allows. NaN is never above τ.
import { BLOCK, lanes, unrolled } from '../common';
import { addMask, countOf } from '../count';

// @ts-ignore: decorator
@inline function accumulate<T>(acc: v128, a: v128): v128 {
  if (sizeof<T>() == 4) {
    return f64x2.add(f64x2.add(acc, f64x2.promote_low_f32x4(a)),
                     f64x2.promote_low_f32x4(v128.shuffle<i64>(a, a, 1, 1)));
  }
  return f64x2.add(acc, a);
}

// @ts-ignore: decorator
@inline function absAbove<T>(p: usize, n: i32, tau: f64, out: usize): void {
  const t = <T>tau;
  const vt = v128.splat<T>(t);
  const U = unrolled<T>(), L = lanes<T>();
  while (n > 0) {
    const m = min(n, BLOCK);
    const z = f64x2.splat(0);
    let s0 = z, s1 = z, s2 = z, s3 = z;
    let c0 = z, c1 = z;
    let i = 0;
    for (; i + U <= m; i += U) {
      const a0 = v128.abs<T>(v128.load(p, 0)), a1 = v128.abs<T>(v128.load(p, 16));
      const a2 = v128.abs<T>(v128.load(p, 32)), a3 = v128.abs<T>(v128.load(p, 48));
      const m0 = v128.gt<T>(a0, vt), m1 = v128.gt<T>(a1, vt), m2 = v128.gt<T>(a2, vt), m3 = v128.gt<T>(a3, vt);
      s0 = accumulate<T>(s0, v128.and(a0, m0)); s1 = accumulate<T>(s1, v128.and(a1, m1));
      s2 = accumulate<T>(s2, v128.and(a2, m2)); s3 = accumulate<T>(s3, v128.and(a3, m3));
      c0 = addMask<T>(addMask<T>(c0, m0), m1);
      c1 = addMask<T>(addMask<T>(c1, m2), m3);
      p += 64;
    }
    for (; i + L <= m; i += L) {
      const a0 = v128.abs<T>(v128.load(p));
      const m0 = v128.gt<T>(a0, vt);
      s0 = accumulate<T>(s0, v128.and(a0, m0));
      c0 = addMask<T>(c0, m0);
      p += 16;
    }
    let ts: f64 = 0, tc: f64 = 0;
    for (; i < m; i++) {
      const a = abs<T>(load<T>(p));
      if (a > t) { ts += <f64>a; tc += 1; }
      p += sizeof<T>();
    }
    const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
    store<f64>(out, (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)) + ts, 0);
    store<f64>(out, countOf<T>(addMask<T>(c0, c1)) + tc, 8);
    out += 16;
    n -= m;
  }
}

export function abs_above_f32(x: usize, n: i32, tau: f64, out: usize): void { absAbove<f32>(x, n, tau, out); }
export function abs_above_f64(x: usize, n: i32, tau: f64, out: usize): void { absAbove<f64>(x, n, tau, out); }
