// Inline helpers for the coordinate-descent kernels (not kernels themselves: no exports). Columns
// are stored in T (f32 or f64); every sum and every work vector (residuals, weights, margins,
// coefficients) is f64. The plain-JS twins in src/kernels/defs/cd-common.ts repeat each operation
// in the same order, so the kernels' written arrays match the reference bitwise.
import { load2 } from './kernels/linear-dot';

/** Σ x_i·r_i over n elements (x in T, r in f64): 8 per iteration in 4 f64x2 accumulators, scalar tail. */
// @ts-ignore: decorator
@inline export function dotTF<T>(x: usize, r: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    a0 = f64x2.add(a0, f64x2.mul(load2<T>(x, 0), v128.load(r, 0)));
    a1 = f64x2.add(a1, f64x2.mul(load2<T>(x, 2), v128.load(r, 16)));
    a2 = f64x2.add(a2, f64x2.mul(load2<T>(x, 4), v128.load(r, 32)));
    a3 = f64x2.add(a3, f64x2.mul(load2<T>(x, 6), v128.load(r, 48)));
    x += 8 * sizeof<T>();
    r += 64;
  }
  let s: f64 = 0;
  for (; i < n; i++) {
    s += <f64>load<T>(x) * load<f64>(r);
    x += sizeof<T>();
    r += 8;
  }
  const v = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return (f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1)) + s;
}

/** Σ v_i·x_i² over n elements (x in T, v in f64), in dotTF's order. */
// @ts-ignore: decorator
@inline export function wsqTF<T>(x: usize, v: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const x0 = load2<T>(x, 0), x1 = load2<T>(x, 2), x2 = load2<T>(x, 4), x3 = load2<T>(x, 6);
    a0 = f64x2.add(a0, f64x2.mul(f64x2.mul(x0, x0), v128.load(v, 0)));
    a1 = f64x2.add(a1, f64x2.mul(f64x2.mul(x1, x1), v128.load(v, 16)));
    a2 = f64x2.add(a2, f64x2.mul(f64x2.mul(x2, x2), v128.load(v, 32)));
    a3 = f64x2.add(a3, f64x2.mul(f64x2.mul(x3, x3), v128.load(v, 48)));
    x += 8 * sizeof<T>();
    v += 64;
  }
  let s: f64 = 0;
  for (; i < n; i++) {
    const xi = <f64>load<T>(x);
    s += xi * xi * load<f64>(v);
    x += sizeof<T>();
    v += 8;
  }
  const t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return (f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1)) + s;
}

/** Weighted residual and margin update for a coordinate step k: r_i −= k·v_i·x_i, η_i += k·x_i. */
// @ts-ignore: decorator
@inline export function wstepTF<T>(r: usize, eta: usize, v: usize, x: usize, k: f64, n: i32): void {
  const vk = f64x2.splat(k);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const kx = f64x2.mul(load2<T>(x, 0), vk);
    v128.store(r, f64x2.sub(v128.load(r), f64x2.mul(kx, v128.load(v))));
    v128.store(eta, f64x2.add(v128.load(eta), kx));
    x += 2 * sizeof<T>();
    r += 16;
    v += 16;
    eta += 16;
  }
  for (; i < n; i++) {
    const kx = <f64>load<T>(x) * k;
    store<f64>(r, load<f64>(r) - kx * load<f64>(v));
    store<f64>(eta, load<f64>(eta) + kx);
    x += sizeof<T>();
    r += 8;
    v += 8;
    eta += 8;
  }
}

/** Σ_k vals[k]·r[rowidx[k]] for k ∈ [start, end): 4 accumulators (k mod 4), then a scalar tail. */
// @ts-ignore: decorator
@inline export function sparseDot<T>(rowidx: usize, vals: usize, r: usize, start: i32, end: i32): f64 {
  let a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0;
  let k = start;
  let pi = rowidx + (<usize>k << 2), pv = vals + <usize>k * sizeof<T>();
  for (; k + 4 <= end; k += 4) {
    a0 += <f64>load<T>(pv, 0) * load<f64>(r + (<usize>load<i32>(pi, 0) << 3));
    a1 += <f64>load<T>(pv, sizeof<T>()) * load<f64>(r + (<usize>load<i32>(pi, 4) << 3));
    a2 += <f64>load<T>(pv, 2 * sizeof<T>()) * load<f64>(r + (<usize>load<i32>(pi, 8) << 3));
    a3 += <f64>load<T>(pv, 3 * sizeof<T>()) * load<f64>(r + (<usize>load<i32>(pi, 12) << 3));
    pi += 16;
    pv += 4 * sizeof<T>();
  }
  let s: f64 = 0;
  for (; k < end; k++) {
    s += <f64>load<T>(pv) * load<f64>(r + (<usize>load<i32>(pi) << 3));
    pi += 4;
    pv += sizeof<T>();
  }
  return ((a0 + a1) + (a2 + a3)) + s;
}

/** Σ_k v[i_k]·vals[k]² for k ∈ [start, end), in sparseDot's order. */
// @ts-ignore: decorator
@inline export function sparseWsq<T>(rowidx: usize, vals: usize, v: usize, start: i32, end: i32): f64 {
  let a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0;
  let k = start;
  let pi = rowidx + (<usize>k << 2), pv = vals + <usize>k * sizeof<T>();
  for (; k + 4 <= end; k += 4) {
    const x0 = <f64>load<T>(pv, 0), x1 = <f64>load<T>(pv, sizeof<T>());
    const x2 = <f64>load<T>(pv, 2 * sizeof<T>()), x3 = <f64>load<T>(pv, 3 * sizeof<T>());
    a0 += x0 * x0 * load<f64>(v + (<usize>load<i32>(pi, 0) << 3));
    a1 += x1 * x1 * load<f64>(v + (<usize>load<i32>(pi, 4) << 3));
    a2 += x2 * x2 * load<f64>(v + (<usize>load<i32>(pi, 8) << 3));
    a3 += x3 * x3 * load<f64>(v + (<usize>load<i32>(pi, 12) << 3));
    pi += 16;
    pv += 4 * sizeof<T>();
  }
  let s: f64 = 0;
  for (; k < end; k++) {
    const x = <f64>load<T>(pv);
    s += x * x * load<f64>(v + (<usize>load<i32>(pi) << 3));
    pi += 4;
    pv += sizeof<T>();
  }
  return ((a0 + a1) + (a2 + a3)) + s;
}

/** The coordinate minimizer soft(u, l1)/den (den = curvature + 2λ₂ > 0). */
// @ts-ignore: decorator
@inline export function cdUpdate(u: f64, l1: f64, den: f64): f64 {
  return (u > l1 ? u - l1 : u < -l1 ? u + l1 : 0) / den;
}

/**
 * The weighted epochs' intercept step (the Newton model's unpenalized coordinate): δb = Σr/sumV,
 * r −= δb·v, η += δb, b (state[0]) += δb; returns its change measure sumV·invN·δb² (0 when δb = 0).
 */
// @ts-ignore: decorator
@inline export function interceptStep(r: usize, v: usize, eta: usize, state: usize, nr: i32, invN: f64, sumV: f64): f64 {
  let s: f64 = 0;
  for (let i = 0; i < nr; i++) s += load<f64>(r + (<usize>i << 3));
  const db = s / sumV;
  if (db == 0) return 0;
  for (let i = 0; i < nr; i++) {
    const p = <usize>i << 3;
    store<f64>(r + p, load<f64>(r + p) - db * load<f64>(v + p));
    store<f64>(eta + p, load<f64>(eta + p) + db);
  }
  store<f64>(state, load<f64>(state) + db);
  return sumV * invN * db * db;
}
