// Covariance-mode coordinate descent, dense column-major X: Gram columns for variables entering
// the active set, G[slot_k·cols + j] = x_jᵀx_k / rows for the call's columns j and K new variables
// k (their column indices and Gram slots in kcols/kslots). Shards by j: X and G advance with j,
// the base of X (xall) is shared. Blocks of 2 j × 4 k share their loads; every dot product has one
// f64x2 accumulator (even rows in lane 0, odd rows in lane 1) and a scalar last row when rows is
// odd, whatever block it is computed in, so the plain-JS twin repeats it bitwise.
import { load2 } from './linear-dot';

// @ts-ignore: decorator
@inline function dot1<T>(a: usize, b: usize, pairs: i32, odd: bool): f64 {
  let acc = f64x2.splat(0);
  for (let i = 0; i < pairs; i++) {
    acc = f64x2.add(acc, f64x2.mul(load2<T>(a, 0), load2<T>(b, 0)));
    a += 2 * sizeof<T>();
    b += 2 * sizeof<T>();
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (odd) s += <f64>load<T>(a) * <f64>load<T>(b);
  return s;
}

// @ts-ignore: decorator
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** G[slot_k·d + j] = s and G[slot_k·d + j + 1] = t. */
// @ts-ignore: decorator
@inline function put(g: usize, kslots: usize, k: i32, d: usize, j: i32, s: f64, t: f64): void {
  const p = g + ((<usize>load<i32>(kslots + (<usize>k << 2)) * d + <usize>j) << 3);
  store<f64>(p, s);
  store<f64>(p, t, 8);
}

// @ts-ignore: decorator
@inline function cdGramDense<T>(x: usize, xall: usize, kcols: usize, kslots: usize, g: usize, n: i32, rows: f64, cols: f64, K: f64, invN: f64): void {
  const nr = <i32>rows, d = <usize>(<i32>cols), nk = <i32>K;
  const colBytes = <usize>nr * sizeof<T>();
  const pairs = nr >> 1, odd = (nr & 1) != 0;
  const last = <usize>(nr - 1) * sizeof<T>();
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const xa = x + <usize>j * colBytes, xb = xa + colBytes;
    let k = 0;
    for (; k + 4 <= nk; k += 4) {
      const c0 = xall + <usize>load<i32>(kcols + (<usize>k << 2)) * colBytes;
      const c1 = xall + <usize>load<i32>(kcols + (<usize>k << 2), 4) * colBytes;
      const c2 = xall + <usize>load<i32>(kcols + (<usize>k << 2), 8) * colBytes;
      const c3 = xall + <usize>load<i32>(kcols + (<usize>k << 2), 12) * colBytes;
      let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
      for (let i = 0, o: usize = 0; i < pairs; i++, o += 2 * sizeof<T>()) {
        const va = load2<T>(xa + o, 0), vb = load2<T>(xb + o, 0);
        const k0 = load2<T>(c0 + o, 0), k1 = load2<T>(c1 + o, 0), k2 = load2<T>(c2 + o, 0), k3 = load2<T>(c3 + o, 0);
        a0 = f64x2.add(a0, f64x2.mul(va, k0)); b0 = f64x2.add(b0, f64x2.mul(vb, k0));
        a1 = f64x2.add(a1, f64x2.mul(va, k1)); b1 = f64x2.add(b1, f64x2.mul(vb, k1));
        a2 = f64x2.add(a2, f64x2.mul(va, k2)); b2 = f64x2.add(b2, f64x2.mul(vb, k2));
        a3 = f64x2.add(a3, f64x2.mul(va, k3)); b3 = f64x2.add(b3, f64x2.mul(vb, k3));
      }
      let s0 = lanes(a0), s1 = lanes(a1), s2 = lanes(a2), s3 = lanes(a3);
      let t0 = lanes(b0), t1 = lanes(b1), t2 = lanes(b2), t3 = lanes(b3);
      if (odd) {
        const xl = <f64>load<T>(xa + last), yl = <f64>load<T>(xb + last);
        const l0 = <f64>load<T>(c0 + last), l1 = <f64>load<T>(c1 + last), l2 = <f64>load<T>(c2 + last), l3 = <f64>load<T>(c3 + last);
        s0 += xl * l0; s1 += xl * l1; s2 += xl * l2; s3 += xl * l3;
        t0 += yl * l0; t1 += yl * l1; t2 += yl * l2; t3 += yl * l3;
      }
      put(g, kslots, k, d, j, s0 * invN, t0 * invN);
      put(g, kslots, k + 1, d, j, s1 * invN, t1 * invN);
      put(g, kslots, k + 2, d, j, s2 * invN, t2 * invN);
      put(g, kslots, k + 3, d, j, s3 * invN, t3 * invN);
    }
    for (; k < nk; k++) {
      const ck = xall + <usize>load<i32>(kcols + (<usize>k << 2)) * colBytes;
      const p = g + ((<usize>load<i32>(kslots + (<usize>k << 2)) * d + <usize>j) << 3);
      store<f64>(p, dot1<T>(xa, ck, pairs, odd) * invN);
      store<f64>(p, dot1<T>(xb, ck, pairs, odd) * invN, 8);
    }
  }
  for (; j < n; j++) {
    const xa = x + <usize>j * colBytes;
    for (let k = 0; k < nk; k++) {
      const ck = xall + <usize>load<i32>(kcols + (<usize>k << 2)) * colBytes;
      store<f64>(g + ((<usize>load<i32>(kslots + (<usize>k << 2)) * d + <usize>j) << 3), dot1<T>(xa, ck, pairs, odd) * invN);
    }
  }
}

export function cd_gram_dense_f32(x: usize, xall: usize, kcols: usize, kslots: usize, g: usize, n: i32, rows: f64, cols: f64, K: f64, cap: f64, invN: f64): void { cdGramDense<f32>(x, xall, kcols, kslots, g, n, rows, cols, K, invN); }
export function cd_gram_dense_f64(x: usize, xall: usize, kcols: usize, kslots: usize, g: usize, n: i32, rows: f64, cols: f64, K: f64, cap: f64, invN: f64): void { cdGramDense<f64>(x, xall, kcols, kslots, g, n, rows, cols, K, invN); }
