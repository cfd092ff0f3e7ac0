// The one wasm module: every kernel file's exports. Kernels take byte pointers into the imported
// shared memory, an element count and f64 scalars; they never allocate.
export * from "./kernels/stats";
export * from "./kernels/prox-l1";
export * from "./kernels/sgd-step";
export * from "./kernels/adam-step";
export * from "./kernels/scale";
export * from "./kernels/prox-en";
export * from "./kernels/grad-l1";
export * from "./kernels/grad-l2";
export * from "./kernels/grad-en";
export * from "./kernels/prox-group";
export * from "./kernels/grad-group";
export * from "./kernels/group-norms";
export * from "./kernels/abs-above";
export * from "./kernels/hist-abs";
export * from "./kernels/count-key";
export * from "./kernels/nth-key";
export * from "./kernels/prune-le";
export * from "./kernels/prune-group-le";
export * from "./kernels/linear-xw";
export * from "./kernels/linear-xtr";
export * from "./kernels/csr-xw";
export * from "./kernels/csr-xtr";
export * from "./kernels/logistic-loss";
