// prox_group: group-lasso prox per consecutive group v_g ← max(0, 1 − τ/‖v_g‖)·v_g with τ = tλ.
// The norm is sumSquares (f64 across blocks); a zero group stays zero; a NaN norm makes the group
// NaN; an infinite norm leaves the group unchanged.
import { sumSquares } from '../common';
import { scaleRange } from '../range';

// @ts-ignore: decorator
@inline function proxGroup<T>(p: usize, n: i32, groupSize: f64, tau: f64): void {
  const gs = <i32>groupSize;
  if (gs <= 0) return;
  const bytes = <usize>gs * sizeof<T>();
  for (let i = 0; i + gs <= n; i += gs) {
    const norm = Math.sqrt(sumSquares<T>(p, gs));
    const f: f64 = norm > tau ? 1 - tau / norm : norm != norm ? norm : 0;
    scaleRange<T>(p, gs, <T>f);
    p += bytes;
  }
}

export function prox_group_f32(x: usize, n: i32, groupSize: f64, tau: f64): void { proxGroup<f32>(x, n, groupSize, tau); }
export function prox_group_f64(x: usize, n: i32, groupSize: f64, tau: f64): void { proxGroup<f64>(x, n, groupSize, tau); }
