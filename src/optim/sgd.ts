// SGD with momentum, dampening, Nesterov and weight decay, exactly torch.optim.SGD (PyTorch 1.13),
// plus a proximal L1 step; one fused kernel pass per tensor.
import type { Engine } from '../engine/engine.js';
import { errType } from '../errors.js';
import { Optimizer, type GroupSpec, type ParamRef } from './optimizer.js';
import { sgdRule, type SGDOptions } from './rules.js';

/**
 * Stochastic gradient descent, as documented for torch.optim.SGD (PyTorch 1.13), per element:
 *
 *     d ← ±g (− when maximize) ;  d ← d + wd·θ                      (weightDecay)
 *     b ← d on the first momentum step, else b ← μ·b + (1 − dampening)·d
 *     d ← d + μ·b (nesterov)  or  d ← b                             (when momentum μ ≠ 0)
 *     θ ← θ − lr·d ;  θ ← sign(θ)·max(|θ| − lr·l1, 0)               (l1 > 0: exact zeros)
 *
 * Options and defaults: `lr` (required), `momentum` 0, `dampening` 0, `nesterov` false,
 * `weightDecay` 0, `maximize` false, `l1` 0. Nesterov needs momentum > 0 and dampening 0.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(engine: Engine, params: GroupSpec<SGDOptions>[] | ParamRef[], options: Partial<SGDOptions> & { lr?: number }) {
    if (typeof options !== 'object' || options === null) throw errType('options', options, 'an object with lr');
    super(engine, sgdRule, params, options);
  }
}
