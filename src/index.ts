// The public barrel: everything a user imports comes from here.
export { createEngine, type EngineOptions } from './engine/create.js';
export { Engine, type Arg } from './engine/engine.js';
export type { TaskCall } from './engine/tasks.js';
export type { Backend } from './engine/executor.js';
export {
  l1, l2, elasticNet, groupLasso, fromSklearn, fromGlmnet,
  type Regularizer, type L1, type L2, type ElasticNet, type GroupLasso,
} from './engine/regularizers.js';
export type { Stats } from './engine/verbs.js';
export type { Projection, PruneOptions, PruneResult } from './engine/verbs-select.js';
export { ShrinkageError, type ErrorCode } from './errors.js';
export type { DType, FloatArray } from './dtype.js';
export { SGD } from './optim/sgd.js';
export { Adam, AdamW } from './optim/adam.js';
export { Optimizer, type ParamRef, type GroupSpec, type ParamGroup, type StepStats } from './optim/optimizer.js';
export type { SGDOptions, AdamOptions } from './optim/rules.js';
export type { OptimizerStateDict } from './optim/state.js';
export { decayGroups, type DecayGroupsOptions } from './optim/groups.js';
export { LinearWarmup, CosineDecay, type HasParamGroups } from './optim/schedulers.js';
export * from './models/index.js';
