// The shard planner: a pure function from a batch of kernel calls and a number of parts (threads)
// to the sub-calls each part runs. It knows nothing about workers; the pool executor runs its plan.
import { bytesOf } from '../dtype.js';
import { BLOCK, elementBytes, fieldsOf, workOf } from '../kernels/layout.js';
import type { KernelCall, KernelDef } from '../kernels/types.js';

/** Cache line in bytes: elementwise shards start at multiples of it (relative to each array). */
export const SHARD_ALIGN_BYTES = 64;

/**
 * Elements of n that a shard boundary must be a multiple of:
 * - grouped kernels and 'group' reductions: the group size (scalars[0]), so no group is split;
 * - 'block' reductions: BLOCK, so every partial slot is computed by exactly one shard;
 * - serial kernels: the whole call (one piece);
 * - everything else: 64 bytes of the call's dtype (16 f32 / 8 f64), so shards do not share cache lines.
 */
export function shardUnit(def: KernelDef, call: Pick<KernelCall<string>, 'dtype' | 'scalars' | 'n'>): number {
  if (def.serial) return Math.max(1, call.n);
  if (def.grouped || def.reduce?.per === 'group') return call.scalars[0]!;
  if (def.reduce?.per === 'block') return BLOCK;
  return SHARD_ALIGN_BYTES / bytesOf(call.dtype);
}

/**
 * The sub-call covering elements [start, end) of `call`: array pointers advance by
 * start · stride · element bytes ('i32' arrays by 4 bytes per element, stride 0 = shared array);
 * the partials pointer advances by the first block / group index times `fields`, or by `slot`
 * for 'shard' reductions.
 */
export function sliceCall<C extends KernelCall<string>>(def: KernelDef, call: C, start: number, end: number, slot: number): C {
  const strides = def.strides?.(call.scalars);
  const ptrs = call.ptrs.map((p, k) => p + start * (strides?.[k] ?? 1) * elementBytes(def, k, call.dtype));
  const sub: C = { ...call, ptrs, n: end - start };
  delete sub.out;
  if (call.out !== undefined) {
    const fields = fieldsOf(def, call.scalars);
    const per = def.reduce?.per;
    const index = per === 'block' ? start / BLOCK : per === 'group' ? start / call.scalars[0]! : slot;
    sub.out = call.out + index * fields * 8;
  }
  return sub;
}

/**
 * Splits a batch into `parts` lists of sub-calls with about equal work, work = n · cost summed over
 * the batch (one dispatch for the whole batch). The batch is laid end to end; part k takes the
 * k-th 1/parts of the total work, rounded to each call's shard unit. Every call is cut into at most
 * `parts` pieces, numbered 0, 1, … in element order (the slot of a 'shard' reduction), so
 * maxShards >= parts suffices. Parts may be empty; calls with n = 0 go to part 0 unchanged.
 * `pieces`, when given, receives the number of pieces of each call.
 */
export function planShards<K extends string>(calls: KernelCall<K>[], parts: number, defOf: (name: K) => KernelDef, pieces?: number[]): KernelCall<K>[][] {
  const out: KernelCall<K>[][] = Array.from({ length: Math.max(1, parts) }, () => []);
  const defs = calls.map((c) => defOf(c.kernel));
  const weights = calls.map((c, i) => Math.max(workOf(defs[i]!, c), c.n * 1e-9));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!, def = defs[i]!;
    if (call.n === 0 || out.length === 1 || total === 0) {
      out[0]!.push(call.n === 0 || out.length === 1 ? call : sliceCall(def, call, 0, call.n, 0));
      pieces?.push(1);
      continue;
    }
    const unit = shardUnit(def, call);
    const units = Math.ceil(call.n / unit);
    const unitWeight = weights[i]! / call.n * unit;
    const ownerAt = (u: number) => Math.min(out.length - 1, Math.floor(((acc + u * unitWeight) * out.length) / total));
    let u = 0, piece = 0, prev = -1;
    while (u < units) {
      const k = Math.max(ownerAt(u), prev + 1);
      let end = k === out.length - 1 ? units : Math.ceil((((k + 1) * total) / out.length - acc) / unitWeight);
      end = Math.min(units, Math.max(u + 1, end));
      out[k]!.push(sliceCall(def, call, u * unit, Math.min(call.n, end * unit), piece++));
      prev = k;
      u = end;
    }
    pieces?.push(piece);
    acc += weights[i]!;
  }
  return out;
}
