// The one wasm module: every kernel file's exports. Kernels take byte pointers into the imported
// shared memory, an element count and f64 scalars; they never allocate.
export * from "./kernels/stats";
export * from "./kernels/prox-l1";
export * from "./kernels/linear-xw";
export * from "./kernels/linear-xtr";
export * from "./kernels/csr-xw";
export * from "./kernels/csr-xtr";
export * from "./kernels/logistic-loss";
