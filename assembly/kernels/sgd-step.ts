// sgd_step: one fused SGD step over a tensor, in PyTorch 1.13's single-tensor order of operations
// (torch.optim.SGD docs: momentum, dampening, Nesterov as in Sutskever et al. 2013):
//   d ← sg·g                       (sg = −1 for maximize, else 1)
//   d ← d + wd·θ                   (weight decay; skipped when wd = 0)
//   mode 1 (first momentum step):  b ← d
//   mode 2 (later steps):          b ← b·μ + (1−τd)·d      (τd = dampening)
//   mode ≠ 0:                      d ← nesterov ? d + μ·b : b
//   θ ← θ − lr·d ;  θ ← soft(θ, τ)  (proximal L1 with τ = lr·l1; skipped when τ = 0)
// mode 0 = no momentum (b is neither read nor written). Writes the number of nonzero θ per BLOCK
// as f64 partials to `out`. Per element all loads precede all stores; stores go b, θ.
import { BLOCK, lanes, unrolled, softS, softV } from '../common';
import { addMask, countOf, nonzeroMask } from '../count';

// @ts-ignore: decorator
@inline function vec<T>(p: usize, g: usize, b: usize, sg: v128, wd: v128, mu: v128, od: v128, lr: v128,
                        t: v128, nt: v128, hasWd: bool, mode: i32, nesterov: bool, hasL1: bool): v128 {
  const p0 = v128.load(p);
  let d = v128.mul<T>(v128.load(g), sg);
  const b0 = mode == 2 ? v128.load(b) : d;
  if (hasWd) d = v128.add<T>(d, v128.mul<T>(wd, p0));
  let bv = d;
  if (mode == 2) bv = v128.add<T>(v128.mul<T>(b0, mu), v128.mul<T>(od, d));
  if (mode != 0) d = nesterov ? v128.add<T>(d, v128.mul<T>(mu, bv)) : bv;
  let pv = v128.sub<T>(p0, v128.mul<T>(lr, d));
  if (hasL1) pv = softV<T>(pv, t, nt);
  if (mode != 0) v128.store(b, bv);
  v128.store(p, pv);
  return pv;
}

// @ts-ignore: decorator
@inline function one<T>(p: usize, g: usize, b: usize, sg: T, wd: T, mu: T, od: T, lr: T, t: T,
                        hasWd: bool, mode: i32, nesterov: bool, hasL1: bool): T {
  const p0 = load<T>(p);
  let d: T = load<T>(g) * sg;
  const b0: T = mode == 2 ? load<T>(b) : d;
  if (hasWd) d = d + wd * p0;
  let bv: T = d;
  if (mode == 2) bv = b0 * mu + od * d;
  if (mode != 0) d = nesterov ? d + mu * bv : bv;
  let pv: T = p0 - lr * d;
  if (hasL1) pv = softS<T>(pv, t);
  if (mode != 0) store<T>(b, bv);
  store<T>(p, pv);
  return pv;
}

// @ts-ignore: decorator
@inline function run<T>(p: usize, g: usize, b: usize, n: i32, sg: T, wd: T, mu: T, od: T, lr: T, t: T, out: usize,
                        hasWd: bool, mode: i32, nesterov: bool, hasL1: bool): void {
  const vsg = v128.splat<T>(sg), vwd = v128.splat<T>(wd), vmu = v128.splat<T>(mu), vod = v128.splat<T>(od);
  const vlr = v128.splat<T>(lr), vt = v128.splat<T>(t), vnt = v128.splat<T>(-t);
  const U = unrolled<T>(), L = lanes<T>(), S = <usize>sizeof<T>();
  while (n > 0) {
    const len = min(n, BLOCK);
    let c0 = i32x4.splat(0), c1 = c0;
    let i = 0, cs: f64 = 0;
    for (; i + U <= len; i += U) {
      const r0 = vec<T>(p, g, b, vsg, vwd, vmu, vod, vlr, vt, vnt, hasWd, mode, nesterov, hasL1);
      const r1 = vec<T>(p + 16, g + 16, b + 16, vsg, vwd, vmu, vod, vlr, vt, vnt, hasWd, mode, nesterov, hasL1);
      const r2 = vec<T>(p + 32, g + 32, b + 32, vsg, vwd, vmu, vod, vlr, vt, vnt, hasWd, mode, nesterov, hasL1);
      const r3 = vec<T>(p + 48, g + 48, b + 48, vsg, vwd, vmu, vod, vlr, vt, vnt, hasWd, mode, nesterov, hasL1);
      c0 = addMask<T>(c0, addMask<T>(nonzeroMask<T>(r0), nonzeroMask<T>(r1)));
      c1 = addMask<T>(c1, addMask<T>(nonzeroMask<T>(r2), nonzeroMask<T>(r3)));
      p += 64; g += 64; b += 64;
    }
    for (; i + L <= len; i += L) {
      const r = vec<T>(p, g, b, vsg, vwd, vmu, vod, vlr, vt, vnt, hasWd, mode, nesterov, hasL1);
      c0 = addMask<T>(c0, nonzeroMask<T>(r));
      p += 16; g += 16; b += 16;
    }
    for (; i < len; i++) {
      const r = one<T>(p, g, b, sg, wd, mu, od, lr, t, hasWd, mode, nesterov, hasL1);
      cs += select<f64>(1, 0, r != 0);
      p += S; g += S; b += S;
    }
    store<f64>(out, countOf<T>(addMask<T>(c0, c1)) + cs);
    out += 8;
    n -= len;
  }
}

// Dispatch on the loop-invariant flags so each loop omits the steps it skips (constant flags fold
// away after inlining). The first momentum step (mode 1) runs once per tensor: one generic loop.
// @ts-ignore: decorator
@inline function sgdStep<T>(p: usize, g: usize, b: usize, n: i32, sgn: f64, wdd: f64, mud: f64, odd: f64,
                            lrd: f64, nest: f64, moded: f64, tau: f64, out: usize): void {
  const sg = <T>sgn, wd = <T>wdd, mu = <T>mud, od = <T>odd, lr = <T>lrd, t = <T>tau;
  const hasWd = wdd != 0, nesterov = nest != 0, hasL1 = tau != 0, mode = <i32>moded;
  if (mode == 0) {
    if (hasWd) {
      if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 0, false, true);
      else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 0, false, false);
    } else {
      if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 0, false, true);
      else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 0, false, false);
    }
  } else if (mode == 2) {
    if (hasWd) {
      if (nesterov) {
        if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 2, true, true);
        else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 2, true, false);
      } else {
        if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 2, false, true);
        else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, true, 2, false, false);
      }
    } else {
      if (nesterov) {
        if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 2, true, true);
        else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 2, true, false);
      } else {
        if (hasL1) run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 2, false, true);
        else run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, false, 2, false, false);
      }
    }
  } else {
    run<T>(p, g, b, n, sg, wd, mu, od, lr, t, out, hasWd, 1, nesterov, hasL1);
  }
}

export function sgd_step_f32(p: usize, g: usize, b: usize, n: i32, sg: f64, wd: f64, mu: f64, od: f64,
                             lr: f64, nesterov: f64, mode: f64, tau: f64, out: usize): void {
  sgdStep<f32>(p, g, b, n, sg, wd, mu, od, lr, nesterov, mode, tau, out);
}
export function sgd_step_f64(p: usize, g: usize, b: usize, n: i32, sg: f64, wd: f64, mu: f64, od: f64,
                             lr: f64, nesterov: f64, mode: f64, tau: f64, out: usize): void {
  sgdStep<f64>(p, g, b, n, sg, wd, mu, od, lr, nesterov, mode, tau, out);
}
