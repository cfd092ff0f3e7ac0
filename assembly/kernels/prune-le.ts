// prune_le: x_i ← +0 where key(x_i) ≤ B (the bits of |x| as an integer; B = hi·2³² + lo, hi = −1
// zeroes nothing). Magnitude pruning runs it over [0, cut) with B = K and over [cut, n) with
// B = K − 1, so exactly the selected ties (lowest indices first) are zeroed.
import { lanes, unrolled } from '../common';
import { clampKey, keyAt, keyLeMask, keyOf, splatKey } from '../keys';

// @ts-ignore: decorator
@inline function pruneLe<T>(p: usize, n: i32, bHi: f64, bLo: f64): void {
  const b = clampKey<T>(keyOf(bHi, bLo));
  const vb = splatKey<T>(b);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    const x0 = v128.load(p, 0), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
    v128.store(p, v128.andnot(x0, keyLeMask<T>(x0, vb)), 0);
    v128.store(p, v128.andnot(x1, keyLeMask<T>(x1, vb)), 16);
    v128.store(p, v128.andnot(x2, keyLeMask<T>(x2, vb)), 32);
    v128.store(p, v128.andnot(x3, keyLeMask<T>(x3, vb)), 48);
    p += 64;
  }
  for (; i + L <= n; i += L) {
    const x0 = v128.load(p);
    v128.store(p, v128.andnot(x0, keyLeMask<T>(x0, vb)));
    p += 16;
  }
  for (; i < n; i++) {
    if (keyAt<T>(p) <= b) store<T>(p, 0);
    p += sizeof<T>();
  }
}

export function prune_le_f32(x: usize, n: i32, bHi: f64, bLo: f64): void { pruneLe<f32>(x, n, bHi, bLo); }
export function prune_le_f64(x: usize, n: i32, bHi: f64, bLo: f64): void { pruneLe<f64>(x, n, bHi, bLo); }
