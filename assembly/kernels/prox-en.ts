// prox_en: elastic-net prox x ← soft(x, τ)·s with τ = tλ₁ and s = 1/(1 + 2tλ₂), one pass.
import { lanes, unrolled, softS, softV } from '../common';

// @ts-ignore: decorator
@inline function proxEn<T>(p: usize, n: i32, tau: f64, s: f64): void {
  const t = <T>tau, k = <T>s;
  const vt = v128.splat<T>(t), vnt = v128.splat<T>(-t), vk = v128.splat<T>(k);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    v128.store(p, v128.mul<T>(softV<T>(v128.load(p, 0), vt, vnt), vk), 0);
    v128.store(p, v128.mul<T>(softV<T>(v128.load(p, 16), vt, vnt), vk), 16);
    v128.store(p, v128.mul<T>(softV<T>(v128.load(p, 32), vt, vnt), vk), 32);
    v128.store(p, v128.mul<T>(softV<T>(v128.load(p, 48), vt, vnt), vk), 48);
    p += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(p, v128.mul<T>(softV<T>(v128.load(p), vt, vnt), vk));
    p += 16;
  }
  for (; i < n; i++) {
    store<T>(p, softS<T>(load<T>(p), t) * k);
    p += sizeof<T>();
  }
}

export function prox_en_f32(x: usize, n: i32, tau: f64, s: f64): void { proxEn<f32>(x, n, tau, s); }
export function prox_en_f64(x: usize, n: i32, tau: f64, s: f64): void { proxEn<f64>(x, n, tau, s); }
