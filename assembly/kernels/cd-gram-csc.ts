// Covariance-mode coordinate descent, CSC X: one Gram column for a variable k entering the active
// set, G[slot·cols + j] = (Σ_k a_kj·dense_{i_k} − rows·m_j·m_k) / rows for the call's columns j,
// where `dense` holds column k scattered into a rows-vector (zeros elsewhere) and m are the column
// means of the implicitly centred design. Shards by columns like cd_sweep_csc.
import { sparseDot } from '../cd';

// @ts-ignore: decorator
@inline function cdGramCsc<T>(colptr: usize, rowidx: usize, vals: usize, cmean: usize, dense: usize, g: usize, n: i32, rows: f64, cols: f64, slot: f64, mk: f64, invN: f64): void {
  let p = g + ((<usize>(<i32>slot) * <usize>(<i32>cols)) << 3);
  for (let j = 0; j < n; j++) {
    const start = load<i32>(colptr), end = load<i32>(colptr, 4);
    store<f64>(p, (sparseDot<T>(rowidx, vals, dense, start, end) - rows * load<f64>(cmean) * mk) * invN);
    colptr += 4;
    cmean += 8;
    p += 8;
  }
}

export function cd_gram_csc_f32(colptr: usize, rowidx: usize, vals: usize, cmean: usize, dense: usize, g: usize, n: i32, nnz: f64, rows: f64, cols: f64, slot: f64, mk: f64, invN: f64): void { cdGramCsc<f32>(colptr, rowidx, vals, cmean, dense, g, n, rows, cols, slot, mk, invN); }
export function cd_gram_csc_f64(colptr: usize, rowidx: usize, vals: usize, cmean: usize, dense: usize, g: usize, n: i32, nnz: f64, rows: f64, cols: f64, slot: f64, mk: f64, invN: f64): void { cdGramCsc<f64>(colptr, rowidx, vals, cmean, dense, g, n, rows, cols, slot, mk, invN); }
