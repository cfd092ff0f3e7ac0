// hist_abs: one radix-select pass. Among elements whose key (bits of |x|) has key >> (shift + width)
// equal to the prefix, counts the digit (key >> shift) & (2^width − 1) into 2048 f64 bins (reduce
// per 'shard': each shard zeroes and fills its own slot; counts add in any order, exactly).
import { keyAt, keyOf } from '../keys';

const HIST_BINS: i32 = 2048;

// @ts-ignore: decorator
@inline function histAbs<T>(p: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  memory.fill(out, 0, <usize>HIST_BINS * 8);
  const s = <i64>shift, w = <i64>width;
  const top = s + w;
  const pref = keyOf(prefHi, prefLo);
  const mask: i64 = (<i64>1 << w) - 1;
  for (let i = 0; i < n; i++) {
    const k = keyAt<T>(p);
    if (k >>> top == pref) {
      const b = out + (<usize>((k >>> s) & mask) << 3);
      store<f64>(b, load<f64>(b) + 1);
    }
    p += sizeof<T>();
  }
}

export function hist_abs_f32(x: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  histAbs<f32>(x, n, shift, width, prefHi, prefLo, out);
}
export function hist_abs_f64(x: usize, n: i32, shift: f64, width: f64, prefHi: f64, prefLo: f64, out: usize): void {
  histAbs<f64>(x, n, shift, width, prefHi, prefLo, out);
}
