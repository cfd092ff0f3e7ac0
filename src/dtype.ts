// Element types: the two dtypes every kernel supports and the typed arrays that hold them.

/** Element type of an engine array: 4-byte or 8-byte IEEE floats. */
export type DType = 'float32' | 'float64';
/** The typed arrays every verb accepts (engine memory is the fast path; others are copied in and out). */
export type FloatArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ['float32', 'float64'];

/** Bytes per element. */
export function bytesOf(dtype: DType): 4 | 8 {
  return dtype === 'float32' ? 4 : 8;
}

/** Suffix of the kernel exports for a dtype. */
export function suffixOf(dtype: DType): 'f32' | 'f64' {
  return dtype === 'float32' ? 'f32' : 'f64';
}

export function dtypeOf(a: FloatArray): DType {
  return a instanceof Float32Array ? 'float32' : 'float64';
}

export function isFloatArray(a: unknown): a is FloatArray {
  return a instanceof Float32Array || a instanceof Float64Array;
}

/** Rounds a scalar the way the kernel sees it (f32 kernels convert f64 scalars to f32 once). */
export function roundTo(dtype: DType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : (x: number) => x;
}

export function arrayCtor(dtype: DType): Float32ArrayConstructor | Float64ArrayConstructor {
  return dtype === 'float32' ? Float32Array : Float64Array;
}
