// CSR z = X·w + b over n rows: z_i = Σ_{k ∈ [indptr[i], indptr[i+1])} data[k]·w[indices[k]] + b,
// accumulated in f64 in storage order (gathers: scalar). indptr holds absolute offsets, so a shard
// of rows needs only its slice of indptr and z; indices, data and w are shared whole.

// @ts-ignore: decorator
@inline function csrXw<T>(indptr: usize, indices: usize, data: usize, w: usize, z: usize, n: i32, b: f64): void {
  let k = load<i32>(indptr);
  for (let i = 0; i < n; i++) {
    const end = load<i32>(indptr + (<usize>(i + 1) << 2));
    let s: f64 = 0;
    for (; k < end; k++) {
      const j = load<i32>(indices + (<usize>k << 2));
      s += <f64>load<T>(data + (<usize>k) * sizeof<T>()) * <f64>load<T>(w + (<usize>j) * sizeof<T>());
    }
    store<T>(z + (<usize>i) * sizeof<T>(), <T>(s + b));
  }
}

export function csr_xw_f32(indptr: usize, indices: usize, data: usize, w: usize, z: usize, n: i32, nnz: f64, cols: f64, b: f64): void { csrXw<f32>(indptr, indices, data, w, z, n, b); }
export function csr_xw_f64(indptr: usize, indices: usize, data: usize, w: usize, z: usize, n: i32, nnz: f64, cols: f64, b: f64): void { csrXw<f64>(indptr, indices, data, w, z, n, b); }
