// The one kernel registry: name -> definition (wasm export prefix, plain-JS reference, cost).
// Tests, benchmarks and the engine all read it; a kernel is added here and in assembly/ only.
import type { KernelDef } from './types.js';
import { stats } from './defs/stats.js';
import { proxL1 } from './defs/prox-l1.js';
import { linearXw } from './defs/linear-xw.js';
import { linearXtr } from './defs/linear-xtr.js';
import { csrXw } from './defs/csr-xw.js';
import { csrXtr } from './defs/csr-xtr.js';
import { logisticLoss } from './defs/logistic-loss.js';

const ALL: KernelDef[] = [stats, proxL1, linearXw, linearXtr, csrXw, csrXtr, logisticLoss];

export const KERNELS: ReadonlyMap<string, KernelDef> = new Map(ALL.map((k) => [k.name, k]));

export function kernel(name: string): KernelDef {
  const k = KERNELS.get(name);
  if (!k) throw new Error(`unknown kernel ${name}`);
  return k;
}
