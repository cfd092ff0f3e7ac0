// Coordinate descent, CSC X: the full gradient sweep g_j = (Σ_k a_kj·r_{i_k} − m_j·S) / rows for
// every column of the call, where a are the stored (scaled) values, m_j the column means of the
// implicitly centred design (0 when not centring) and S = Σ_i r_i. Shards by columns: colptr and g
// advance with the column, rowidx/vals/r are shared.
import { sparseDot } from '../cd';

// @ts-ignore: decorator
@inline function cdSweepCsc<T>(colptr: usize, rowidx: usize, vals: usize, cmean: usize, r: usize, g: usize, n: i32, S: f64, invN: f64): void {
  for (let j = 0; j < n; j++) {
    const start = load<i32>(colptr), end = load<i32>(colptr, 4);
    store<f64>(g, (sparseDot<T>(rowidx, vals, r, start, end) - load<f64>(cmean) * S) * invN);
    colptr += 4;
    cmean += 8;
    g += 8;
  }
}

export function cd_sweep_csc_f32(colptr: usize, rowidx: usize, vals: usize, cmean: usize, r: usize, g: usize, n: i32, nnz: f64, rows: f64, S: f64, invN: f64): void { cdSweepCsc<f32>(colptr, rowidx, vals, cmean, r, g, n, S, invN); }
export function cd_sweep_csc_f64(colptr: usize, rowidx: usize, vals: usize, cmean: usize, r: usize, g: usize, n: i32, nnz: f64, rows: f64, S: f64, invN: f64): void { cdSweepCsc<f64>(colptr, rowidx, vals, cmean, r, g, n, S, invN); }
