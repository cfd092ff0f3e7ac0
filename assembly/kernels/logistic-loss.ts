// Logistic loss pieces for labels y ∈ {0, 1} and margins z = X·w + b, one pass:
//   r_i = σ(z_i) − y_i                              (written: the gradient is Xᵀr / n)
//   per BLOCK: Σ_i [log(1 + e^{−|z_i|}) + max(z_i, 0) − y_i·z_i]   (the mean log-loss times n)
// Computed in f64 (f32 inputs are promoted). e^{−|z|} comes from a table-free exp (kernels keep no
// static data, and AssemblyScript's Math.exp reads a lookup table); the plain-JS reference runs
// the same operations, so r matches bitwise. log1p uses the atanh series (partials have a tolerance).
import { BLOCK } from '../common';
import { expNeg, log1pUnit } from '../logistic';

// @ts-ignore: decorator
@inline function logisticLoss<T>(z: usize, y: usize, r: usize, n: i32, out: usize): void {
  while (n > 0) {
    const m = min(n, BLOCK);
    let loss: f64 = 0;
    for (let i = 0; i < m; i++) {
      const zi = <f64>load<T>(z);
      const yi = <f64>load<T>(y);
      const e = expNeg(-abs(zi));
      const sig = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
      store<T>(r, <T>(sig - yi));
      loss += log1pUnit(e) + (zi > 0 ? zi : 0) - yi * zi;
      z += sizeof<T>();
      y += sizeof<T>();
      r += sizeof<T>();
    }
    store<f64>(out, loss);
    out += 8;
    n -= m;
  }
}

export function logistic_loss_f32(z: usize, y: usize, r: usize, n: i32, out: usize): void { logisticLoss<f32>(z, y, r, n, out); }
export function logistic_loss_f64(z: usize, y: usize, r: usize, n: i32, out: usize): void { logisticLoss<f64>(z, y, r, n, out); }
