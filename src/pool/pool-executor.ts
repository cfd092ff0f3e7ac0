// Placeholder until the pool lands: runs inline.
import { InlineExecutor, type Executor } from '../engine/executor.js';
import type { KernelExports } from '../wasm/load.js';

export interface PoolOptions {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  exports: KernelExports;
  threads: number;
  parallelMinElements: number | undefined;
}

export async function createPoolExecutor(o: PoolOptions): Promise<Executor> {
  return new InlineExecutor('wasm', o.memory, o.exports);
}
