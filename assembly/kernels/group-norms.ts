// group_norms: out[g] = ‖x_g‖₂ (f64) for each consecutive group of groupSize elements (reduce
// per 'group', 1 field). Same sumSquares as prox_group, so the same data gives the same bits.
import { sumSquares } from '../common';

// @ts-ignore: decorator
@inline function groupNorms<T>(p: usize, n: i32, groupSize: f64, out: usize): void {
  const gs = <i32>groupSize;
  if (gs <= 0) return;
  const bytes = <usize>gs * sizeof<T>();
  for (let i = 0; i + gs <= n; i += gs) {
    store<f64>(out, Math.sqrt(sumSquares<T>(p, gs)));
    p += bytes;
    out += 8;
  }
}

export function group_norms_f32(x: usize, n: i32, groupSize: f64, out: usize): void { groupNorms<f32>(x, n, groupSize, out); }
export function group_norms_f64(x: usize, n: i32, groupSize: f64, out: usize): void { groupNorms<f64>(x, n, groupSize, out); }
