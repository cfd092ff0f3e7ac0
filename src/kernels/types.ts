// What a kernel is, as the engine, the pool, the tests and the benchmarks see it.
import type { DType, FloatArray } from '../dtype.js';
import type { KernelName } from './registry.js';

/**
 * How a kernel writes f64 partial results to its `out` pointer (the last wasm argument):
 * - 'block': `fields` values per BLOCK (4096) elements; shards start on block boundaries;
 * - 'group': `fields` values per group of `groupSize` elements; shards never split a group;
 * - 'shard': `fields` values per shard (order-free sums such as integer counts), slot = shard index.
 * The caller combines partials in index order, so results do not depend on the thread count.
 */
export interface ReduceLayout {
  per: 'block' | 'group' | 'shard';
  /** f64 values per slot; may depend on the scalars (e.g. one per column). */
  fields: number | ((scalars: number[]) => number);
  /**
   * The slot holds u32 counts, two per f64 value of `fields` (read it through a Uint32Array):
   * half the bytes of f64 counts to zero and to read.
   */
  u32?: boolean;
}

/**
 * Plain-JS reference with the wasm signature: arrays (views of length n), n, scalars, and the
 * partials array for reductions (laid out as `reduce` says, for the whole call as one shard).
 */
export type JsKernel = (
  dtype: DType,
  arrays: (FloatArray | Int32Array)[],
  n: number,
  scalars: number[],
  out: Float64Array | undefined,
) => void;

/**
 * A kernel definition; `N` and `S` are its name and scalar names as literal types (defineKernel
 * infers them), from which the registry derives KernelName and the named-scalar types.
 */
export interface KernelDef<N extends string = string, S extends readonly string[] = readonly string[]> {
  /** Wasm exports are `${name}_f32` and `${name}_f64`. */
  name: N;
  /** One line: what it computes. */
  doc: string;
  /** Element-array pointer arguments (each of length n, same dtype), in wasm argument order. */
  arrays: number;
  /**
   * Element type per array argument: 'x' = the call's dtype (default), 'i32' = int32 indices,
   * 'f64' = f64 whatever the call's dtype (solver work vectors next to f32 storage).
   */
  arrayTypes?: readonly ('x' | 'i32' | 'f64')[];
  /** Length in elements of each array for a call over n (default: every array has length n). */
  lengths?: (n: number, scalars: number[]) => number[];
  /**
   * Elements each array advances per unit of n when the call is sharded (default 1 for all);
   * 0 = the whole array is shared by every shard (read-only, e.g. w in X·w, CSR values).
   */
  strides?: (scalars: number[]) => number[];
  /** Which of those arrays the kernel writes (for copy-out and aliasing tests). */
  writes: readonly number[];
  /** Names of the f64 scalars that follow n. For group kernels the first one is groupSize. */
  scalars: S;
  reduce?: ReduceLayout;
  /** Shards keep whole groups of scalars[0] elements together. */
  grouped?: boolean;
  /**
   * Relative cost per element against a streaming in-place pass (1 = memory bound). The pool's
   * inline-vs-sharded threshold divides by it.
   */
  cost: number;
  /**
   * Work of a call in units of a streaming pass, where n·cost misjudges it (a CSC sweep does nnz
   * work over n columns). The pool's inline-vs-sharded choice and the shard weights use it.
   */
  work?: (n: number, scalars: number[]) => number;
  /**
   * Auto mode times calls of this kernel apart per value of `autoClass(scalars)` when their time
   * per unit of work depends on the scalars (hist_abs: the first radix pass counts every element,
   * the later ones few), so that one kind of call does not decide the mode of another.
   */
  autoClass?: (scalars: number[]) => number;
  /**
   * The call runs whole on one thread, never cut into shards (coordinate descent epochs: each step
   * depends on the previous one).
   */
  serial?: boolean;
  /**
   * Largest n the kernel test matrix runs (a kernel whose memory grows like n², such as a dense
   * Hessian over an n-column support, skips the larger sizes).
   */
  maxN?: number;
  js: JsKernel;
}

/** A registry entry, its name and scalar names kept as literal types (the function returns `def`). */
export function defineKernel<const N extends string, const S extends readonly string[]>(def: KernelDef<N, S>): KernelDef<N, S> {
  return def;
}

/**
 * Test inputs of a kernel, kept apart from its definition (`<def>Samples` next to it, collected
 * by src/kernels/samples.ts) so that the runtime bundle does not carry them.
 */
export interface KernelSamples {
  /**
   * Sample scalars for an n-element call, used by the test matrix (for grouped kernels the first
   * one must divide n). `rand` is uniform in [0, 1). `dtype` (optional, for the selection kernels
   * whose scalars are bit patterns of the dtype) is the call's dtype.
   */
  sample: (n: number, rand: () => number, dtype?: DType) => number[];
  /**
   * Structural inputs (e.g. CSR indptr/indices): per array, a valid content, or undefined to fill
   * it with random floats as usual. Kernels with such inputs are not run in the aliasing variant
   * (their arrays have different lengths and types).
   */
  sampleArrays?: (n: number, scalars: number[], rand: () => number) => (ArrayLike<number> | undefined)[];
  /**
   * How closely wasm must match the reference: 0 = bitwise for written arrays (the default);
   * partials are compared with relative tolerance `reduceTol[dtype]` against Σ|terms|-sized values.
   */
  reduceTol?: { float32: number; float64: number };
}

/**
 * One kernel invocation: byte pointers into engine memory, an element count, scalars (positional,
 * in the order the definition names them). `K` is a registry name; the shard planner, which works
 * on any definition, takes `KernelCall<string>`.
 */
export interface KernelCall<K extends string = KernelName> {
  kernel: K;
  dtype: DType;
  ptrs: number[];
  n: number;
  scalars: number[];
  /** Byte pointer of the partials (reductions only). */
  out?: number;
}

/**
 * A verb's work as a generator: it yields kernel calls (or batches that may run together in one
 * dispatch) and reads their results from memory when resumed. The sync driver runs each yield
 * inline; the async driver may shard it over the pool. One source serves both.
 */
export type Plan<R> = Generator<KernelCall | KernelCall[], R, void>;
