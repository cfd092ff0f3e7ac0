// count_key: per BLOCK, #{i : key(x_i) = K} as f64 (reduce per 'block', 1 field). Locates the block
// holding the m-th tie of the selected key when pruning.
import { BLOCK, lanes, unrolled } from '../common';
import { addMask, countOf } from '../count';
import { eqKey, keyAt, keyOf, keyEqMask, splatKey } from '../keys';

// @ts-ignore: decorator
@inline function countKey<T>(p: usize, n: i32, kHi: f64, kLo: f64, out: usize): void {
  const key = eqKey<T>(keyOf(kHi, kLo));
  const vk = splatKey<T>(key);
  const U = unrolled<T>(), L = lanes<T>();
  while (n > 0) {
    const m = min(n, BLOCK);
    let c0 = i32x4.splat(0), c1 = c0;
    let i = 0;
    for (; i + U <= m; i += U) {
      c0 = addMask<T>(addMask<T>(c0, keyEqMask<T>(v128.load(p, 0), vk)), keyEqMask<T>(v128.load(p, 16), vk));
      c1 = addMask<T>(addMask<T>(c1, keyEqMask<T>(v128.load(p, 32), vk)), keyEqMask<T>(v128.load(p, 48), vk));
      p += 64;
    }
    for (; i + L <= m; i += L) {
      c0 = addMask<T>(c0, keyEqMask<T>(v128.load(p), vk));
      p += 16;
    }
    let t: f64 = 0;
    for (; i < m; i++) {
      if (keyAt<T>(p) == key) t += 1;
      p += sizeof<T>();
    }
    store<f64>(out, countOf<T>(c0) + countOf<T>(c1) + t);
    out += 8;
    n -= m;
  }
}

export function count_key_f32(x: usize, n: i32, kHi: f64, kLo: f64, out: usize): void { countKey<f32>(x, n, kHi, kLo, out); }
export function count_key_f64(x: usize, n: i32, kHi: f64, kLo: f64, out: usize): void { countKey<f64>(x, n, kHi, kLo, out); }
