// Named engine arrays of a solver, described by an ordered layout so that the same arrays can be
// allocated on the calling thread and re-attached (as views over the shared memory) by a worker
// that runs a whole path as one task.
import type { Held } from '../held.js';

export type Field = readonly [name: string, type: 'f64' | 'i32', length: number];
export type Views = Record<string, Float64Array | Int32Array>;

/** Allocates every field; returns the views and their byte offsets in layout order. */
export function allocate(held: Held, layout: readonly Field[]): { views: Views; ptrs: number[] } {
  const views: Views = {}, ptrs: number[] = [];
  for (const [name, type, len] of layout) {
    const a = type === 'f64' ? held.f64(len) : held.i32(len);
    views[name] = a;
    ptrs.push(a.byteOffset);
  }
  return { views, ptrs };
}

/** Views over `buffer` at the given byte offsets (a worker's side of allocate()). */
export function attach(buffer: ArrayBufferLike, layout: readonly Field[], ptrs: ArrayLike<number>): Views {
  const views: Views = {};
  layout.forEach(([name, type, len], k) => {
    views[name] = type === 'f64' ? new Float64Array(buffer, ptrs[k]!, len) : new Int32Array(buffer, ptrs[k]!, len);
  });
  return views;
}

/** Reduction partial slots for n rows and `fields` values per 4096-row block. */
export const partials = (rows: number, fields: number): number => Math.ceil(rows / 4096) * fields;
