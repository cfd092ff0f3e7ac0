// Helpers for subgradient kernels: λ·sign(w) as bit operations (sign(±0) = +0, λ ≥ 0).

/** Lane-wise λ·sign(w) for λ ≥ 0 with sign bit clear: copysign(λ, w) where w ≠ 0, +0 where w = ±0.
 *  NaN lanes give ±λ; callers that must propagate NaN use signScaledNaN. */
// @ts-ignore: decorator
@inline export function signScaled<T>(w: v128, vlam: v128): v128 {
  const signBits = v128.and(w, v128.splat<T>(-0.0));
  return v128.and(v128.or(signBits, vlam), v128.ne<T>(w, v128.splat<T>(0)));
}

/** signScaled, but NaN lanes of w give NaN (their bits are OR-ed in, which keeps a NaN a NaN). */
// @ts-ignore: decorator
@inline export function signScaledNaN<T>(w: v128, vlam: v128): v128 {
  return v128.or(signScaled<T>(w, vlam), v128.and(w, v128.ne<T>(w, w)));
}

/** Scalar λ·sign(w): +0 at ±0, NaN at NaN. */
// @ts-ignore: decorator
@inline export function signScaledS<T>(w: T, lam: T): T {
  return w > 0 ? lam : w < 0 ? -lam : w == 0 ? <T>0 : w;
}
