// stats: per BLOCK of x, writes [nnz, Σ|x|, Σx², max|x|] as f64 to out (4 f64 per block).
// One pass; the caller combines blocks in order (deterministic for any sharding at block bounds).
import { BLOCK, lanes, unrolled, hsum, hmax } from '../common';
import { addMask, countOf, nonzeroMask } from '../count';

// @ts-ignore: decorator
@inline function stats<T>(p: usize, n: i32, out: usize): void {
  const U = unrolled<T>(), L = lanes<T>();
  while (n > 0) {
    const m = min(n, BLOCK);
    const z = v128.splat<T>(0);
    let s0 = z, s1 = z, s2 = z, s3 = z; // Σ|x|
    let q0 = z, q1 = z, q2 = z, q3 = z; // Σx²
    let mx0 = z, mx1 = z;               // max|x| by pmax (one instruction; skips NaN, fixed below)
    let c0 = i32x4.splat(0), c1 = c0;   // −nnz
    let i = 0;
    for (; i + U <= m; i += U) {
      const x0 = v128.load(p, 0), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
      const a0 = v128.abs<T>(x0), a1 = v128.abs<T>(x1), a2 = v128.abs<T>(x2), a3 = v128.abs<T>(x3);
      s0 = v128.add<T>(s0, a0); s1 = v128.add<T>(s1, a1); s2 = v128.add<T>(s2, a2); s3 = v128.add<T>(s3, a3);
      q0 = v128.add<T>(q0, v128.mul<T>(x0, x0)); q1 = v128.add<T>(q1, v128.mul<T>(x1, x1));
      q2 = v128.add<T>(q2, v128.mul<T>(x2, x2)); q3 = v128.add<T>(q3, v128.mul<T>(x3, x3));
      mx0 = v128.pmax<T>(mx0, v128.pmax<T>(a0, a1)); mx1 = v128.pmax<T>(mx1, v128.pmax<T>(a2, a3));
      c0 = addMask<T>(c0, addMask<T>(nonzeroMask<T>(x0), nonzeroMask<T>(x1)));
      c1 = addMask<T>(c1, addMask<T>(nonzeroMask<T>(x2), nonzeroMask<T>(x3)));
      p += 64;
    }
    for (; i + L <= m; i += L) {
      const x0 = v128.load(p);
      const a0 = v128.abs<T>(x0);
      s0 = v128.add<T>(s0, a0);
      q0 = v128.add<T>(q0, v128.mul<T>(x0, x0));
      mx0 = v128.pmax<T>(mx0, a0);
      c0 = addMask<T>(c0, nonzeroMask<T>(x0));
      p += 16;
    }
    let ts: T = 0, tq: T = 0, tm: f64 = 0, tc: f64 = 0;
    for (; i < m; i++) {
      const x = load<T>(p);
      ts += abs<T>(x);
      tq += x * x;
      tm = max(tm, <f64>abs<T>(x));
      tc += select<f64>(1, 0, x != 0);
      p += sizeof<T>();
    }
    store<f64>(out, countOf<T>(addMask<T>(c0, c1)) + tc, 0);
    const l1 = hsum<T>(v128.add<T>(v128.add<T>(s0, s1), v128.add<T>(s2, s3))) + <f64>ts;
    store<f64>(out, l1, 8);
    store<f64>(out, hsum<T>(v128.add<T>(v128.add<T>(q0, q1), v128.add<T>(q2, q3))) + <f64>tq, 16);
    // Σ|x| is NaN exactly when the block holds a NaN (|x| ≥ 0, no Inf − Inf): then max|x| is NaN.
    store<f64>(out, l1 != l1 ? l1 : max(hmax<T>(v128.pmax<T>(mx0, mx1)), tm), 24);
    out += 32;
    n -= m;
  }
}

export function stats_f32(x: usize, n: i32, out: usize): void { stats<f32>(x, n, out); }
export function stats_f64(x: usize, n: i32, out: usize): void { stats<f64>(x, n, out); }
