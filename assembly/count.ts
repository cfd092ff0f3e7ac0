// Counting with lane masks, shared by every kernel that counts (stats, the optimizer steps, the
// pruning and projection reductions): masks summed in integer lanes (i32 for f32, i64 for f64),
// so a block's count is exact for any block size.

/** All-ones lanes where x ≠ 0 (NaN counts as nonzero). */
// @ts-ignore: decorator
@inline export function nonzeroMask<T>(x: v128): v128 {
  return v128.ne<T>(x, v128.splat<T>(0));
}

/** Adds a mask to a counter: lanes hold minus the count. */
// @ts-ignore: decorator
@inline export function addMask<T>(c: v128, m: v128): v128 {
  return sizeof<T>() == 4 ? i32x4.add(c, m) : i64x2.add(c, m);
}

/** The count a counter holds, as f64. */
// @ts-ignore: decorator
@inline export function countOf<T>(c: v128): f64 {
  if (sizeof<T>() == 4) {
    return -(<f64>(i32x4.extract_lane(c, 0) + i32x4.extract_lane(c, 1) + i32x4.extract_lane(c, 2) + i32x4.extract_lane(c, 3)));
  }
  return -(<f64>(i64x2.extract_lane(c, 0) + i64x2.extract_lane(c, 1)));
}
