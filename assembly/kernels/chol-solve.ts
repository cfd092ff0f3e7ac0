// Dense symmetric positive definite solve for Newton steps: with factor = 1, the Cholesky factor L
// of (H + μI) overwrites H's lower triangle (row-major M × M; the strict upper triangle is not read);
// then b ← L⁻ᵀL⁻¹b. With factor = 0, H already holds L (a later step reuses the factorization).
// status[0] = 1 on success, 0 when a pivot is not positive (H + μI not positive definite: the caller
// raises μ). Row prefixes are contiguous, so the dot products are SIMD (dotTF's lane order).
import { dotTF } from '../cd';

// @ts-ignore: decorator
@inline function cholSolve(H: usize, b: usize, status: usize, M: i32, mu: f64, factor: f64): void {
  const stride = <usize>M << 3;
  if (factor != 0) {
    for (let i = 0; i < M; i++) {
      const ri = H + <usize>i * stride;
      for (let k = 0; k < i; k++) {
        const rk = H + <usize>k * stride;
        const s = load<f64>(ri + (<usize>k << 3)) - dotTF<f64>(ri, rk, k);
        store<f64>(ri + (<usize>k << 3), s / load<f64>(rk + (<usize>k << 3)));
      }
      const d = load<f64>(ri + (<usize>i << 3)) + mu - dotTF<f64>(ri, ri, i);
      if (!(d > 0) || !(d < Infinity)) {
        store<f64>(status, 0);
        return;
      }
      store<f64>(ri + (<usize>i << 3), Math.sqrt(d));
    }
  }
  for (let i = 0; i < M; i++) {
    const ri = H + <usize>i * stride;
    store<f64>(b + (<usize>i << 3), (load<f64>(b + (<usize>i << 3)) - dotTF<f64>(ri, b, i)) / load<f64>(ri + (<usize>i << 3)));
  }
  for (let i = M - 1; i >= 0; i--) {
    let s = load<f64>(b + (<usize>i << 3));
    for (let k = i + 1; k < M; k++) s -= load<f64>(H + <usize>k * stride + (<usize>i << 3)) * load<f64>(b + (<usize>k << 3));
    store<f64>(b + (<usize>i << 3), s / load<f64>(H + <usize>i * stride + (<usize>i << 3)));
  }
  store<f64>(status, 1);
}

// f64 work whatever the design's dtype: both exports run the same code.
export function chol_solve_f32(H: usize, b: usize, status: usize, M: i32, mu: f64, factor: f64): void { cholSolve(H, b, status, M, mu, factor); }
export function chol_solve_f64(H: usize, b: usize, status: usize, M: i32, mu: f64, factor: f64): void { cholSolve(H, b, status, M, mu, factor); }
