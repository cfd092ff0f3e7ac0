// grad_l1: g ← g + λ·sign(w), sign(±0) = +0, NaN in w gives NaN in g.
import { lanes, unrolled } from '../common';
import { signScaledNaN, signScaledS } from '../sign';

// @ts-ignore: decorator
@inline function gradL1<T>(g: usize, w: usize, n: i32, lam: f64): void {
  const l = <T>abs(lam);
  const vl = v128.splat<T>(l);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    const w0 = v128.load(w, 0), w1 = v128.load(w, 16), w2 = v128.load(w, 32), w3 = v128.load(w, 48);
    v128.store(g, v128.add<T>(v128.load(g, 0), signScaledNaN<T>(w0, vl)), 0);
    v128.store(g, v128.add<T>(v128.load(g, 16), signScaledNaN<T>(w1, vl)), 16);
    v128.store(g, v128.add<T>(v128.load(g, 32), signScaledNaN<T>(w2, vl)), 32);
    v128.store(g, v128.add<T>(v128.load(g, 48), signScaledNaN<T>(w3, vl)), 48);
    g += 64; w += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(g, v128.add<T>(v128.load(g), signScaledNaN<T>(v128.load(w), vl)));
    g += 16; w += 16;
  }
  for (; i < n; i++) {
    store<T>(g, load<T>(g) + signScaledS<T>(load<T>(w), l));
    g += sizeof<T>(); w += sizeof<T>();
  }
}

export function grad_l1_f32(g: usize, w: usize, n: i32, lam: f64): void { gradL1<f32>(g, w, n, lam); }
export function grad_l1_f64(g: usize, w: usize, n: i32, lam: f64): void { gradL1<f64>(g, w, n, lam); }
