// Shared dot product for the linear-model kernels (not a kernel itself: no exports).
// Σ a[i]·b[i] over d elements in f64: 8 elements per iteration into 4 f64x2 accumulators (f32 loads
// are promoted lane-wise), a scalar f64 tail, then ((a0 + a1) + (a2 + a3)), lane 0 + lane 1, + tail.

// @ts-ignore: decorator
@inline export function load2<T>(p: usize, offset: usize): v128 {
  // Two elements of T at p + offset·sizeof<T>() as f64x2.
  if (sizeof<T>() == 4) return f64x2.promote_low_f32x4(v128.load64_zero(p + offset * 4));
  return v128.load(p + offset * 8);
}

// @ts-ignore: decorator
@inline export function dot8<T>(a: usize, b: usize, d: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let i = 0;
  for (; i + 8 <= d; i += 8) {
    a0 = f64x2.add(a0, f64x2.mul(load2<T>(a, 0), load2<T>(b, 0)));
    a1 = f64x2.add(a1, f64x2.mul(load2<T>(a, 2), load2<T>(b, 2)));
    a2 = f64x2.add(a2, f64x2.mul(load2<T>(a, 4), load2<T>(b, 4)));
    a3 = f64x2.add(a3, f64x2.mul(load2<T>(a, 6), load2<T>(b, 6)));
    a += 8 * sizeof<T>();
    b += 8 * sizeof<T>();
  }
  let s: f64 = 0;
  for (; i < d; i++) {
    s += <f64>load<T>(a) * <f64>load<T>(b);
    a += sizeof<T>();
    b += sizeof<T>();
  }
  const v = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return (f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)) + s;
}

/** out[j] += x[j]·r over d elements, in f64 (out is f64, x is T): 8 per iteration, scalar tail. */
// @ts-ignore: decorator
@inline export function axpy8<T>(out: usize, x: usize, r: f64, d: i32): void {
  const vr = f64x2.splat(r);
  let i = 0;
  for (; i + 8 <= d; i += 8) {
    v128.store(out, f64x2.add(v128.load(out, 0), f64x2.mul(load2<T>(x, 0), vr)), 0);
    v128.store(out, f64x2.add(v128.load(out, 16), f64x2.mul(load2<T>(x, 2), vr)), 16);
    v128.store(out, f64x2.add(v128.load(out, 32), f64x2.mul(load2<T>(x, 4), vr)), 32);
    v128.store(out, f64x2.add(v128.load(out, 48), f64x2.mul(load2<T>(x, 6), vr)), 48);
    out += 64;
    x += 8 * sizeof<T>();
  }
  for (; i < d; i++) {
    store<f64>(out, load<f64>(out) + <f64>load<T>(x) * r);
    out += 8;
    x += sizeof<T>();
  }
}
