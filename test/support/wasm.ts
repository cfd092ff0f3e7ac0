// A bare kernel instance on its own shared memory, for tests that call kernels directly.
import { Arena } from '../../src/memory/arena.js';
import { instantiateKernels, type KernelExports } from '../../src/wasm/load.js';
import type { DType, FloatArray } from '../../src/dtype.js';

export interface Bare {
  memory: WebAssembly.Memory;
  arena: Arena;
  exports: KernelExports;
  /** An array of n elements at a 64-byte aligned address plus `shift` elements. */
  array(dtype: DType, n: number, shift?: number): FloatArray;
}

export function bare(): Bare {
  const memory = new WebAssembly.Memory({ initial: 32, maximum: 16384, shared: true });
  const arena = new Arena(memory, 16384 * 65536);
  const exports = instantiateKernels(memory);
  return {
    memory,
    arena,
    exports,
    array(dtype, n, shift = 0) {
      const bytes = dtype === 'float32' ? 4 : 8;
      const ptr = arena.alloc((n + shift) * bytes) + shift * bytes;
      return dtype === 'float32' ? new Float32Array(memory.buffer, ptr, n) : new Float64Array(memory.buffer, ptr, n);
    },
  };
}
