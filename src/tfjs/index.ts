// shrinkage/tfjs: SGD, Adam and AdamW as tf.Optimizer subclasses over shrinkage's fused kernels.
// @tensorflow/tfjs-core is an optional peer dependency that only this entry point loads.
import * as tf from '@tensorflow/tfjs-core';
import { SGD as CoreSGD } from '../optim/sgd.js';
import { Adam as CoreAdam, AdamW as CoreAdamW } from '../optim/adam.js';
import { adamRuleCoupled, adamRuleDecoupled, sgdRule, type AdamOptions, type SGDOptions } from '../optim/rules.js';
import { ShrinkageOptimizer } from './optimizer.js';
import type { CoreCtor } from './slot.js';
import type { TfjsOptions } from './options.js';

export { ShrinkageOptimizer } from './optimizer.js';
export type { TfjsOptions, VariableGroup, VariableMatch, GroupLassoOption } from './options.js';
export type { AdamOptions, SGDOptions } from '../optim/rules.js';

/** torch.optim.SGD semantics (shrinkage's core SGD) as a tf.Optimizer; `lr` is required. */
export class SGD extends ShrinkageOptimizer<SGDOptions> {
  static readonly className = 'ShrinkageSGD';
  constructor(options: TfjsOptions<SGDOptions>) {
    super(sgdRule, CoreSGD as unknown as CoreCtor<SGDOptions>, options);
  }
}

/** torch.optim.Adam semantics (coupled L2 weightDecay; shrinkage's core Adam) as a tf.Optimizer. */
export class Adam extends ShrinkageOptimizer<AdamOptions> {
  static readonly className = 'ShrinkageAdam';
  constructor(options: TfjsOptions<AdamOptions> = {}) {
    super(adamRuleCoupled, CoreAdam, options);
  }
}

/** torch.optim.AdamW semantics (decoupled weightDecay, default 1e-2; shrinkage's core AdamW) as a tf.Optimizer. */
export class AdamW extends ShrinkageOptimizer<AdamOptions> {
  static readonly className = 'ShrinkageAdamW';
  constructor(options: TfjsOptions<AdamOptions> = {}) {
    super(adamRuleDecoupled, CoreAdamW, options);
  }
}

// Registered under their own names (tfjs's own optimizers are 'Adam', 'SGD'...), so that a saved
// training config names them and tf.serialization finds them again: fromConfig is new cls(config).
tf.serialization.registerClass(SGD);
tf.serialization.registerClass(Adam);
tf.serialization.registerClass(AdamW);
