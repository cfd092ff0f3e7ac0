// The quadratic model of logistic loss at margins η (one proximal Newton step, glmnet's IRLS):
// p = σ(η), weights v = max(p(1 − p), VMIN), weighted residual r = y − p (= v·(z − η) for the
// working response z), and per BLOCK the partials [Σ log-loss, Σ v, Σ r]. VMIN keeps the model's
// curvature positive where p reaches 0 or 1 (the step is still safeguarded by the objective).
import { BLOCK } from '../common';
import { expNeg, log1pUnit } from '../logistic';

const VMIN: f64 = 1e-5;

// @ts-ignore: decorator
@inline function logisticIrls(eta: usize, y: usize, v: usize, r: usize, n: i32, out: usize): void {
  while (n > 0) {
    const m = min(n, BLOCK);
    let loss: f64 = 0, sv: f64 = 0, sr: f64 = 0;
    for (let i = 0; i < m; i++) {
      const zi = load<f64>(eta), yi = load<f64>(y);
      const e = expNeg(-abs(zi));
      const q = 1 / (1 + e);
      const p = zi >= 0 ? q : e * q;
      let w = e * q * q;
      if (!(w >= VMIN)) w = VMIN;
      const ri = yi - p;
      store<f64>(v, w);
      store<f64>(r, ri);
      loss += log1pUnit(e) + (zi > 0 ? zi : 0) - yi * zi;
      sv += w;
      sr += ri;
      eta += 8;
      y += 8;
      v += 8;
      r += 8;
    }
    store<f64>(out, loss);
    store<f64>(out, sv, 8);
    store<f64>(out, sr, 16);
    out += 24;
    n -= m;
  }
}

// Work vectors are f64 whatever the design's dtype: both exports run the same code.
export function logistic_irls_f32(eta: usize, y: usize, v: usize, r: usize, n: i32, out: usize): void { logisticIrls(eta, y, v, r, n, out); }
export function logistic_irls_f64(eta: usize, y: usize, v: usize, r: usize, n: i32, out: usize): void { logisticIrls(eta, y, v, r, n, out); }
