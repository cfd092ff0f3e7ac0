// CSR Xᵀ·r, sharded over rows: per group of `rowsPerPartial` rows it writes d f64 partials
// g_j = Σ_i X[i, j]·r_i (d values per group, rows in order; the last group may be short); the
// caller adds the groups in order.

// @ts-ignore: decorator
@inline function csrXtr<T>(indptr: usize, indices: usize, data: usize, r: usize, n: i32, rowsPerPartial: f64, cols: f64, out: usize): void {
  const d = <i32>cols;
  const block = <i32>rowsPerPartial;
  let k = load<i32>(indptr);
  let i = 0;
  while (i < n) {
    const m = min(n - i, block);
    memory.fill(out, 0, <usize>d * 8);
    for (const stop = i + m; i < stop; i++) {
      const end = load<i32>(indptr + (<usize>(i + 1) << 2));
      const ri = <f64>load<T>(r + (<usize>i) * sizeof<T>());
      for (; k < end; k++) {
        const p = out + (<usize>load<i32>(indices + (<usize>k << 2)) << 3);
        store<f64>(p, load<f64>(p) + <f64>load<T>(data + (<usize>k) * sizeof<T>()) * ri);
      }
    }
    out += <usize>d * 8;
  }
}

export function csr_xtr_f32(indptr: usize, indices: usize, data: usize, r: usize, n: i32, rowsPerPartial: f64, nnz: f64, cols: f64, out: usize): void { csrXtr<f32>(indptr, indices, data, r, n, rowsPerPartial, cols, out); }
export function csr_xtr_f64(indptr: usize, indices: usize, data: usize, r: usize, n: i32, rowsPerPartial: f64, nnz: f64, cols: f64, out: usize): void { csrXtr<f64>(indptr, indices, data, r, n, rowsPerPartial, cols, out); }
