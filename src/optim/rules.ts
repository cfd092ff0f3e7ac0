// The optimizers as data: each is a named composition of steps (optax style) fused into one kernel
// call per tensor. A rule says which state buffers a tensor needs, checks a group's options and
// turns (options, state) into the kernel's f64 scalars. State is an explicit value: a step count and
// named buffers per tensor (see src/optim/state.ts for its serialised form).
import { ADAM_SCALARS } from '../kernels/defs/adam-step.js';
import { SGD_SCALARS } from '../kernels/defs/sgd-step.js';
import { errRange } from '../errors.js';
import { betasOf, bool, finite, nonNegativeFinite } from './checks.js';

/** Options of torch.optim.SGD (PyTorch 1.13), plus the proximal `l1`. */
export interface SGDOptions {
  /** Learning rate (required, as in PyTorch). */
  lr: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Dampening τ for momentum (default 0). */
  dampening: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening = 0). */
  nesterov: boolean;
  /** L2 penalty added to the gradient: g ← g + wd·θ (default 0). */
  weightDecay: number;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
  /** Proximal L1 strength: after the update θ ← soft(θ, lr·l1) (default 0). */
  l1: number;
}

/** Options of torch.optim.Adam / AdamW (PyTorch 1.13), plus the proximal `l1`. */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates (β1, β2) of the moment estimates, each in [0, 1) (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to sqrt(v̂) for numerical stability (default 1e-8). */
  eps: number;
  /** Adam: coupled L2, g ← g + wd·θ (default 0). AdamW: decoupled, θ ← θ·(1 − lr·wd) (default 1e-2). */
  weightDecay: number;
  /** AMSGrad (Reddi et al. 2018): normalise by the running max of v (default false). */
  amsgrad: boolean;
  /** Maximize the objective instead of minimizing (default false). */
  maximize: boolean;
  /** Proximal L1 strength: after the update θ ← soft(θ, lr·l1) (default 0). */
  l1: number;
}

/** Per-tensor optimizer state: step count and named buffers (engine arrays, same dtype as θ). */
export interface TensorState {
  step: number;
  buffers: Record<string, Float32Array | Float64Array>;
}

export interface Rule<O> {
  kind: 'SGD' | 'Adam' | 'AdamW';
  kernel: 'sgd_step' | 'adam_step';
  defaults: Partial<O>;
  optionNames: (keyof O & string)[];
  /** Throws ShrinkageError for a bad option; `where` prefixes names (e.g. "paramGroups[1].lr"). */
  check(o: O, where: string): void;
  /** Buffers the next step needs, in kernel order after θ and g. */
  buffers(o: O): string[];
  /**
   * Kernel scalars for the step that makes `step` (1-based), given the state before the step
   * (buffers the step will allocate are still absent).
   */
  scalars(o: O, step: number, s: TensorState): number[];
  /** Pointer roles after θ and g: buffer names, or 'param'/'v' for unused slots. */
  slots(o: O, s: TensorState): string[];
}

export const sgdRule: Rule<SGDOptions> = {
  kind: 'SGD',
  kernel: 'sgd_step',
  defaults: { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false, l1: 0 },
  optionNames: ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize', 'l1'],
  check(o, w) {
    nonNegativeFinite(`${w}lr`, o.lr);
    nonNegativeFinite(`${w}momentum`, o.momentum);
    finite(`${w}dampening`, o.dampening);
    nonNegativeFinite(`${w}weightDecay`, o.weightDecay);
    bool(`${w}maximize`, o.maximize);
    nonNegativeFinite(`${w}l1`, o.l1);
    if (bool(`${w}nesterov`, o.nesterov) && (o.momentum <= 0 || o.dampening !== 0))
      throw errRange(`${w}nesterov`, true, 'nesterov only with momentum > 0 and dampening = 0 (PyTorch\'s rule)');
  },
  buffers: (o) => (o.momentum !== 0 ? ['momentum_buffer'] : []),
  slots: (o) => [o.momentum !== 0 ? 'momentum_buffer' : 'param'],
  scalars(o, _step, s) {
    // PyTorch's buffer is None until the first momentum step, which copies d into it (mode 1).
    const mode = o.momentum === 0 ? 0 : s.buffers['momentum_buffer'] !== undefined ? 2 : 1;
    const v = [o.maximize ? -1 : 1, o.weightDecay, o.momentum, 1 - o.dampening, o.lr, o.nesterov ? 1 : 0, mode, o.lr * o.l1];
    if (v.length !== SGD_SCALARS.length) throw new Error('sgd_step scalar count');
    return v;
  },
};

function adamRule(kind: 'Adam' | 'AdamW'): Rule<AdamOptions> {
  return {
    kind,
    kernel: 'adam_step',
    defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: kind === 'AdamW' ? 1e-2 : 0, amsgrad: false, maximize: false, l1: 0 },
    optionNames: ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize', 'l1'],
    check(o, w) {
      nonNegativeFinite(`${w}lr`, o.lr);
      betasOf(`${w}betas`, o.betas);
      nonNegativeFinite(`${w}eps`, o.eps);
      nonNegativeFinite(`${w}weightDecay`, o.weightDecay);
      bool(`${w}amsgrad`, o.amsgrad);
      bool(`${w}maximize`, o.maximize);
      nonNegativeFinite(`${w}l1`, o.l1);
    },
    buffers: (o) => (o.amsgrad ? ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'] : ['exp_avg', 'exp_avg_sq']),
    slots: (o) => ['exp_avg', 'exp_avg_sq', o.amsgrad ? 'max_exp_avg_sq' : 'exp_avg_sq'],
    scalars(o, step) {
      const [b1, b2] = o.betas;
      const bc1 = 1 - b1 ** step, bc2 = 1 - b2 ** step;
      const decoupled = kind === 'AdamW';
      const v = [o.maximize ? -1 : 1, decoupled ? 0 : o.weightDecay, decoupled ? 1 - o.lr * o.weightDecay : 1,
        b1, 1 - b1, b2, 1 - b2, o.lr / bc1, Math.sqrt(bc2), o.eps, o.lr * o.l1, o.amsgrad ? 1 : 0];
      if (v.length !== ADAM_SCALARS.length) throw new Error('adam_step scalar count');
      return v;
    },
  };
}

export const adamRuleCoupled = adamRule('Adam');
export const adamRuleDecoupled = adamRule('AdamW');
