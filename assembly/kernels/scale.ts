// scale: x ← s·x in place (the L2 prox with s = 1/(1 + 2tλ), and the L2-ball projection).
import { lanes, unrolled } from '../common';

// @ts-ignore: decorator
@inline function scale<T>(p: usize, n: i32, s: f64): void {
  const t = <T>s;
  const vs = v128.splat<T>(t);
  const U = unrolled<T>(), L = lanes<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    v128.store(p, v128.mul<T>(v128.load(p, 0), vs), 0);
    v128.store(p, v128.mul<T>(v128.load(p, 16), vs), 16);
    v128.store(p, v128.mul<T>(v128.load(p, 32), vs), 32);
    v128.store(p, v128.mul<T>(v128.load(p, 48), vs), 48);
    p += 64;
  }
  for (; i + L <= n; i += L) {
    v128.store(p, v128.mul<T>(v128.load(p), vs));
    p += 16;
  }
  for (; i < n; i++) {
    store<T>(p, load<T>(p) * t);
    p += sizeof<T>();
  }
}

export function scale_f32(x: usize, n: i32, s: f64): void { scale<f32>(x, n, s); }
export function scale_f64(x: usize, n: i32, s: f64): void { scale<f64>(x, n, s); }
