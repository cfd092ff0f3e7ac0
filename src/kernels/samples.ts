// Test inputs of every registry kernel (sample scalars, structural arrays, tolerances), by name.
// Only tests import this module, so the runtime bundle carries none of it.
import type { KernelName } from './registry.js';
import type { KernelSamples } from './types.js';
import { stats, statsSamples } from './defs/stats.js';
import { proxL1, proxL1Samples } from './defs/prox-l1.js';
import { scale, scaleSamples } from './defs/scale.js';
import { proxEn, proxEnSamples } from './defs/prox-en.js';
import { gradL1, gradL1Samples } from './defs/grad-l1.js';
import { gradL2, gradL2Samples } from './defs/grad-l2.js';
import { gradEn, gradEnSamples } from './defs/grad-en.js';
import { proxGroup, proxGroupSamples } from './defs/prox-group.js';
import { gradGroup, gradGroupSamples } from './defs/grad-group.js';
import { groupNorms, groupNormsSamples } from './defs/group-norms.js';
import { absAbove, absAboveSamples } from './defs/abs-above.js';
import { histAbs, histAbsSamples } from './defs/hist-abs.js';
import { countKey, countKeySamples } from './defs/count-key.js';
import { nthKey, nthKeySamples } from './defs/nth-key.js';
import { pruneLe, pruneLeSamples } from './defs/prune-le.js';
import { pruneGroupLe, pruneGroupLeSamples } from './defs/prune-group-le.js';
import { sgdStep, sgdStepSamples } from './defs/sgd-step.js';
import { adamStep, adamStepPrecondL1, adamStepSamples } from './defs/adam-step.js';
import { linearXw, linearXwSamples } from './defs/linear-xw.js';
import { linearXtr, linearXtrSamples } from './defs/linear-xtr.js';
import { csrXw, csrXwSamples } from './defs/csr-xw.js';
import { csrXtr, csrXtrSamples } from './defs/csr-xtr.js';
import { logisticLoss, logisticLossSamples } from './defs/logistic-loss.js';
import { logisticIrls, logisticIrlsSamples } from './defs/logistic-irls.js';
import { logisticDual, logisticDualSamples } from './defs/logistic-dual.js';
import { cdResid, cdResidSamples } from './defs/cd-resid.js';
import { cdSweepDense, cdSweepDenseSamples } from './defs/cd-sweep-dense.js';
import { cdSweepCsc, cdSweepCscSamples } from './defs/cd-sweep-csc.js';
import { cdEpochsDense, cdEpochsDenseSamples, cdWepochsDense, cdWepochsDenseSamples } from './defs/cd-epochs-dense.js';
import { cdEpochsCsc, cdEpochsCscSamples, cdWepochsCsc, cdWepochsCscSamples } from './defs/cd-epochs-csc.js';
import { cdWnormsCsc, cdWnormsCscSamples, cdWnormsDense, cdWnormsDenseSamples } from './defs/cd-wnorms.js';
import { cdGramCsc, cdGramCscSamples, cdGramDense, cdGramDenseSamples } from './defs/cd-gram.js';
import { cdCovEpochs, cdCovEpochsSamples } from './defs/cd-cov-epochs.js';
import { cdColsAxpyCsc, cdColsAxpyCscSamples, cdColsAxpyDense, cdColsAxpyDenseSamples, cdGradListCsc, cdGradListCscSamples, cdGradListDense, cdGradListDenseSamples, cdHessCsc, cdHessCscSamples, cdHessDense, cdHessDenseSamples, cholSolve, cholSolveSamples } from './defs/cd-newton.js';

const ALL: [KernelName, KernelSamples][] = [
  [stats.name, statsSamples],
  [proxL1.name, proxL1Samples],
  [scale.name, scaleSamples],
  [proxEn.name, proxEnSamples],
  [gradL1.name, gradL1Samples],
  [gradL2.name, gradL2Samples],
  [gradEn.name, gradEnSamples],
  [proxGroup.name, proxGroupSamples],
  [gradGroup.name, gradGroupSamples],
  [groupNorms.name, groupNormsSamples],
  [absAbove.name, absAboveSamples],
  [histAbs.name, histAbsSamples],
  [countKey.name, countKeySamples],
  [nthKey.name, nthKeySamples],
  [pruneLe.name, pruneLeSamples],
  [pruneGroupLe.name, pruneGroupLeSamples],
  [sgdStep.name, sgdStepSamples],
  [adamStep.name, adamStepSamples],
  [adamStepPrecondL1.name, adamStepSamples],
  [linearXw.name, linearXwSamples],
  [linearXtr.name, linearXtrSamples],
  [csrXw.name, csrXwSamples],
  [csrXtr.name, csrXtrSamples],
  [logisticLoss.name, logisticLossSamples],
  [logisticIrls.name, logisticIrlsSamples],
  [logisticDual.name, logisticDualSamples],
  [cdResid.name, cdResidSamples],
  [cdSweepDense.name, cdSweepDenseSamples],
  [cdSweepCsc.name, cdSweepCscSamples],
  [cdEpochsDense.name, cdEpochsDenseSamples],
  [cdWepochsDense.name, cdWepochsDenseSamples],
  [cdEpochsCsc.name, cdEpochsCscSamples],
  [cdWepochsCsc.name, cdWepochsCscSamples],
  [cdWnormsDense.name, cdWnormsDenseSamples],
  [cdWnormsCsc.name, cdWnormsCscSamples],
  [cdGramDense.name, cdGramDenseSamples],
  [cdGramCsc.name, cdGramCscSamples],
  [cdCovEpochs.name, cdCovEpochsSamples],
  [cdGradListDense.name, cdGradListDenseSamples],
  [cdGradListCsc.name, cdGradListCscSamples],
  [cdColsAxpyDense.name, cdColsAxpyDenseSamples],
  [cdColsAxpyCsc.name, cdColsAxpyCscSamples],
  [cdHessDense.name, cdHessDenseSamples],
  [cdHessCsc.name, cdHessCscSamples],
  [cholSolve.name, cholSolveSamples],
];

export const SAMPLES: ReadonlyMap<KernelName, KernelSamples> = new Map(ALL);

/** Kernel `name`'s test inputs. */
export function samplesOf(name: KernelName): KernelSamples {
  const s = SAMPLES.get(name);
  if (!s) throw new Error(`kernel ${name} has no test inputs in src/kernels/samples.ts`);
  return s;
}
