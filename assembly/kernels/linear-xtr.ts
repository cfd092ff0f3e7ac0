// Dense row-major Xᵀ·r, sharded over rows: per group of `rowsPerPartial` rows it writes d f64
// partial sums g_j = Σ_i X[i, j]·r_i to out (d values per group; the last group may be short); the
// caller adds the groups in order, so the result does not depend on the sharding. The caller picks
// rowsPerPartial from n alone (a few groups per call), so even short, wide X can be sharded.
// Lanes run over columns (f64, f32 promoted), so every
// partial is accumulated in row order and matches the plain-JS reference bitwise.
import { axpy8 } from './linear-dot';

// @ts-ignore: decorator
@inline function linearXtr<T>(x: usize, r: usize, n: i32, rowsPerPartial: f64, cols: f64, out: usize): void {
  const d = <i32>cols;
  const block = <i32>rowsPerPartial;
  const rowBytes = <usize>d * sizeof<T>();
  while (n > 0) {
    const m = min(n, block);
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

export function linear_xtr_f32(x: usize, r: usize, n: i32, rowsPerPartial: f64, cols: f64, out: usize): void { linearXtr<f32>(x, r, n, rowsPerPartial, cols, out); }
export function linear_xtr_f64(x: usize, r: usize, n: i32, rowsPerPartial: f64, cols: f64, out: usize): void { linearXtr<f64>(x, r, n, rowsPerPartial, cols, out); }
