// Proximal Newton on the support, CSC X: the weighted Hessian of the listed columns (and the
// intercept), H = [X_S 1]ᵀ·diag(v)·[X_S 1]·invN, lower triangle of an M × M row-major matrix
// (M = m + intercept). The listed columns are first regrouped by row (rowptr/rcol/rval scratch,
// local column indices ascending within a row), so H costs Σ_i |row_i ∩ S|²/2, not |S|·nnz_S.
// Every entry sums its rows in ascending order.

// @ts-ignore: decorator
@inline function hessCsc<T>(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, rowptr: usize, rcol: usize, rval: usize, H: usize,
  m: i32, rows: f64, invN: f64, intercept: f64): void {
  const nr = <i32>rows;
  const M = m + (intercept != 0 ? 1 : 0);
  memory.fill(rowptr, 0, <usize>(nr + 1) << 2);
  for (let a = 0; a < m; a++) {
    const j = <usize>load<i32>(list + (<usize>a << 2));
    const end = load<i32>(colptr + (j << 2), 4);
    for (let k = load<i32>(colptr + (j << 2)); k < end; k++) {
      const p = rowptr + ((<usize>load<i32>(rowidx + (<usize>k << 2)) + 1) << 2);
      store<i32>(p, load<i32>(p) + 1);
    }
  }
  for (let i = 0; i < nr; i++) store<i32>(rowptr + (<usize>(i + 1) << 2), load<i32>(rowptr + (<usize>(i + 1) << 2)) + load<i32>(rowptr + (<usize>i << 2)));
  for (let a = 0; a < m; a++) {
    const j = <usize>load<i32>(list + (<usize>a << 2));
    const end = load<i32>(colptr + (j << 2), 4);
    for (let k = load<i32>(colptr + (j << 2)); k < end; k++) {
      const cur = rowptr + (<usize>load<i32>(rowidx + (<usize>k << 2)) << 2);
      const p = <usize>load<i32>(cur);
      store<i32>(cur, <i32>p + 1);
      store<i32>(rcol + (p << 2), a);
      store<f64>(rval + (p << 3), <f64>load<T>(vals + <usize>k * sizeof<T>()));
    }
  }
  // rowptr[i] now holds the end of row i: shift back to starts.
  for (let i = nr; i > 0; i--) store<i32>(rowptr + (<usize>i << 2), load<i32>(rowptr + (<usize>(i - 1) << 2)));
  store<i32>(rowptr, 0);
  memory.fill(H, 0, (<usize>M * <usize>M) << 3);
  const stride = <usize>M << 3;
  for (let i = 0; i < nr; i++) {
    const vi = load<f64>(v + (<usize>i << 3));
    const start = load<i32>(rowptr + (<usize>i << 2)), end = load<i32>(rowptr + (<usize>(i + 1) << 2));
    for (let p = start; p < end; p++) {
      const a = <usize>load<i32>(rcol + (<usize>p << 2));
      const xa = load<f64>(rval + (<usize>p << 3)) * vi;
      const row = H + a * stride;
      // Two entries per iteration (the loads and products of both first, the two updates in order).
      let pc = rcol + (<usize>start << 2), pv = rval + (<usize>start << 3);
      let q = start;
      for (; q + 2 <= p + 1; q += 2) {
        const e0 = row + (<usize>load<i32>(pc) << 3), e1 = row + (<usize>load<i32>(pc, 4) << 3);
        const v0 = xa * load<f64>(pv), v1 = xa * load<f64>(pv, 8);
        store<f64>(e0, load<f64>(e0) + v0);
        store<f64>(e1, load<f64>(e1) + v1); // loaded after e0's store: a duplicate column adds both
        pc += 8;
        pv += 16;
      }
      if (q <= p) {
        const e = row + (<usize>load<i32>(pc) << 3);
        store<f64>(e, load<f64>(e) + xa * load<f64>(pv));
      }
      if (M > m) {
        const e = H + <usize>m * stride + (a << 3);
        store<f64>(e, load<f64>(e) + xa);
      }
    }
    if (M > m) {
      const e = H + <usize>m * stride + (<usize>m << 3);
      store<f64>(e, load<f64>(e) + vi);
    }
  }
  for (let a = 0; a < M; a++) for (let b = 0; b <= a; b++) {
    const e = H + <usize>a * stride + (<usize>b << 3);
    store<f64>(e, load<f64>(e) * invN);
  }
}

export function cd_hess_csc_f32(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, rowptr: usize, rcol: usize, rval: usize, H: usize, m: i32, cols: f64, nnz: f64, rows: f64, cap: f64, invN: f64, intercept: f64): void { hessCsc<f32>(colptr, rowidx, vals, list, v, rowptr, rcol, rval, H, m, rows, invN, intercept); }
export function cd_hess_csc_f64(colptr: usize, rowidx: usize, vals: usize, list: usize, v: usize, rowptr: usize, rcol: usize, rval: usize, H: usize, m: i32, cols: f64, nnz: f64, rows: f64, cap: f64, invN: f64, intercept: f64): void { hessCsc<f64>(colptr, rowidx, vals, list, v, rowptr, rcol, rval, H, m, rows, invN, intercept); }
