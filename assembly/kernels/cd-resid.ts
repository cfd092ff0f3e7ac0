// Squared loss's duality gap pieces from coordinate descent's residual: with the true residual
// ρ = r + o (o = −S/rows for the implicitly centred CSC design, 0 otherwise) and target t, per BLOCK
// the partials [Σ ρ², Σ t·ρ].
import { BLOCK } from '../common';

// @ts-ignore: decorator
@inline function cdResid(r: usize, t: usize, n: i32, o: f64, out: usize): void {
  while (n > 0) {
    const m = min(n, BLOCK);
    let rr: f64 = 0, tr: f64 = 0;
    for (let i = 0; i < m; i++) {
      const e = load<f64>(r) + o;
      rr += e * e;
      tr += load<f64>(t) * e;
      r += 8;
      t += 8;
    }
    store<f64>(out, rr);
    store<f64>(out, tr, 8);
    out += 16;
    n -= m;
  }
}

export function cd_resid_f32(r: usize, t: usize, n: i32, o: f64, out: usize): void { cdResid(r, t, n, o, out); }
export function cd_resid_f64(r: usize, t: usize, n: i32, o: f64, out: usize): void { cdResid(r, t, n, o, out); }
