// Coordinate descent, dense column-major X (rows × n columns, T): the full gradient sweep
// g_j = x_jᵀr / rows for every column of the call. Columns are independent, so the call shards by
// columns (the KKT check over all features and the duality gap need it once per λ).
import { dotTF } from '../cd';

// @ts-ignore: decorator
@inline function cdSweepDense<T>(x: usize, r: usize, g: usize, n: i32, rows: f64, invN: f64): void {
  const m = <i32>rows;
  const colBytes = <usize>m * sizeof<T>();
  for (let j = 0; j < n; j++) {
    store<f64>(g, dotTF<T>(x, r, m) * invN);
    x += colBytes;
    g += 8;
  }
}

export function cd_sweep_dense_f32(x: usize, r: usize, g: usize, n: i32, rows: f64, invN: f64): void { cdSweepDense<f32>(x, r, g, n, rows, invN); }
export function cd_sweep_dense_f64(x: usize, r: usize, g: usize, n: i32, rows: f64, invN: f64): void { cdSweepDense<f64>(x, r, g, n, rows, invN); }
