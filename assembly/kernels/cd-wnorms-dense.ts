// Logistic loss's Newton step, dense column-major X: the weighted curvature of each listed
// coordinate, xv_j = Σ_i v_i·x_ij² / rows (v = p(1 − p), floored). Shards by list entries.
import { wsqTF } from '../cd';

// @ts-ignore: decorator
@inline function cdWnormsDense<T>(x: usize, list: usize, v: usize, xv: usize, n: i32, rows: f64, invN: f64): void {
  const nr = <i32>rows;
  const colBytes = <usize>nr * sizeof<T>();
  for (let a = 0; a < n; a++) {
    const j = <usize>load<i32>(list);
    store<f64>(xv + (j << 3), wsqTF<T>(x + j * colBytes, v, nr) * invN);
    list += 4;
  }
}

export function cd_wnorms_dense_f32(x: usize, list: usize, v: usize, xv: usize, n: i32, rows: f64, cols: f64, invN: f64): void { cdWnormsDense<f32>(x, list, v, xv, n, rows, invN); }
export function cd_wnorms_dense_f64(x: usize, list: usize, v: usize, xv: usize, n: i32, rows: f64, cols: f64, invN: f64): void { cdWnormsDense<f64>(x, list, v, xv, n, rows, invN); }
