// grad_en: g ← (g + c₂·w) + λ₁·sign(w) with c₂ = 2λ₂; NaN in w reaches g through c₂·w.
import { lanes, unrolled } from '../common';
import { signScaled, signScaledS } from '../sign';

// @ts-ignore: decorator
@inline function term<T>(g: v128, w: v128, vl: v128, vk: v128): v128 {
  return v128.add<T>(v128.add<T>(g, v128.mul<T>(w, vk)), signScaled<T>(w, vl));
}

// @ts-ignore: decorator
@inline function gradEn<T>(g: usize, w: usize, n: i32, lam1: f64, c2: f64): void {
  const l = <T>abs(lam1), k = <T>c2;
  const vl = v128.splat<T>(l), vk = v128.splat<T>(k);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    const w0 = v128.load(w, 0), w1 = v128.load(w, 16), w2 = v128.load(w, 32), w3 = v128.load(w, 48);
    v128.store(g, term<T>(v128.load(g, 0), w0, vl, vk), 0);
    v128.store(g, term<T>(v128.load(g, 16), w1, vl, vk), 16);
    v128.store(g, term<T>(v128.load(g, 32), w2, vl, vk), 32);
    v128.store(g, term<T>(v128.load(g, 48), w3, vl, vk), 48);
    g += 64; w += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(g, term<T>(v128.load(g), v128.load(w), vl, vk));
    g += 16; w += 16;
  }
  for (; i < n; i++) {
    const x = load<T>(w);
    store<T>(g, (load<T>(g) + x * k) + signScaledS<T>(x, l));
    g += sizeof<T>(); w += sizeof<T>();
  }
}

export function grad_en_f32(g: usize, w: usize, n: i32, lam1: f64, c2: f64): void { gradEn<f32>(g, w, n, lam1, c2); }
export function grad_en_f64(g: usize, w: usize, n: i32, lam1: f64, c2: f64): void { gradEn<f64>(g, w, n, lam1, c2); }
