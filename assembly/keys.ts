// Magnitude keys for exact selection: the bits of |x| as an integer (sign bit cleared). For finite
// and infinite values the integer order is the order of |x|; every NaN ranks above +Inf (by payload).
// Scalars that carry a key (or a bound) are two f64s: hi (signed, so −1 means "below every key")
// and lo (unsigned 32 bits).

/** The magnitude key of the element at p, widened to i64. */
// @ts-ignore: decorator
@inline export function keyAt<T>(p: usize): i64 {
  if (sizeof<T>() == 4) return <i64>(load<u32>(p) & 0x7fffffff);
  return load<i64>(p) & 0x7fffffffffffffff;
}

/** hi·2³² + lo from two f64 scalars (hi in [−1, 2³¹), lo in [0, 2³²)). */
// @ts-ignore: decorator
@inline export function keyOf(hi: f64, lo: f64): i64 {
  return (<i64>hi << 32) | <i64>(<u32><u64>lo);
}

/** The largest key of T. */
// @ts-ignore: decorator
@inline export function topKey<T>(): i64 {
  return sizeof<T>() == 4 ? 0x7fffffff : 0x7fffffffffffffff;
}

/** A bound clamped to [−1, topKey], so that it fits T's integer lanes and keeps its meaning. */
// @ts-ignore: decorator
@inline export function clampKey<T>(k: i64): i64 {
  return k > topKey<T>() ? topKey<T>() : k < -1 ? -1 : k;
}

/** A key to compare for equality: itself when it can be a key of T, else −1 (equal to none). */
// @ts-ignore: decorator
@inline export function eqKey<T>(k: i64): i64 {
  return k < 0 || k > topKey<T>() ? -1 : k;
}

/** Lane-wise mask of key(x) ≤ b (b already clamped; b = −1 matches nothing). */
// @ts-ignore: decorator
@inline export function keyLeMask<T>(x: v128, b: v128): v128 {
  if (sizeof<T>() == 4) return i32x4.le_s(v128.and(x, i32x4.splat(0x7fffffff)), b);
  return i64x2.le_s(v128.and(x, i64x2.splat(0x7fffffffffffffff)), b);
}

/** Lane-wise mask of key(x) == k. */
// @ts-ignore: decorator
@inline export function keyEqMask<T>(x: v128, k: v128): v128 {
  if (sizeof<T>() == 4) return i32x4.eq(v128.and(x, i32x4.splat(0x7fffffff)), k);
  return i64x2.eq(v128.and(x, i64x2.splat(0x7fffffffffffffff)), k);
}

/** A key splatted into T's integer lanes. */
// @ts-ignore: decorator
@inline export function splatKey<T>(k: i64): v128 {
  return sizeof<T>() == 4 ? i32x4.splat(<i32>k) : i64x2.splat(k);
}
