// Engine arrays owned by one model object (a design, a solver workspace): allocated through the
// engine, freed together, and all given back if an allocation fails part-way (E_MEMORY).
import type { DType, FloatArray } from '../dtype.js';
import type { Engine } from '../engine/engine.js';

export class Held {
  private readonly owned: FloatArray[] = [];
  constructor(private readonly engine: Engine) {}

  /** A zeroed engine array of n elements (its block holds at least one element). */
  floats(n: number, dtype: DType): FloatArray {
    const a = this.engine.alloc(Math.max(1, n), dtype);
    this.owned.push(a); // engine.free() wants the array alloc() returned
    return n === a.length ? a : a.subarray(0, n);
  }

  f64(n: number): Float64Array {
    return this.floats(n, 'float64') as Float64Array;
  }

  /** Int32 data rides in a float32 block of engine memory (same 4-byte elements). */
  i32(n: number): Int32Array {
    const holder = this.floats(n, 'float32');
    return new Int32Array(holder.buffer, holder.byteOffset, n);
  }

  /** Runs `make`; if it throws (e.g. E_MEMORY part-way), frees everything held first. */
  guard<T>(make: () => T): T {
    try {
      return make();
    } catch (e) {
      this.free();
      throw e;
    }
  }

  free(): void {
    for (const a of this.owned.splice(0)) this.engine.free(a);
  }
}
