// Valid random CSR structure for the kernel test matrix and benchmarks (sorted indptr, indices in
// range, some empty rows); the values themselves are filled like any other array.

/** Scalars [nnz, cols]: about 0.5–4.5 stored entries per row. */
export function sampleCsrShape(n: number, rand: () => number): [number, number] {
  const cols = 1 + Math.floor(rand() * 50);
  return [n === 0 ? 0 : Math.floor(n * (0.5 + 4 * rand())), cols];
}

/** indptr (n + 1, from 0 to nnz, non-decreasing) and indices (nnz, in [0, cols)). */
export function sampleCsrArrays(n: number, nnz: number, cols: number, rand: () => number): [Int32Array, Int32Array] {
  const indptr = new Int32Array(n + 1);
  const cuts = new Int32Array(Math.max(0, n - 1));
  for (let i = 0; i < cuts.length; i++) cuts[i] = Math.floor(rand() * (nnz + 1));
  cuts.sort();
  indptr.set(cuts, 1);
  indptr[n] = nnz;
  const indices = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) indices[k] = Math.floor(rand() * cols);
  return [indptr, indices];
}
