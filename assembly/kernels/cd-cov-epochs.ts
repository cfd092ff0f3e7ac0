// Covariance-mode coordinate descent epochs (squared loss): the gradient of every variable,
// grad = (q − G·w) with q = Xᵀt/rows, is kept up to date, so a step on w_j costs one axpy with
// Gram column slot_j over all `cols` entries (and the KKT check of inactive variables is free).
// Runs whole epochs over the active list until max_j G_jj·δ_j² ≤ thr or maxEpochs;
// state = [0, last max change, epochs run, 0].
import { cdUpdate } from '../cd';
import { axpy8 } from './linear-dot';

// @ts-ignore: decorator
@inline function covEpochs(active: usize, slot: usize, G: usize, w: usize, diag: usize, grad: usize, state: usize, m: i32, cols: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64): void {
  const d = <i32>cols;
  const limit = <i32>maxEpochs;
  let dmax: f64 = 0;
  let e = 0;
  while (e < limit) {
    dmax = 0;
    for (let a = 0; a < m; a++) {
      const j = <usize>load<i32>(active + (<usize>a << 2));
      const c = load<f64>(diag + (j << 3));
      const den = c + l2x2;
      if (!(den > 0)) continue;
      const wj = load<f64>(w + (j << 3));
      const nw = cdUpdate(load<f64>(grad + (j << 3)) + c * wj, l1, den);
      const dl = nw - wj;
      if (dl == 0) continue;
      store<f64>(w + (j << 3), nw);
      axpy8<f64>(grad, G + ((<usize>load<i32>(slot + (j << 2)) * <usize>d) << 3), -dl, d);
      const ch = c * dl * dl;
      if (ch > dmax) dmax = ch;
    }
    e++;
    if (!(dmax > thr)) break;
  }
  store<f64>(state, dmax, 8);
  store<f64>(state, <f64>e, 16);
}

// The Gram work is f64 whatever the storage dtype: both exports run the same code.
export function cd_cov_epochs_f32(active: usize, slot: usize, G: usize, w: usize, diag: usize, grad: usize, state: usize, m: i32, cols: f64, cap: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64): void { covEpochs(active, slot, G, w, diag, grad, state, m, cols, l1, l2x2, thr, maxEpochs); }
export function cd_cov_epochs_f64(active: usize, slot: usize, G: usize, w: usize, diag: usize, grad: usize, state: usize, m: i32, cols: f64, cap: f64, l1: f64, l2x2: f64, thr: f64, maxEpochs: f64): void { covEpochs(active, slot, G, w, diag, grad, state, m, cols, l1, l2x2, thr, maxEpochs); }
