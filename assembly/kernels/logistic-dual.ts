// The dual value of logistic loss for the duality gap: with residual r = y − p and the dual point
// scaled by κ (p' = y − κ·r stays in [0, 1]), per BLOCK Σ H(p'_i), H(p) = −p·ln p − (1 − p)·ln(1 − p)
// (0·ln 0 = 0). ln comes from log1p (table-free in AssemblyScript's std). Below ½, p − 1 loses p's
// digits and rounds to −1 under 2⁻⁵⁴ (log1p(−1) = −∞ made the whole bound +∞ on saturated
// probabilities, and every gap 0): there ln p = ln m + e·ln 2 with p = m·2ᵉ, m ∈ [½, 1), exactly.
import { BLOCK } from '../common';

// @ts-ignore: decorator
@inline function lnBelowHalf(p: f64): f64 {
  let e: i32 = 0;
  if (p < 2.2250738585072014e-308) {
    p *= 18014398509481984.0; // 2⁵⁴: a subnormal becomes normal
    e = -54;
  }
  const bits = reinterpret<u64>(p);
  e += <i32>((bits >> 52) & 0x7ff) - 1022;
  const m = reinterpret<f64>((bits & 0x800fffffffffffff) | (<u64>1022 << 52));
  return Math.log1p(m - 1) + <f64>e * 0.6931471805599453;
}

// @ts-ignore: decorator
@inline function xlnx(p: f64): f64 {
  return p > 0 ? p * (p < 0.5 ? lnBelowHalf(p) : Math.log1p(p - 1)) : 0;
}

// @ts-ignore: decorator
@inline function logisticDual(y: usize, r: usize, n: i32, kappa: f64, out: usize): void {
  while (n > 0) {
    const m = min(n, BLOCK);
    let h: f64 = 0;
    for (let i = 0; i < m; i++) {
      let p = load<f64>(y) - kappa * load<f64>(r);
      p = p < 0 ? 0 : p > 1 ? 1 : p;
      h -= xlnx(p) + xlnx(1 - p);
      y += 8;
      r += 8;
    }
    store<f64>(out, h);
    out += 8;
    n -= m;
  }
}

export function logistic_dual_f32(y: usize, r: usize, n: i32, kappa: f64, out: usize): void { logisticDual(y, r, n, kappa, out); }
export function logistic_dual_f64(y: usize, r: usize, n: i32, kappa: f64, out: usize): void { logisticDual(y, r, n, kappa, out); }
