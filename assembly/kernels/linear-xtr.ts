// Dense row-major Xᵀ·r, sharded over rows: per BLOCK (4096) rows it writes d f64 partial sums
// g_j = Σ_i X[i, j]·r_i to out (d values per block); the caller adds the blocks in order, so the
// result does not depend on the sharding. Lanes run over columns (f64, f32 promoted), so every
// partial is accumulated in row order and matches the plain-JS reference bitwise.
import { BLOCK } from '../common';
import { axpy8 } from './linear-dot';

// @ts-ignore: decorator
@inline function linearXtr<T>(x: usize, r: usize, n: i32, cols: f64, out: usize): void {
  const d = <i32>cols;
  const rowBytes = <usize>d * sizeof<T>();
  while (n > 0) {
    const m = min(n, BLOCK);
    memory.fill(out, 0, <usize>d * 8);
    for (let i = 0; i < m; i++) {
      axpy8<T>(out, x, <f64>load<T>(r), d);
      x += rowBytes;
      r += sizeof<T>();
    }
    out += <usize>d * 8;
    n -= m;
  }
}

export function linear_xtr_f32(x: usize, r: usize, n: i32, cols: f64, out: usize): void { linearXtr<f32>(x, r, n, cols, out); }
export function linear_xtr_f64(x: usize, r: usize, n: i32, cols: f64, out: usize): void { linearXtr<f64>(x, r, n, cols, out); }
