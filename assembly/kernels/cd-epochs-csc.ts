// Coordinate descent epochs over an active list, CSC X (scaled values a stored; the centring of
// squared loss is implicit through the column means m_j). Same contract as cd-epochs-dense.ts:
// - cd_epochs_csc (squared loss): the true residual is r − S/rows with S = Σr (recomputed exactly at
//   the start of the call, then updated by −δ·rows·m_j per step), so the gradient is
//   (Σ a_kj·r_{i_k} − m_j·S)/rows and a step only touches the column's nonzeros; state[0] = S;
// - cd_wepochs_csc (weighted quadratic model; no centring): r −= δ·v∘a_j, η += δ·a_j on the
//   column's rows, and the intercept b = state[0] once per epoch.
import { cdUpdate, interceptStep, sparseDot } from '../cd';

// @ts-ignore: decorator
@inline function epochs<T>(
  colptr: usize, rowidx: usize, vals: usize, cmean: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize,
  state: usize, m: i32, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64, weighted: bool,
): void {
  const nr = <i32>rows;
  const limit = <i32>maxEpochs;
  let S: f64 = 0;
  if (!weighted) {
    for (let i = 0; i < nr; i++) S += load<f64>(r + (<usize>i << 3));
  }
  let dmax: f64 = 0;
  let e = 0;
  while (e < limit) {
    dmax = 0;
    for (let a = 0; a < m; a++) {
      const j = load<i32>(active + (<usize>a << 2));
      const c = load<f64>(xv + (<usize>j << 3));
      const den = c + l2x2;
      if (!(den > 0)) continue;
      const start = load<i32>(colptr + (<usize>j << 2)), end = load<i32>(colptr + (<usize>j << 2), 4);
      const wj = load<f64>(w + (<usize>j << 3));
      let g = sparseDot<T>(rowidx, vals, r, start, end);
      const mj = weighted ? 0 : load<f64>(cmean + (<usize>j << 3));
      if (!weighted) g -= mj * S;
      const nw = cdUpdate(g * invN + c * wj, l1, den);
      const d = nw - wj;
      if (d == 0) continue;
      store<f64>(w + (<usize>j << 3), nw);
      let pi = rowidx + (<usize>start << 2), pv = vals + <usize>start * sizeof<T>();
      for (let k = start; k < end; k++) {
        const i = <usize>load<i32>(pi) << 3;
        const kx = <f64>load<T>(pv) * d;
        if (weighted) {
          store<f64>(r + i, load<f64>(r + i) - kx * load<f64>(v + i));
          store<f64>(eta + i, load<f64>(eta + i) + kx);
        } else store<f64>(r + i, load<f64>(r + i) - kx);
        pi += 4;
        pv += sizeof<T>();
      }
      if (!weighted) S -= d * (rows * mj);
      const ch = c * d * d;
      if (ch > dmax) dmax = ch;
    }
    if (weighted && intercept != 0 && sumV > 0) {
      const ch = interceptStep(r, v, eta, state, nr, invN, sumV);
      if (ch > dmax) dmax = ch;
    }
    e++;
    if (!(dmax > thr)) break;
  }
  if (!weighted) store<f64>(state, S);
  store<f64>(state, dmax, 8);
  store<f64>(state, <f64>e, 16);
}

export function cd_epochs_csc_f32(colptr: usize, rowidx: usize, vals: usize, cmean: usize, active: usize, w: usize, xv: usize, r: usize, state: usize, m: i32, cols: f64, nnz: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64): void { epochs<f32>(colptr, rowidx, vals, cmean, active, w, xv, r, 0, 0, state, m, rows, l1, l2x2, thr, maxEpochs, invN, 0, 0, false); }
export function cd_epochs_csc_f64(colptr: usize, rowidx: usize, vals: usize, cmean: usize, active: usize, w: usize, xv: usize, r: usize, state: usize, m: i32, cols: f64, nnz: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64): void { epochs<f64>(colptr, rowidx, vals, cmean, active, w, xv, r, 0, 0, state, m, rows, l1, l2x2, thr, maxEpochs, invN, 0, 0, false); }
export function cd_wepochs_csc_f32(colptr: usize, rowidx: usize, vals: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize, state: usize, m: i32, cols: f64, nnz: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64): void { epochs<f32>(colptr, rowidx, vals, 0, active, w, xv, r, v, eta, state, m, rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV, true); }
export function cd_wepochs_csc_f64(colptr: usize, rowidx: usize, vals: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize, state: usize, m: i32, cols: f64, nnz: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64): void { epochs<f64>(colptr, rowidx, vals, 0, active, w, xv, r, v, eta, state, m, rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV, true); }
