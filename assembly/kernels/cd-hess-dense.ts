// Proximal Newton on the support, dense column-major X: H = [X_S 1]ᵀ·diag(v)·[X_S 1]·invN, lower
// triangle of an M × M row-major matrix (M = m + intercept); each entry one weighted dot product
// (x_a·x_b)·v in dotTF's lane order.
import { load2 } from './linear-dot';
import { dotTF } from '../cd';

// @ts-ignore: decorator
@inline function wdot3<T>(a: usize, b: usize, v: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    a0 = f64x2.add(a0, f64x2.mul(f64x2.mul(load2<T>(a, 0), load2<T>(b, 0)), v128.load(v, 0)));
    a1 = f64x2.add(a1, f64x2.mul(f64x2.mul(load2<T>(a, 2), load2<T>(b, 2)), v128.load(v, 16)));
    a2 = f64x2.add(a2, f64x2.mul(f64x2.mul(load2<T>(a, 4), load2<T>(b, 4)), v128.load(v, 32)));
    a3 = f64x2.add(a3, f64x2.mul(f64x2.mul(load2<T>(a, 6), load2<T>(b, 6)), v128.load(v, 48)));
    a += 8 * sizeof<T>();
    b += 8 * sizeof<T>();
    v += 64;
  }
  let s: f64 = 0;
  for (; i < n; i++) {
    s += <f64>load<T>(a) * <f64>load<T>(b) * load<f64>(v);
    a += sizeof<T>();
    b += sizeof<T>();
    v += 8;
  }
  const t = f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3));
  return (f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1)) + s;
}

// @ts-ignore: decorator
@inline function hessDense<T>(x: usize, list: usize, v: usize, H: usize, m: i32, rows: f64, invN: f64, intercept: f64): void {
  const nr = <i32>rows;
  const colBytes = <usize>nr * sizeof<T>();
  const M = m + (intercept != 0 ? 1 : 0);
  const stride = <usize>M << 3;
  for (let a = 0; a < m; a++) {
    const xa = x + <usize>load<i32>(list + (<usize>a << 2)) * colBytes;
    for (let b = 0; b <= a; b++) {
      const xb = x + <usize>load<i32>(list + (<usize>b << 2)) * colBytes;
      store<f64>(H + <usize>a * stride + (<usize>b << 3), wdot3<T>(xa, xb, v, nr) * invN);
    }
    if (M > m) store<f64>(H + <usize>m * stride + (<usize>a << 3), dotTF<T>(xa, v, nr) * invN);
  }
  if (M > m) {
    let s: f64 = 0;
    for (let i = 0; i < nr; i++) s += load<f64>(v + (<usize>i << 3));
    store<f64>(H + <usize>m * stride + (<usize>m << 3), s * invN);
  }
}

export function cd_hess_dense_f32(x: usize, list: usize, v: usize, H: usize, m: i32, rows: f64, cols: f64, invN: f64, intercept: f64): void { hessDense<f32>(x, list, v, H, m, rows, invN, intercept); }
export function cd_hess_dense_f64(x: usize, list: usize, v: usize, H: usize, m: i32, rows: f64, cols: f64, invN: f64, intercept: f64): void { hessDense<f64>(x, list, v, H, m, rows, invN, intercept); }
