// hist_abs: one radix-select pass. Among elements whose key (bits of |x|) has key >> (shift + width)
// equal to the prefix, counts the digit (key >> shift) & (2^width − 1) into u32 bins (reduce per
// 'shard': a slot of 4 copies of 2048 bins, of which the first 2^width are used; each shard zeroes
// and fills its own slot, then adds copies 1..3 into copy 0, so the slot's first 2^width words
// are its counts and the caller adds only one copy per shard, none when the call ran whole).
import { unrolled } from '../common';
import { keyAt, keyOf, splatKey, topKey } from '../keys';

export const HIST_BINS: i32 = 2048;
/** Element i counts into copy i & 3 of the histogram: runs of equal digits then update four
 *  different bins instead of one chain of load-add-store on the same address. */
export const HIST_COPIES: i32 = 4;

// @ts-ignore: decorator
@inline function histAbs<T>(p: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  const s = <i64>shift, w = <i64>width;
  const bins = <usize>1 << <usize>w, copy = <usize>HIST_BINS << 2;
  for (let c: usize = 0; c < <usize>HIST_COPIES; c++) memory.fill(out + c * copy, 0, bins << 2);
  const top = s + w;
  const pref = keyOf(prefHi, prefLo);
  const mask: i64 = (<i64>1 << w) - 1;
  // Later passes match few elements: test 4 vectors at a time and count only where one matches.
  const vp = splatKey<T>(pref), vm = splatKey<T>(topKey<T>());
  const ts = <i32>top, U = unrolled<T>();
  let i = 0;
  for (; i + U <= n; i += U) {
    const m = v128.or(
      v128.or(prefixEq<T>(v128.load(p, 0), vm, ts, vp), prefixEq<T>(v128.load(p, 16), vm, ts, vp)),
      v128.or(prefixEq<T>(v128.load(p, 32), vm, ts, vp), prefixEq<T>(v128.load(p, 48), vm, ts, vp)));
    if (v128.any_true(m)) {
      for (let j = 0; j < U; j++) count<T>(p + (<usize>j << alignof<T>()), top, pref, s, mask, out + <usize>(j & 3) * copy);
    }
    p += 64;
  }
  for (; i < n; i++) {
    count<T>(p, top, pref, s, mask, out + <usize>(i & 3) * copy);
    p += sizeof<T>();
  }
  // Copies 1..3 into copy 0 (bins is a multiple of 4 words: widths are at least 8).
  for (let b: usize = 0; b < bins << 2; b += 16) {
    const q = out + b;
    v128.store(q, i32x4.add(i32x4.add(v128.load(q), v128.load(q + copy)), i32x4.add(v128.load(q + 2 * copy), v128.load(q + 3 * copy))));
  }
}

// @ts-ignore: decorator
@inline function count<T>(p: usize, top: i64, pref: i64, s: i64, mask: i64, out: usize): void {
  const k = keyAt<T>(p);
  if (k >>> top == pref) {
    const b = out + (<usize>((k >>> s) & mask) << 2);
    store<u32>(b, load<u32>(b) + 1);
  }
}

// @ts-ignore: decorator
@inline function prefixEq<T>(x: v128, vm: v128, top: i32, vp: v128): v128 {
  if (sizeof<T>() == 4) return i32x4.eq(i32x4.shr_u(v128.and(x, vm), top), vp);
  return i64x2.eq(i64x2.shr_u(v128.and(x, vm), top), vp);
}

export function hist_abs_f32(x: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  histAbs<f32>(x, n, shift, width, prefHi, prefLo, out);
}
export function hist_abs_f64(x: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  histAbs<f64>(x, n, shift, width, prefHi, prefLo, out);
}
