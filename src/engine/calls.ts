// How the engine builds a kernel call: a registry name (a misspelt one does not compile) and the
// kernel's scalars by name, put in the order its definition lists them.
import { scalarsOf, type KernelName, type NamedScalars } from '../kernels/registry.js';
import type { KernelCall } from '../kernels/types.js';
import type { Bound } from './tensor.js';

/** The call of `kernel` over the arrays `ts` (the first one sets the dtype and n). */
export function kernelCall<K extends KernelName>(kernel: K, ts: readonly Bound[], scalars: NamedScalars<K>, out?: number): KernelCall {
  const x = ts[0]!;
  const call: KernelCall = { kernel, dtype: x.dtype, ptrs: ts.map((t) => t.ptr), n: x.n, scalars: scalarsOf(kernel, scalars) };
  if (out !== undefined) call.out = out;
  return call;
}
