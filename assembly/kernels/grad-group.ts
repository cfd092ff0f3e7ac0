// grad_group: group-lasso gradient per consecutive group g_g ← g_g + (λ/‖w_g‖)·w_g, 0 where
// ‖w_g‖ = 0; a NaN norm makes the group's gradient NaN.
import { sumSquares } from '../common';
import { axpyRange } from '../range';

// @ts-ignore: decorator
@inline function gradGroup<T>(g: usize, w: usize, n: i32, groupSize: f64, lam: f64): void {
  const gs = <i32>groupSize;
  if (gs <= 0) return;
  const bytes = <usize>gs * sizeof<T>();
  for (let i = 0; i + gs <= n; i += gs) {
    const norm = Math.sqrt(sumSquares<T>(w, gs));
    const f: f64 = norm > 0 ? lam / norm : norm != norm ? norm : 0;
    axpyRange<T>(g, w, gs, <T>f);
    g += bytes; w += bytes;
  }
}

export function grad_group_f32(g: usize, w: usize, n: i32, groupSize: f64, lam: f64): void { gradGroup<f32>(g, w, n, groupSize, lam); }
export function grad_group_f64(g: usize, w: usize, n: i32, groupSize: f64, lam: f64): void { gradGroup<f64>(g, w, n, groupSize, lam); }
