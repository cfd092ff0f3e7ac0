// grad_l2: g ← g + c·w with c = 2λ (PyTorch's weight_decay = 2λ).
import { lanes, unrolled } from '../common';

// @ts-ignore: decorator
@inline function gradL2<T>(g: usize, w: usize, n: i32, c: f64): void {
  const k = <T>c;
  const vk = v128.splat<T>(k);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    const w0 = v128.load(w, 0), w1 = v128.load(w, 16), w2 = v128.load(w, 32), w3 = v128.load(w, 48);
    v128.store(g, v128.add<T>(v128.load(g, 0), v128.mul<T>(w0, vk)), 0);
    v128.store(g, v128.add<T>(v128.load(g, 16), v128.mul<T>(w1, vk)), 16);
    v128.store(g, v128.add<T>(v128.load(g, 32), v128.mul<T>(w2, vk)), 32);
    v128.store(g, v128.add<T>(v128.load(g, 48), v128.mul<T>(w3, vk)), 48);
    g += 64; w += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(g, v128.add<T>(v128.load(g), v128.mul<T>(v128.load(w), vk)));
    g += 16; w += 16;
  }
  for (; i < n; i++) {
    store<T>(g, load<T>(g) + load<T>(w) * k);
    g += sizeof<T>(); w += sizeof<T>();
  }
}

export function grad_l2_f32(g: usize, w: usize, n: i32, c: f64): void { gradL2<f32>(g, w, n, c); }
export function grad_l2_f64(g: usize, w: usize, n: i32, c: f64): void { gradL2<f64>(g, w, n, c); }
