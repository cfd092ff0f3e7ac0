// nth_key: per BLOCK, the index within the block of the m-th (1-based) element whose key equals K,
// or −1 when the block has fewer (reduce per 'block', 1 field). Pruning calls it on one block.
import { BLOCK } from '../common';
import { keyAt, keyOf } from '../keys';

// @ts-ignore: decorator
@inline function nthKey<T>(p: usize, n: i32, kHi: f64, kLo: f64, mth: f64, out: usize): void {
  const key = keyOf(kHi, kLo);
  const want = <i32>mth;
  while (n > 0) {
    const m = min(n, BLOCK);
    let seen = 0, at: f64 = -1;
    for (let i = 0; i < m; i++) {
      if (keyAt<T>(p + (<usize>i << alignof<T>())) == key) {
        seen++;
        if (seen == want) { at = <f64>i; break; }
      }
    }
    store<f64>(out, at);
    p += <usize>m << alignof<T>();
    out += 8;
    n -= m;
  }
}

export function nth_key_f32(x: usize, n: i32, kHi: f64, kLo: f64, m: f64, out: usize): void { nthKey<f32>(x, n, kHi, kLo, m, out); }
export function nth_key_f64(x: usize, n: i32, kHi: f64, kLo: f64, m: f64, out: usize): void { nthKey<f64>(x, n, kHi, kLo, m, out); }
