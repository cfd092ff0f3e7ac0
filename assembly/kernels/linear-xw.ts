// Dense row-major z = X·w + b: one dot product per row, rows are independent (shardable by rows).
// Each dot accumulates in f64 (f32 lanes are promoted), 8 elements per iteration in 4 f64x2
// accumulators, then a scalar tail; the plain-JS reference repeats that order bitwise.
import { dot8 } from './linear-dot';

// @ts-ignore: decorator
@inline function linearXw<T>(x: usize, w: usize, z: usize, n: i32, cols: f64, b: f64): void {
  const d = <i32>cols;
  const rowBytes = <usize>d * sizeof<T>();
  for (let i = 0; i < n; i++) {
    store<T>(z, <T>(dot8<T>(x, w, d) + b));
    x += rowBytes;
    z += sizeof<T>();
  }
}

export function linear_xw_f32(x: usize, w: usize, z: usize, n: i32, cols: f64, b: f64): void { linearXw<f32>(x, w, z, n, cols, b); }
export function linear_xw_f64(x: usize, w: usize, z: usize, n: i32, cols: f64, b: f64): void { linearXw<f64>(x, w, z, n, cols, b); }
