// Inline loops over a range (a whole array, or one group of a grouped kernel): the 4-vector / 1-vector
// / scalar structure of every elementwise kernel, unaligned loads (groups start anywhere).
import { lanes, unrolled } from './common';

/** x[0..n) ← k·x. */
// @ts-ignore: decorator
@inline export function scaleRange<T>(p: usize, n: i32, k: T): void {
  const vk = v128.splat<T>(k);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    v128.store(p, v128.mul<T>(v128.load(p, 0), vk), 0);
    v128.store(p, v128.mul<T>(v128.load(p, 16), vk), 16);
    v128.store(p, v128.mul<T>(v128.load(p, 32), vk), 32);
    v128.store(p, v128.mul<T>(v128.load(p, 48), vk), 48);
    p += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(p, v128.mul<T>(v128.load(p), vk));
    p += 16;
  }
  for (; i < n; i++) {
    store<T>(p, load<T>(p) * k);
    p += sizeof<T>();
  }
}

/** g[0..n) ← g + k·w. */
// @ts-ignore: decorator
@inline export function axpyRange<T>(g: usize, w: usize, n: i32, k: T): void {
  const vk = v128.splat<T>(k);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    v128.store(g, v128.add<T>(v128.load(g, 0), v128.mul<T>(v128.load(w, 0), vk)), 0);
    v128.store(g, v128.add<T>(v128.load(g, 16), v128.mul<T>(v128.load(w, 16), vk)), 16);
    v128.store(g, v128.add<T>(v128.load(g, 32), v128.mul<T>(v128.load(w, 32), vk)), 32);
    v128.store(g, v128.add<T>(v128.load(g, 48), v128.mul<T>(v128.load(w, 48), vk)), 48);
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
