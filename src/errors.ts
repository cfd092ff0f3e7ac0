// The one module of error factories. Every refusal is a ShrinkageError with a stable `code` and a
// message that names the argument and the value it got.

/** Stable machine-readable reason of a {@link ShrinkageError} (docs/design.md §6). */
export type ErrorCode =
  | 'E_LENGTH'
  | 'E_DTYPE'
  | 'E_RANGE'
  | 'E_NOT_FINITE'
  | 'E_TYPE'
  | 'E_FREED'
  | 'E_CLOSED'
  | 'E_WORKER'
  | 'E_MEMORY'
  | 'E_STATE'
  | 'E_PARSE';

/** The one error type of the package: thrown before anything is written, message names the argument and value. */
export class ShrinkageError extends Error {
  /** Why the call was refused, e.g. `E_LENGTH` or `E_RANGE`. */
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'ShrinkageError';
    this.code = code;
  }
}

/** Short, readable rendering of a value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

export const errLength = (arg: string, got: number, want: string) =>
  new ShrinkageError('E_LENGTH', `${arg} has length ${got}, expected ${want}`);
export const errDtype = (arg: string, got: string, want: string) =>
  new ShrinkageError('E_DTYPE', `${arg} has dtype ${got}, expected ${want}`);
export const errRange = (arg: string, got: unknown, want: string) =>
  new ShrinkageError('E_RANGE', `${arg} = ${show(got)} is out of range: expected ${want}`);
export const errNotFinite = (arg: string, got: unknown) =>
  new ShrinkageError('E_NOT_FINITE', `${arg} = ${show(got)} is not a finite number`);
export const errType = (arg: string, got: unknown, want: string) =>
  new ShrinkageError('E_TYPE', `${arg} is ${show(got)}, expected ${want}`);
export const errFreed = (arg: string) =>
  new ShrinkageError('E_FREED', `${arg} was freed with engine.free() and can no longer be used`);
export const errClosed = () => new ShrinkageError('E_CLOSED', 'the engine is closed; create a new one with createEngine()');
/**
 * A chunk of a sharded call failed (a kernel trapped, or a worker thread died). The engine keeps
 * working; arrays the call writes in engine memory may be partly updated, others are untouched.
 */
export const errWorker = (detail: string, cause?: unknown) =>
  new ShrinkageError(
    'E_WORKER',
    `a chunk of this call failed on ${detail}. The engine keeps working, but arrays this call writes in engine memory may be ` +
      'partly updated (arrays outside engine memory are untouched): restore them before you repeat an in-place call',
    { cause },
  );
export const errMemory = (requested: number, limit: number) =>
  new ShrinkageError('E_MEMORY', `cannot grow engine memory to ${requested} bytes (limit ${limit} bytes)`);
export const errState = (what: string) => new ShrinkageError('E_STATE', what);
/** A malformed input file: names the file, the 1-based line and (when known) the 1-based column. */
export const errParse = (file: string, line: number, column: number | undefined, detail: string) =>
  new ShrinkageError('E_PARSE', `${file}:${line}${column === undefined ? '' : `:${column}`}: ${detail}`);
