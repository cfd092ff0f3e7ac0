// Logistic loss's Newton step, CSC X: the weighted curvature of each listed coordinate,
// xv_j = Σ_k v_{i_k}·a_kj² / rows. Shards by list entries.
import { sparseWsq } from '../cd';

// @ts-ignore: decorator
@inline function cdWnormsCsc<T>(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, xv: usize, n: i32, invN: f64): void {
  for (let a = 0; a < n; a++) {
    const j = <usize>load<i32>(list);
    const start = load<i32>(colptr + (j << 2)), end = load<i32>(colptr + (j << 2), 4);
    store<f64>(xv + (j << 3), sparseWsq<T>(rowidx, vals, v, start, end) * invN);
    list += 4;
  }
}

export function cd_wnorms_csc_f32(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, xv: usize, n: i32, cols: f64, nnz: f64, rows: f64, invN: f64): void { cdWnormsCsc<f32>(colptr, rowidx, vals, list, v, xv, n, invN); }
export function cd_wnorms_csc_f64(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, xv: usize, n: i32, cols: f64, nnz: f64, rows: f64, invN: f64): void { cdWnormsCsc<f64>(colptr, rowidx, vals, list, v, xv, n, invN); }
