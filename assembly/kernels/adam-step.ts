// adam_step: one fused Adam / AdamW step over a tensor (Kingma & Ba 2015, "Adam: A Method for
// Stochastic Optimization"; Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"),
// in PyTorch 1.13's single-tensor order of floating-point operations:
//   g ← sg·g                      (sg = −1 for maximize, else 1)
//   g ← g + wd·θ                  (Adam's coupled weight decay; skipped when wd = 0)
//   θ ← θ·dc                      (AdamW's decoupled decay dc = 1 − lr·wd; Adam passes dc = 1: exact)
//   m ← m·β1 + (1−β1)·g ;  v ← v·β2 + ((1−β2)·g)·g
//   x ← max(x, v) (amsgrad; x replaces v below)
//   θ ← θ − (s·m)/(sqrt(v)/c + ε)  with s = lr/(1−β1^t), c = sqrt(1−β2^t)
//   θ ← soft(θ, τ)                (decoupled L1 with τ = lr·l1; skipped when τ = 0)
// and writes the number of nonzero θ per BLOCK of elements as f64 partials to `out`.
// Within one element every load precedes every store, stores go m, v, x, θ (aliasing-safe order).
// adam_step_precond_l1 is the same step with the L1 step taken in Adam's diagonal metric: the
// threshold is τ/den per element, den = sqrt(v)/c + ε = √v̂ + ε being the step's own denominator
// (the proximal operator of lr·l1·‖θ‖₁ in the norm ‖·‖_D, D = diag(√v̂ + ε)).
import { BLOCK, lanes, unrolled, softS, softV } from '../common';
import { addMask, countOf, nonzeroMask } from '../count';

// @ts-ignore: decorator
@inline function vec<T>(p: usize, g: usize, m: usize, v: usize, x: usize,
                        sg: v128, wd: v128, dc: v128, b1: v128, c1: v128, b2: v128, c2: v128,
                        ss: v128, bc: v128, ep: v128, t: v128, nt: v128,
                        hasWd: bool, ams: bool, hasL1: bool, pre: bool): v128 {
  const p0 = v128.load(p);
  let gv = v128.mul<T>(v128.load(g), sg);
  const m0 = v128.load(m), v0 = v128.load(v);
  const x0 = ams ? v128.load(x) : v0;
  if (hasWd) gv = v128.add<T>(gv, v128.mul<T>(wd, p0));
  let pv = v128.mul<T>(p0, dc);
  const mv = v128.add<T>(v128.mul<T>(m0, b1), v128.mul<T>(c1, gv));
  const vv = v128.add<T>(v128.mul<T>(v0, b2), v128.mul<T>(v128.mul<T>(c2, gv), gv));
  const xv = ams ? v128.max<T>(x0, vv) : vv;
  const den = v128.add<T>(v128.div<T>(v128.sqrt<T>(xv), bc), ep);
  pv = v128.sub<T>(pv, v128.div<T>(v128.mul<T>(ss, mv), den));
  if (hasL1) {
    if (pre) {
      const tp = v128.div<T>(t, den);
      pv = softV<T>(pv, tp, v128.neg<T>(tp));
    } else pv = softV<T>(pv, t, nt);
  }
  v128.store(m, mv);
  v128.store(v, vv);
  if (ams) v128.store(x, xv);
  v128.store(p, pv);
  return pv;
}

// @ts-ignore: decorator
@inline function one<T>(p: usize, g: usize, m: usize, v: usize, x: usize,
                        sg: T, wd: T, dc: T, b1: T, c1: T, b2: T, c2: T, ss: T, bc: T, ep: T, t: T,
                        hasWd: bool, ams: bool, hasL1: bool, pre: bool): T {
  const p0 = load<T>(p);
  let gv: T = load<T>(g) * sg;
  const m0 = load<T>(m), v0 = load<T>(v);
  const x0 = ams ? load<T>(x) : v0;
  if (hasWd) gv = gv + wd * p0;
  let pv: T = p0 * dc;
  const mv: T = m0 * b1 + c1 * gv;
  const vv: T = v0 * b2 + (c2 * gv) * gv;
  const xv: T = ams ? max<T>(x0, vv) : vv;
  const den: T = sqrt<T>(xv) / bc + ep;
  pv = pv - (ss * mv) / den;
  if (hasL1) pv = softS<T>(pv, pre ? t / den : t);
  store<T>(m, mv);
  store<T>(v, vv);
  if (ams) store<T>(x, xv);
  store<T>(p, pv);
  return pv;
}

// @ts-ignore: decorator
@inline function run<T>(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                        sg: T, wd: T, dc: T, b1: T, c1: T, b2: T, c2: T, ss: T, bc: T, ep: T, t: T, out: usize,
                        hasWd: bool, ams: bool, hasL1: bool, pre: bool): void {
  const vsg = v128.splat<T>(sg), vwd = v128.splat<T>(wd), vdc = v128.splat<T>(dc);
  const vb1 = v128.splat<T>(b1), vc1 = v128.splat<T>(c1), vb2 = v128.splat<T>(b2), vc2 = v128.splat<T>(c2);
  const vss = v128.splat<T>(ss), vbc = v128.splat<T>(bc), vep = v128.splat<T>(ep);
  const vt = v128.splat<T>(t), vnt = v128.splat<T>(-t);
  const U = unrolled<T>(), L = lanes<T>(), S = <usize>sizeof<T>();
  while (n > 0) {
    const len = min(n, BLOCK);
    let c0 = i32x4.splat(0), c1v = c0;
    let i = 0, cs: f64 = 0;
    for (; i + U <= len; i += U) {
      const r0 = vec<T>(p, g, m, v, x, vsg, vwd, vdc, vb1, vc1, vb2, vc2, vss, vbc, vep, vt, vnt, hasWd, ams, hasL1, pre);
      const r1 = vec<T>(p + 16, g + 16, m + 16, v + 16, x + 16, vsg, vwd, vdc, vb1, vc1, vb2, vc2, vss, vbc, vep, vt, vnt, hasWd, ams, hasL1, pre);
      const r2 = vec<T>(p + 32, g + 32, m + 32, v + 32, x + 32, vsg, vwd, vdc, vb1, vc1, vb2, vc2, vss, vbc, vep, vt, vnt, hasWd, ams, hasL1, pre);
      const r3 = vec<T>(p + 48, g + 48, m + 48, v + 48, x + 48, vsg, vwd, vdc, vb1, vc1, vb2, vc2, vss, vbc, vep, vt, vnt, hasWd, ams, hasL1, pre);
      c0 = addMask<T>(c0, addMask<T>(nonzeroMask<T>(r0), nonzeroMask<T>(r1)));
      c1v = addMask<T>(c1v, addMask<T>(nonzeroMask<T>(r2), nonzeroMask<T>(r3)));
      p += 64; g += 64; m += 64; v += 64; x += 64;
    }
    for (; i + L <= len; i += L) {
      const r = vec<T>(p, g, m, v, x, vsg, vwd, vdc, vb1, vc1, vb2, vc2, vss, vbc, vep, vt, vnt, hasWd, ams, hasL1, pre);
      c0 = addMask<T>(c0, nonzeroMask<T>(r));
      p += 16; g += 16; m += 16; v += 16; x += 16;
    }
    for (; i < len; i++) {
      const r = one<T>(p, g, m, v, x, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, hasWd, ams, hasL1, pre);
      cs += select<f64>(1, 0, r != 0);
      p += S; g += S; m += S; v += S; x += S;
    }
    store<f64>(out, countOf<T>(addMask<T>(c0, c1v)) + cs);
    out += 8;
    n -= len;
  }
}

// Dispatch on the three loop-invariant flags so each loop is compiled without the steps it skips
// (constant flags fold away after inlining; measured ~25% faster at 65536 f32 than runtime flags).
// @ts-ignore: decorator
@inline function adamStep<T>(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                             sgn: f64, wdd: f64, dcd: f64, b1d: f64, c1d: f64, b2d: f64, c2d: f64,
                             ssd: f64, bcd: f64, epd: f64, tau: f64, amsgrad: f64, out: usize, pre: bool): void {
  const sg = <T>sgn, wd = <T>wdd, dc = <T>dcd, b1 = <T>b1d, c1 = <T>c1d, b2 = <T>b2d, c2 = <T>c2d;
  const ss = <T>ssd, bc = <T>bcd, ep = <T>epd, t = <T>tau;
  if (wdd != 0) {
    if (amsgrad != 0) {
      if (tau != 0) run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, true, true, true, pre);
      else run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, true, true, false, false);
    } else {
      if (tau != 0) run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, true, false, true, pre);
      else run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, true, false, false, false);
    }
  } else {
    if (amsgrad != 0) {
      if (tau != 0) run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, false, true, true, pre);
      else run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, false, true, false, false);
    } else {
      if (tau != 0) run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, false, false, true, pre);
      else run<T>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, out, false, false, false, false);
    }
  }
}

export function adam_step_f32(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                              sg: f64, wd: f64, dc: f64, b1: f64, c1: f64, b2: f64, c2: f64,
                              ss: f64, bc: f64, ep: f64, tau: f64, amsgrad: f64, out: usize): void {
  adamStep<f32>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, tau, amsgrad, out, false);
}
export function adam_step_f64(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                              sg: f64, wd: f64, dc: f64, b1: f64, c1: f64, b2: f64, c2: f64,
                              ss: f64, bc: f64, ep: f64, tau: f64, amsgrad: f64, out: usize): void {
  adamStep<f64>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, tau, amsgrad, out, false);
}
export function adam_step_precond_l1_f32(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                                         sg: f64, wd: f64, dc: f64, b1: f64, c1: f64, b2: f64, c2: f64,
                                         ss: f64, bc: f64, ep: f64, tau: f64, amsgrad: f64, out: usize): void {
  adamStep<f32>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, tau, amsgrad, out, true);
}
export function adam_step_precond_l1_f64(p: usize, g: usize, m: usize, v: usize, x: usize, n: i32,
                                         sg: f64, wd: f64, dc: f64, b1: f64, c1: f64, b2: f64, c2: f64,
                                         ss: f64, bc: f64, ep: f64, tau: f64, amsgrad: f64, out: usize): void {
  adamStep<f64>(p, g, m, v, x, n, sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, tau, amsgrad, out, true);
}
