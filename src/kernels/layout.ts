// Layout constants shared by the kernels (assembly/common.ts), the reference and the shard planner.
import { bytesOf, type DType, type FloatArray } from '../dtype.js';
import type { KernelCall, KernelDef } from './types.js';

/** Reduction block in elements (the module exports its own; src/wasm/load.ts checks they agree). */
export const BLOCK = 4096;

/** Number of partial slots a reduction over n elements writes (for the whole call as one shard). */
export function partialSlots(def: KernelDef, call: Pick<KernelCall, 'n' | 'scalars'>, maxShards: number): number {
  const r = def.reduce;
  if (!r) return 0;
  const fields = fieldsOf(def, call.scalars);
  if (r.per === 'block') return Math.ceil(call.n / BLOCK) * fields;
  if (r.per === 'group') return Math.ceil(call.n / call.scalars[0]!) * fields;
  return maxShards * fields;
}

/** f64 values per partial slot. */
export function fieldsOf(def: KernelDef, scalars: number[]): number {
  const f = def.reduce?.fields ?? 0;
  return typeof f === 'number' ? f : f(scalars);
}

/** Length in elements of each array argument of a call. */
export function arrayLengths(def: KernelDef, n: number, scalars: number[]): number[] {
  return def.lengths ? def.lengths(n, scalars) : new Array<number>(def.arrays).fill(n);
}

/** Bytes per element of array argument k in a call of `dtype`. */
export function elementBytes(def: KernelDef, k: number, dtype: DType): number {
  const t = def.arrayTypes?.[k];
  return t === 'i32' ? 4 : t === 'f64' ? 8 : bytesOf(dtype);
}

/** A view of array argument k at byte `ptr` with `len` elements. */
export function argView(def: KernelDef, k: number, dtype: DType, buffer: ArrayBufferLike, ptr: number, len: number): FloatArray | Int32Array {
  const t = def.arrayTypes?.[k];
  if (t === 'i32') return new Int32Array(buffer, ptr, len);
  if (t === 'f64' || dtype === 'float64') return new Float64Array(buffer, ptr, len);
  return new Float32Array(buffer, ptr, len);
}

/** Work of a call in units of a streaming pass (the pool's sharding decision and shard weights). */
export function workOf(def: KernelDef, call: Pick<KernelCall, 'n' | 'scalars'>): number {
  return def.work ? def.work(call.n, call.scalars) : call.n * def.cost;
}
