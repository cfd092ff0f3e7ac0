// Coordinate descent epochs over an active list, dense column-major X (centring and scaling baked
// into the stored columns). One call runs whole epochs until the largest weighted change
// max_j c_j·δ_j² of an epoch is ≤ thr or maxEpochs epochs ran; state = [S or b, last max change,
// epochs run, 0]. Two variants:
// - cd_epochs_dense (squared loss): r is the residual; w_j ← soft(x_jᵀr/n + c_j·w_j, λ₁)/(c_j + 2λ₂);
// - cd_wepochs_dense (a weighted quadratic model, logistic loss's Newton step): r is the weighted
//   residual v∘(z − η), η the margins, c_j = Σv·x_j²/n; the unpenalized intercept b (state[0])
//   is updated once per epoch when `intercept` is 1.
import { cdUpdate, dotTF, interceptStep, wstepTF } from '../cd';
import { axpy8 } from './linear-dot';

// @ts-ignore: decorator
@inline function epochs<T>(
  x: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize, state: usize, m: i32,
  rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64, weighted: bool,
): void {
  const nr = <i32>rows;
  const colBytes = <usize>nr * sizeof<T>();
  const limit = <i32>maxEpochs;
  let dmax: f64 = 0;
  let e = 0;
  while (e < limit) {
    dmax = 0;
    for (let a = 0; a < m; a++) {
      const j = load<i32>(active + (<usize>a << 2));
      const c = load<f64>(xv + (<usize>j << 3));
      const den = c + l2x2;
      if (!(den > 0)) continue;
      const xj = x + <usize>j * colBytes;
      const wj = load<f64>(w + (<usize>j << 3));
      const nw = cdUpdate(dotTF<T>(xj, r, nr) * invN + c * wj, l1, den);
      const d = nw - wj;
      if (d == 0) continue;
      store<f64>(w + (<usize>j << 3), nw);
      if (weighted) wstepTF<T>(r, eta, v, xj, d, nr);
      else axpy8<T>(r, xj, -d, nr); // r += x·(−δ): bitwise r − δ·x
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
  store<f64>(state, dmax, 8);
  store<f64>(state, <f64>e, 16);
}

export function cd_epochs_dense_f32(x: usize, active: usize, w: usize, xv: usize, r: usize, state: usize, m: i32, cols: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64): void { epochs<f32>(x, active, w, xv, r, 0, 0, state, m, rows, l1, l2x2, thr, maxEpochs, invN, 0, 0, false); }
export function cd_epochs_dense_f64(x: usize, active: usize, w: usize, xv: usize, r: usize, state: usize, m: i32, cols: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64): void { epochs<f64>(x, active, w, xv, r, 0, 0, state, m, rows, l1, l2x2, thr, maxEpochs, invN, 0, 0, false); }
export function cd_wepochs_dense_f32(x: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize, state: usize, m: i32, cols: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64): void { epochs<f32>(x, active, w, xv, r, v, eta, state, m, rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV, true); }
export function cd_wepochs_dense_f64(x: usize, active: usize, w: usize, xv: usize, r: usize, v: usize, eta: usize, state: usize, m: i32, cols: f64, rows: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64, invN: f64, intercept: f64, sumV: f64): void { epochs<f64>(x, active, w, xv, r, v, eta, state, m, rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV, true); }
