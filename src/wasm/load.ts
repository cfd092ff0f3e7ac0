// Loads the embedded kernel module and instantiates it on a given shared WebAssembly.Memory.
import { inflateRawSync } from 'node:zlib';
import { BLOCK } from '../kernels/layout.js';
import { HIST_BINS, HIST_COPIES } from '../kernels/defs/hist-abs.js';
import { WASM_DEFLATED_BASE64 } from './module.generated.js';

/** Exports of the kernel module: functions named `<kernel>_<f32|f64>`. */
export type KernelExports = Record<string, (...args: number[]) => number | void>;

let compiled: WebAssembly.Module | undefined;

/** The module's bytes, inflated from the embedded base64 of its deflate compression. */
export function wasmBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(inflateRawSync(Buffer.from(WASM_DEFLATED_BASE64, 'base64')));
}

/** True when this runtime validates wasm SIMD (the module uses v128 everywhere). */
export function simdSupported(): boolean {
  // (module (func (result v128) i32.const 0 i8x16.splat)) — the smallest SIMD module.
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
  ]);
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}

/** Compiles the module once per thread and caches it (a Module can also be posted to workers). */
export function compileKernels(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(wasmBytes());
  return compiled;
}

/**
 * Layout constants the module exports and the TypeScript side uses (partial layouts, histogram
 * sizes): a module built from other sources is refused instead of misreading partials.
 */
export const SHARED_CONSTANTS: Readonly<Record<string, number>> = { BLOCK, HIST_BINS, HIST_COPIES };

/** Instantiates the kernel module on `memory` (shared, imported as env.memory). */
export function instantiateKernels(memory: WebAssembly.Memory, module = compileKernels()): KernelExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('shrinkage kernel abort');
      },
    },
  });
  for (const [name, want] of Object.entries(SHARED_CONSTANTS)) {
    const got = (instance.exports[name] as WebAssembly.Global | undefined)?.value;
    if (got !== want) throw new Error(`the kernel module's ${name} is ${got}, the package expects ${want}: rebuild with npm run build`);
  }
  return instance.exports as unknown as KernelExports;
}
