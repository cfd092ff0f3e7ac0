// Layout constants shared by the kernels (assembly/common.ts), the reference and the shard planner.
import type { KernelCall, KernelDef } from './types.js';

/** Reduction block in elements: must equal BLOCK in assembly/common.ts. */
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
