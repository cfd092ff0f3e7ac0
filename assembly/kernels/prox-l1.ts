// prox_{t·λ‖·‖₁}: in-place soft threshold x ← x − clamp(x, −τ, τ) with τ = tλ (one pass).
import { lanes, unrolled, softS, softV } from '../common';

// @ts-ignore: decorator
@inline function proxL1<T>(p: usize, n: i32, tau: f64): void {
  const t = <T>tau;
  const vt = v128.splat<T>(t), vnt = v128.splat<T>(-t);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    v128.store(p, softV<T>(v128.load(p, 0), vt, vnt), 0);
    v128.store(p, softV<T>(v128.load(p, 16), vt, vnt), 16);
    v128.store(p, softV<T>(v128.load(p, 32), vt, vnt), 32);
    v128.store(p, softV<T>(v128.load(p, 48), vt, vnt), 48);
    p += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(p, softV<T>(v128.load(p), vt, vnt));
    p += 16;
  }
  for (; i < n; i++) {
    store<T>(p, softS<T>(load<T>(p), t));
    p += sizeof<T>();
  }
}

export function prox_l1_f32(x: usize, n: i32, tau: f64): void { proxL1<f32>(x, n, tau); }
export function prox_l1_f64(x: usize, n: i32, tau: f64): void { proxL1<f64>(x, n, tau); }
