// Binding user arrays to engine memory: engine arrays are used in place; other typed arrays are
// copied into a temporary block and (for arrays a kernel writes) copied back after the call. A call
// captures what it validated when it is issued (pointer, length, dtype) and runs on exactly that.
import { bytesOf, dtypeOf, isFloatArray, type DType, type FloatArray } from '../dtype.js';
import { errDtype, errFreed, errLength, errType } from '../errors.js';
import type { Arena } from '../memory/arena.js';
import type { Span } from './overlap.js';

/** A tensor as kernels see it: a byte pointer into engine memory, a length and a dtype. */
export interface Bound {
  readonly ptr: number;
  readonly n: number;
  readonly dtype: DType;
}

/** An argument as it was validated when its call was issued. */
export interface Captured {
  readonly array: FloatArray;
  readonly name: string;
  readonly writes: boolean;
  readonly n: number;
  readonly dtype: DType;
  /** True: the array lies in engine memory at byte `offset` and is used in place. */
  readonly inEngine: boolean;
  readonly offset: number;
  readonly buffer: ArrayBufferLike;
}

/** The key of engine memory in overlap checks (its SharedArrayBuffer object changes on growth). */
const ENGINE = Symbol('engine memory');

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

  alloc(n: number, dtype: DType, zero = true): FloatArray {
    const ptr = this.arena.alloc(n * bytesOf(dtype));
    const a = this.view(ptr, n, dtype);
    if (zero) a.fill(0); // blocks are reused after free
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

  /** Validates an argument and records what the call will run on. */
  capture(array: unknown, name: string, writes: boolean): Captured {
    const a = this.check(array, name);
    return {
      array: a, name, writes, n: a.length, dtype: dtypeOf(a), inEngine: this.inEngine(a, name),
      offset: a.byteOffset, buffer: a.buffer,
    };
  }

  /** The bytes a captured argument covers, for overlap checks. */
  span(c: Captured, unit: number): Span {
    return {
      key: c.inEngine ? ENGINE : c.buffer, start: c.offset, end: c.offset + c.n * bytesOf(c.dtype),
      name: c.name, writes: c.writes, unit, dtype: c.dtype,
    };
  }
}

/** An array no longer matches what its call captured (a resizable buffer changed size). */
const errChanged = (c: Captured, what: string) =>
  errLength(`${c.name} (${what})`, c.array.length, `${c.n}, its length when the call was issued`);

/** Live bindings of one call: temporaries to copy back and free when the call ends. */
export class Bindings {
  private temps: { c: Captured | undefined; tmp: FloatArray }[] = [];
  constructor(private readonly tensors: Tensors) {}

  /**
   * Binds a captured argument: an engine array at its captured pointer and length; another array
   * is copied into a temporary of its captured length (refused if it no longer has it).
   */
  bind(c: Captured): Bound {
    if (c.inEngine) {
      this.tensors.inEngine(c.array, c.name); // free() is refused while the call is queued
      return { ptr: c.offset, n: c.n, dtype: c.dtype };
    }
    if (c.array.length !== c.n || c.array.byteOffset !== c.offset) throw errChanged(c, 'changed size after the call was issued');
    const tmp = this.tensors.alloc(c.n, c.dtype);
    this.temps.push({ c, tmp });
    tmp.set(c.array);
    return { ptr: tmp.byteOffset, n: c.n, dtype: c.dtype };
  }

  /**
   * f64 scratch for partial results (zeroed unless `zero` is false): a view of exactly `len` values
   * (an empty call's reduction has no partials, and its combine step must read none).
   */
  scratch(len: number, zero = true): { ptr: number; view: Float64Array } {
    const view = this.tensors.alloc(len, 'float64', zero) as Float64Array;
    this.temps.push({ c: undefined, tmp: view });
    return { ptr: view.byteOffset, view };
  }

  /**
   * Copies written temporaries back (only when the call succeeded, and only if every destination
   * still has its captured length: otherwise none is written and E_LENGTH is thrown) and frees
   * every temporary.
   */
  finish(ok: boolean): void {
    const temps = this.temps;
    this.temps = [];
    let changed: Captured | undefined;
    if (ok) {
      for (const { c } of temps) if (c?.writes && (c.array.length !== c.n || c.array.byteOffset !== c.offset)) changed ??= c;
      if (!changed) for (const { c, tmp } of temps) if (c?.writes) c.array.set(tmp);
    }
    for (const { tmp } of temps) this.tensors.free(tmp);
    if (changed) throw errChanged(changed, 'changed size while the call ran; its result was not written back');
  }
}
