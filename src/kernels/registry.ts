// The one kernel registry: name -> definition (wasm export prefix, plain-JS reference, cost).
// Tests, benchmarks and the engine all read it; a kernel is added here (and its test inputs in
// samples.ts) and in assembly/ only.
import type { KernelDef } from './types.js';
// regularization: values, gradients, proximal steps, projections
import { stats } from './defs/stats.js';
import { proxL1 } from './defs/prox-l1.js';
import { scale } from './defs/scale.js';
import { proxEn } from './defs/prox-en.js';
import { gradL1 } from './defs/grad-l1.js';
import { gradL2 } from './defs/grad-l2.js';
import { gradEn } from './defs/grad-en.js';
import { proxGroup } from './defs/prox-group.js';
import { gradGroup } from './defs/grad-group.js';
import { groupNorms } from './defs/group-norms.js';
import { absAbove } from './defs/abs-above.js';
// pruning: radix select and apply
import { histAbs } from './defs/hist-abs.js';
import { countKey } from './defs/count-key.js';
import { nthKey } from './defs/nth-key.js';
import { pruneLe } from './defs/prune-le.js';
import { pruneGroupLe } from './defs/prune-group-le.js';
// optimizers
import { sgdStep } from './defs/sgd-step.js';
import { adamStep, adamStepPrecondL1 } from './defs/adam-step.js';
// linear models: dense and CSR products, logistic loss
import { linearXw } from './defs/linear-xw.js';
import { linearXtr } from './defs/linear-xtr.js';
import { csrXw } from './defs/csr-xw.js';
import { csrXtr } from './defs/csr-xtr.js';
import { logisticLoss } from './defs/logistic-loss.js';
// model solvers: coordinate descent over column-major / CSC storage, proximal Newton for logistic loss
import { logisticIrls } from './defs/logistic-irls.js';
import { logisticDual } from './defs/logistic-dual.js';
import { cdResid } from './defs/cd-resid.js';
import { cdSweepDense } from './defs/cd-sweep-dense.js';
import { cdSweepCsc } from './defs/cd-sweep-csc.js';
import { cdEpochsDense, cdWepochsDense } from './defs/cd-epochs-dense.js';
import { cdEpochsCsc, cdWepochsCsc } from './defs/cd-epochs-csc.js';
import { cdWnormsCsc, cdWnormsDense } from './defs/cd-wnorms.js';
import { cdGramCsc, cdGramDense } from './defs/cd-gram.js';
import { cdCovEpochs } from './defs/cd-cov-epochs.js';
import { cdColsAxpyCsc, cdColsAxpyDense, cdGradListCsc, cdGradListDense, cdHessCsc, cdHessDense, cholSolve } from './defs/cd-newton.js';

const ALL = [
  stats,
  proxL1,
  scale,
  proxEn,
  gradL1,
  gradL2,
  gradEn,
  proxGroup,
  gradGroup,
  groupNorms,
  absAbove,
  histAbs,
  countKey,
  nthKey,
  pruneLe,
  pruneGroupLe,
  sgdStep,
  adamStep,
  adamStepPrecondL1,
  linearXw,
  linearXtr,
  csrXw,
  csrXtr,
  logisticLoss,
  logisticIrls,
  logisticDual,
  cdResid,
  cdSweepDense,
  cdSweepCsc,
  cdEpochsDense,
  cdWepochsDense,
  cdEpochsCsc,
  cdWepochsCsc,
  cdWnormsDense,
  cdWnormsCsc,
  cdGramDense,
  cdGramCsc,
  cdCovEpochs,
  cdGradListDense,
  cdGradListCsc,
  cdColsAxpyDense,
  cdColsAxpyCsc,
  cdHessDense,
  cdHessCsc,
  cholSolve,
] as const;

type Registered = (typeof ALL)[number];
/** Every kernel's name: a misspelt name in a kernel call is a compile error. */
export type KernelName = Registered['name'];
/** The scalar names of kernel K, in wasm argument order. */
export type ScalarNames<K extends KernelName> = Extract<Registered, { name: K }>['scalars'];
/** Kernel K's scalars by name (what the engine passes when it builds a call). */
export type NamedScalars<K extends KernelName> = { readonly [S in ScalarNames<K>[number]]: number };

/** A definition from this registry (its name is a KernelName). */
export type RegisteredDef = KernelDef & { readonly name: KernelName };

export const KERNELS: ReadonlyMap<KernelName, RegisteredDef> = new Map(ALL.map((k): [KernelName, RegisteredDef] => [k.name, k]));

export function kernel(name: KernelName): RegisteredDef {
  const k = KERNELS.get(name);
  if (!k) throw new Error(`unknown kernel ${name}`);
  return k;
}

/** The positional scalars of a call of `kernel`, in the order its definition names them. */
export function scalarsOf<K extends KernelName>(name: K, named: NamedScalars<K>): number[] {
  return kernel(name).scalars.map((s) => {
    const v = (named as Record<string, number | undefined>)[s];
    if (v === undefined) throw new Error(`kernel ${name} needs scalar ${s} (internal error)`);
    return v;
  });
}
