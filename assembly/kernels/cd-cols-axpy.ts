// Proximal Newton on the support: the change of the margins for a step δ on listed columns,
// out_i = δb + Σ_a δ_a·x̃_{i, list_a} (one pass over the listed columns; dense or CSC storage).
import { axpy8 } from './linear-dot';

// @ts-ignore: decorator
@inline function colsAxpyDense<T>(x: usize, list: usize, delta: usize, out: usize, m: i32, rows: f64, db: f64): void {
  const nr = <i32>rows;
  const colBytes = <usize>nr * sizeof<T>();
  for (let i = 0; i < nr; i++) store<f64>(out + (<usize>i << 3), db);
  for (let a = 0; a < m; a++) {
    const d = load<f64>(delta + (<usize>a << 3));
    if (d != 0) axpy8<T>(out, x + <usize>load<i32>(list + (<usize>a << 2)) * colBytes, d, nr);
  }
}

// @ts-ignore: decorator
@inline function colsAxpyCsc<T>(colptr: usize, rowidx: usize, vals: usize, list: usize, delta: usize, out: usize, m: i32, rows: f64, db: f64): void {
  const nr = <i32>rows;
  for (let i = 0; i < nr; i++) store<f64>(out + (<usize>i << 3), db);
  for (let a = 0; a < m; a++) {
    const d = load<f64>(delta + (<usize>a << 3));
    if (d == 0) continue;
    const j = <usize>load<i32>(list + (<usize>a << 2));
    const end = load<i32>(colptr + (j << 2), 4);
    for (let k = load<i32>(colptr + (j << 2)); k < end; k++) {
      const p = out + (<usize>load<i32>(rowidx + (<usize>k << 2)) << 3);
      store<f64>(p, load<f64>(p) - <f64>load<T>(vals + <usize>k * sizeof<T>()) * -d);
    }
  }
}

export function cd_cols_axpy_dense_f32(x: usize, list: usize, delta: usize, out: usize, m: i32, rows: f64, cols: f64, db: f64): void { colsAxpyDense<f32>(x, list, delta, out, m, rows, db); }
export function cd_cols_axpy_dense_f64(x: usize, list: usize, delta: usize, out: usize, m: i32, rows: f64, cols: f64, db: f64): void { colsAxpyDense<f64>(x, list, delta, out, m, rows, db); }
export function cd_cols_axpy_csc_f32(colptr: usize, rowidx: usize, vals: usize, list: usize, delta: usize, out: usize, m: i32, cols: f64, nnz: f64, rows: f64, db: f64): void { colsAxpyCsc<f32>(colptr, rowidx, vals, list, delta, out, m, rows, db); }
export function cd_cols_axpy_csc_f64(colptr: usize, rowidx: usize, vals: usize, list: usize, delta: usize, out: usize, m: i32, cols: f64, nnz: f64, rows: f64, db: f64): void { colsAxpyCsc<f64>(colptr, rowidx, vals, list, delta, out, m, rows, db); }
