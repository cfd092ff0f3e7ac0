// Adam and AdamW, exactly torch.optim.Adam / torch.optim.AdamW (PyTorch 1.13, single-tensor path),
// plus an L1 step (decoupled or preconditioned, see l1Mode); one fused kernel pass per tensor.
import type { Engine } from '../engine/engine.js';
import { Optimizer, type GroupSpec, type ParamRef } from './optimizer.js';
import { adamRuleCoupled, adamRuleDecoupled, type AdamOptions } from './rules.js';

/**
 * Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization"), as torch.optim.Adam, at
 * step t per element:
 *
 *     g ← ±g (− when maximize) ;  g ← g + wd·θ                      (coupled L2 weightDecay)
 *     m ← β1·m + (1 − β1)·g ;  v ← β2·v + (1 − β2)·g²
 *     v̂ ← max(v̂, v) (amsgrad, used instead of v below)
 *     θ ← θ − (lr / (1 − β1ᵗ))·m / (sqrt(v) / sqrt(1 − β2ᵗ) + ε)
 *     θ ← sign(θ)·max(|θ| − τ, 0)                                  (l1 > 0: exact zeros)
 *
 * with τ = lr·l1 (`l1Mode` 'decoupled', the default: one uniform threshold after the step) or
 * τᵢ = lr·l1 / (sqrt(v̂ᵢ) + ε) (`l1Mode` 'preconditioned': the proximal step of lr·l1·‖θ‖₁ in
 * Adam's diagonal metric, v̂ = v / (1 − β2ᵗ) or its amsgrad max). See docs/optim.md.
 *
 * Defaults: `lr` 1e-3, `betas` [0.9, 0.999], `eps` 1e-8, `weightDecay` 0, `amsgrad` false,
 * `maximize` false, `l1` 0, `l1Mode` 'decoupled'.
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(engine: Engine, params: GroupSpec<AdamOptions>[] | ParamRef[], options: Partial<AdamOptions> = {}) {
    super(engine, adamRuleCoupled, params, options);
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"), as torch.optim.AdamW:
 * the Adam step above without the coupled term, after a decoupled decay
 *
 *     θ ← θ·(1 − lr·wd)
 *
 * Defaults as Adam except `weightDecay` 1e-2 (PyTorch's AdamW default).
 */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(engine: Engine, params: GroupSpec<AdamOptions>[] | ParamRef[], options: Partial<AdamOptions> = {}) {
    super(engine, adamRuleDecoupled, params, options);
  }
}
