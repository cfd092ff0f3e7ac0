// Binding user arrays to engine memory: engine arrays are used in place; other typed arrays are
// copied into a temporary block and (for arrays a kernel writes) copied back after the call.
import { bytesOf, dtypeOf, isFloatArray, type DType, type FloatArray } from '../dtype.js';
import { errDtype, errFreed, errLength, errType } from '../errors.js';
import type { Arena } from '../memory/arena.js';

/** A tensor as kernels see it: a byte pointer into engine memory, a length and a dtype. */
export interface Bound {
  readonly ptr: number;
  readonly n: number;
  readonly dtype: DType;
}

export class Tensors {
  /** Arrays made by alloc/from, by identity; true while live. */
  private readonly owned = new WeakMap<FloatArray, boolean>();
  /** Every SharedArrayBuffer object handed out for the memory (a new one after each growth). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(private readonly arena: Arena) {}

  /** A live engine array over [ptr, ptr + n·bytes). */
  view(ptr: number, n: number, dtype: DType): FloatArray {
    const buffer = this.arena.memory.buffer;
    this.buffers.add(buffer);
    const a = dtype === 'float32' ? new Float32Array(buffer, ptr, n) : new Float64Array(buffer, ptr, n);
    this.owned.set(a, true);
    return a;
  }

  alloc(n: number, dtype: DType): FloatArray {
    const ptr = this.arena.alloc(n * bytesOf(dtype));
    const a = this.view(ptr, n, dtype);
    a.fill(0); // blocks are reused after free
    return a;
  }

  free(a: FloatArray): void {
    if (this.owned.get(a) !== true) {
      if (this.owned.has(a)) throw errFreed('array');
      throw errType('array', a, 'an array made by engine.alloc() or engine.from()');
    }
    this.owned.set(a, false);
    this.arena.release(a.byteOffset);
  }

  /** True when `a` lies in engine memory; throws E_FREED when it lies in a freed block. */
  inEngine(a: FloatArray, name: string): boolean {
    const state = this.owned.get(a);
    if (state === true) return true;
    if (state === false) throw errFreed(name);
    if (!this.buffers.has(a.buffer)) return false;
    if (!this.arena.contains(a.byteOffset, a.byteLength)) throw errFreed(name);
    return true;
  }

  /** Checks that `a` is a float typed array (optionally of a given length and dtype). */
  check(a: unknown, name: string, want?: { n?: number; dtype?: DType }): FloatArray {
    if (!isFloatArray(a)) throw errType(name, a, 'a Float32Array or Float64Array (use engine.from() for other data)');
    if (want?.dtype !== undefined && dtypeOf(a) !== want.dtype) throw errDtype(name, dtypeOf(a), want.dtype);
    if (want?.n !== undefined && a.length !== want.n) throw errLength(name, a.length, String(want.n));
    this.inEngine(a, name);
    return a;
  }
}

/** Live bindings of one call: temporaries to copy back and free when the call ends. */
export class Bindings {
  private temps: { src: FloatArray; tmp: FloatArray; writeBack: boolean }[] = [];
  constructor(private readonly tensors: Tensors, private readonly arena: Arena) {}

  bind(a: FloatArray, name: string, writes: boolean): Bound {
    const dtype = dtypeOf(a);
    if (this.tensors.inEngine(a, name)) return { ptr: a.byteOffset, n: a.length, dtype };
    const tmp = this.tensors.alloc(a.length, dtype);
    tmp.set(a);
    this.temps.push({ src: a, tmp, writeBack: writes });
    return { ptr: tmp.byteOffset, n: a.length, dtype };
  }

  /**
   * Zeroed f64 scratch for partial results: a view of exactly `len` values (an empty call's
   * reduction has no partials, and its combine step must read none).
   */
  scratch(len: number): { ptr: number; view: Float64Array } {
    const view = this.tensors.alloc(len, 'float64') as Float64Array;
    this.temps.push({ src: view, tmp: view, writeBack: false });
    return { ptr: view.byteOffset, view };
  }

  /** Copies written temporaries back (only when the call succeeded) and frees every temporary. */
  finish(ok: boolean): void {
    for (const t of this.temps) {
      if (ok && t.writeBack) t.src.set(t.tmp);
      this.tensors.free(t.tmp);
    }
    this.temps = [];
  }
}
