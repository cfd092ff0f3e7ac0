// Proximal Newton on the support: the data term's gradient for listed columns only,
// g_a = x̃_{list_a}ᵀr·invN (r the residual y − p), so a Newton iteration costs the support's nonzeros,
// not the whole design. Shards by list entries; dense column-major or CSC storage.
import { dotTF, sparseDot } from '../cd';

// @ts-ignore: decorator
@inline function gradListDense<T>(x: usize, list: usize, r: usize, g: usize, n: i32, rows: f64, invN: f64): void {
  const nr = <i32>rows;
  const colBytes = <usize>nr * sizeof<T>();
  for (let a = 0; a < n; a++) {
    store<f64>(g, dotTF<T>(x + <usize>load<i32>(list) * colBytes, r, nr) * invN);
    list += 4;
    g += 8;
  }
}

// @ts-ignore: decorator
@inline function gradListCsc<T>(colptr: usize, rowidx: usize, vals: usize, list: usize, r: usize, g: usize, n: i32, invN: f64): void {
  for (let a = 0; a < n; a++) {
    const j = <usize>load<i32>(list);
    store<f64>(g, sparseDot<T>(rowidx, vals, r, load<i32>(colptr + (j << 2)), load<i32>(colptr + (j << 2), 4)) * invN);
    list += 4;
    g += 8;
  }
}

export function cd_grad_list_dense_f32(x: usize, list: usize, r: usize, g: usize, n: i32, rows: f64, cols: f64, invN: f64): void { gradListDense<f32>(x, list, r, g, n, rows, invN); }
export function cd_grad_list_dense_f64(x: usize, list: usize, r: usize, g: usize, n: i32, rows: f64, cols: f64, invN: f64): void { gradListDense<f64>(x, list, r, g, n, rows, invN); }
export function cd_grad_list_csc_f32(colptr: usize, rowidx: usize, vals: usize, list: usize, r: usize, g: usize, n: i32, cols: f64, nnz: f64, rows: f64, invN: f64): void { gradListCsc<f32>(colptr, rowidx, vals, list, r, g, n, invN); }
export function cd_grad_list_csc_f64(colptr: usize, rowidx: usize, vals: usize, list: usize, r: usize, g: usize, n: i32, cols: f64, nnz: f64, rows: f64, invN: f64): void { gradListCsc<f64>(colptr, rowidx, vals, list, r, g, n, invN); }
