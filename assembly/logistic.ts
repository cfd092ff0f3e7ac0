// Table-free e^x (x ≤ 0) and log(1 + u) (u ∈ [0, 1]) for the logistic kernels: kernels keep no
// static data, and AssemblyScript's Math.exp reads a lookup table. The plain-JS twins are in
// src/kernels/defs/logistic-loss.ts.

// FreeBSD/musl e_exp.c constants (Remez polynomial on [−ln2/2, ln2/2]).
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;

/** e^x for x ≤ 0 (x > −708; smaller x give 0, NaN gives NaN). */
// @ts-ignore: decorator
@inline export function expNeg(x: f64): f64 {
  if (!(x > -708)) return x != x ? x : 0;
  if (x > -3.725290298461914e-9) return 1 + x; // |x| < 2^−28
  const k = <i32>(INV_LN2 * x - 0.5);
  const hi = x - <f64>k * LN2_HI;
  const lo = <f64>k * LN2_LO;
  const t = hi - lo;
  const tt = t * t;
  const c = t - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const y = 1 + ((t * c) / (2 - c) - lo + hi);
  return y * reinterpret<f64>(<u64>(1023 + k) << 52);
}

/** log(1 + u) for u ∈ [0, 1]: 2·atanh(s), s = u/(2 + u) ≤ 1/3, series to s^35. */
// @ts-ignore: decorator
@inline export function log1pUnit(u: f64): f64 {
  const s = u / (2 + u);
  const q = s * s;
  let p: f64 = 1.0 / 35;
  p = p * q + 1.0 / 33; p = p * q + 1.0 / 31; p = p * q + 1.0 / 29; p = p * q + 1.0 / 27;
  p = p * q + 1.0 / 25; p = p * q + 1.0 / 23; p = p * q + 1.0 / 21; p = p * q + 1.0 / 19;
  p = p * q + 1.0 / 17; p = p * q + 1.0 / 15; p = p * q + 1.0 / 13; p = p * q + 1.0 / 11;
  p = p * q + 1.0 / 9; p = p * q + 1.0 / 7; p = p * q + 1.0 / 5; p = p * q + 1.0 / 3;
  p = p * q + 1;
  return 2 * s * p;
}

