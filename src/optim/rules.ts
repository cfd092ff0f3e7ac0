// The optimizers as data: each is a composition of named steps (optax style: maximize,
// coupled/decoupled weight decay, momentum or Adam moments, proxL1) fused into one kernel call per
// tensor. A rule says which state buffers a tensor needs, checks a group's options and
// turns (options, state) into the kernel's f64 scalars. State is an explicit value: a step count and
// named buffers per tensor (see src/optim/state.ts for its serialised form).
import { ADAM_SCALARS } from '../kernels/defs/adam-step.js';
import { SGD_SCALARS } from '../kernels/defs/sgd-step.js';
import { errRange, errType } from '../errors.js';
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
  /** L1 strength λ (default 0): exact zeros; how the threshold is scaled is `l1Mode`. */
  l1: number;
  /**
   * How `l1` enters the adaptive step (default 'decoupled'):
   * - 'decoupled': after the Adam step θ ← soft(θ, lr·l1), one uniform threshold (like AdamW's
   *   decoupled decay, it ignores Adam's per-coordinate scaling);
   * - 'preconditioned': the proximal step of lr·l1·‖θ‖₁ in Adam's diagonal metric,
   *   θᵢ ← soft(θᵢ, lr·l1 / (√v̂ᵢ + ε)), the threshold scaled like the step itself.
   */
  l1Mode: 'decoupled' | 'preconditioned';
}

/** Per-tensor optimizer state: step count and named buffers (engine arrays, same dtype as θ). */
export interface TensorState {
  step: number;
  buffers: Record<string, Float32Array | Float64Array>;
}

export interface Rule<O> {
  kind: 'SGD' | 'Adam' | 'AdamW';
  /** The fused kernel a group's step runs (Adam's preconditioned L1 has its own). */
  kernel(o: O): 'sgd_step' | 'adam_step' | 'adam_step_precond_l1';
  defaults: Partial<O>;
  optionNames: (keyof O & string)[];
  /** Throws ShrinkageError for a bad option; `where` prefixes names (e.g. "paramGroups[1].lr"). */
  check(o: O, where: string): void;
  /** Buffers the next step needs, in kernel order after θ and g. */
  buffers(o: O): string[];
  /**
   * Every buffer name a tensor's state may hold (`all`), and those it holds after its first step
   * whatever the options later became (`required`): loadStateDict refuses any other state.
   */
  stateBuffers: { all: readonly string[]; required: readonly string[] };
  /**
   * Kernel scalars for the step that makes `step` (1-based), given the state before the step
   * (buffers the step will allocate are still absent).
   */
  scalars(o: O, step: number, s: TensorState): number[];
  /** Pointer roles after θ and g: buffer names, or 'param'/'v' for unused slots. */
  slots(o: O, s: TensorState): string[];
}

/**
 * A named step of an update rule (optax style): it contributes the kernel scalars it owns. A fused
 * kernel implements every step it knows; a step that a rule leaves out keeps its identity values
 * (`identity` of the kernel), e.g. Adam has no decoupled decay, so its `decay` scalar stays 1.
 */
export interface NamedStep<O> {
  name: string;
  scalars(o: O, step: number, s: TensorState): Record<string, number>;
}

/** Composes named steps into the scalar vector of a fused kernel, in the kernel's order. */
function compose<O>(order: readonly string[], identity: Record<string, number>, steps: NamedStep<O>[]) {
  return (o: O, step: number, s: TensorState): number[] => {
    const v: Record<string, number> = { ...identity };
    for (const st of steps) Object.assign(v, st.scalars(o, step, s));
    return order.map((k) => {
      const x = v[k];
      if (x === undefined) throw new Error(`no step sets kernel scalar ${k}`);
      return x;
    });
  };
}

type Common = { lr: number; weightDecay: number; maximize: boolean; l1: number };

/** maximize: g ← −g. */
const maximize: NamedStep<Common> = { name: 'maximize', scalars: (o) => ({ sign: o.maximize ? -1 : 1 }) };
/** Coupled L2 weight decay (PyTorch's weight_decay for SGD and Adam): g ← g + wd·θ. */
const coupledWeightDecay: NamedStep<Common> = { name: 'coupledWeightDecay', scalars: (o) => ({ wd: o.weightDecay }) };
/** Decoupled weight decay (AdamW): θ ← θ·(1 − lr·wd) before the update. */
const decoupledWeightDecay: NamedStep<Common> = { name: 'decoupledWeightDecay', scalars: (o) => ({ decay: 1 - o.lr * o.weightDecay }) };
/**
 * L1 after the update: θ ← soft(θ, lr·l1) (SGD's proximal step; Adam's decoupled L1). Adam's
 * preconditioned L1 sets the same τ and runs adam_step_precond_l1, which divides it by √v̂ + ε.
 */
const proxL1: NamedStep<Common> = { name: 'proxL1', scalars: (o) => ({ tau: o.lr * o.l1 }) };

/** Heavy-ball / Nesterov momentum and the lr scaling of SGD. Mode 1 = PyTorch's first step (b ← d). */
const sgdMomentum: NamedStep<SGDOptions> = {
  name: 'momentum',
  scalars: (o, _t, s) => ({
    momentum: o.momentum,
    oneMinusDampening: 1 - o.dampening,
    nesterov: o.nesterov ? 1 : 0,
    // PyTorch's buffer is None until the first momentum step, which copies d into it (mode 1).
    mode: o.momentum === 0 ? 0 : s.buffers['momentum_buffer'] !== undefined ? 2 : 1,
  }),
};
const sgdScale: NamedStep<SGDOptions> = { name: 'scaleByLr', scalars: (o) => ({ lr: o.lr }) };

/** Adam's moments with bias correction (Kingma & Ba 2015), amsgrad, ε after the square root. */
const adamMoments: NamedStep<AdamOptions> = {
  name: 'scaleByAdam',
  scalars(o, t) {
    const [b1, b2] = o.betas;
    return {
      beta1: b1, oneMinusBeta1: 1 - b1, beta2: b2, oneMinusBeta2: 1 - b2,
      stepSize: o.lr / (1 - b1 ** t), bc2Sqrt: Math.sqrt(1 - b2 ** t), eps: o.eps, amsgrad: o.amsgrad ? 1 : 0,
    };
  },
};

const SGD_IDENTITY = { sign: 1, wd: 0, momentum: 0, oneMinusDampening: 1, nesterov: 0, mode: 0, tau: 0 };
const ADAM_IDENTITY = { sign: 1, wd: 0, decay: 1, tau: 0 };

export const sgdRule: Rule<SGDOptions> = {
  kind: 'SGD',
  kernel: () => 'sgd_step',
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
  // momentum may be switched on after the first step: the buffer is then made by the next step.
  stateBuffers: { all: ['momentum_buffer'], required: [] },
  slots: (o) => [o.momentum !== 0 ? 'momentum_buffer' : 'param'],
  // SGD = maximize ∘ coupledWeightDecay ∘ momentum ∘ scaleByLr ∘ proxL1
  scalars: compose<SGDOptions>(SGD_SCALARS, SGD_IDENTITY, [maximize, coupledWeightDecay, sgdMomentum, sgdScale, proxL1]),
};

function adamRule(kind: 'Adam' | 'AdamW'): Rule<AdamOptions> {
  // Adam  = maximize ∘ coupledWeightDecay   ∘ scaleByAdam ∘ proxL1
  // AdamW = maximize ∘ decoupledWeightDecay ∘ scaleByAdam ∘ proxL1
  // (proxL1 in Adam's metric with l1Mode 'preconditioned': same scalars, the other kernel)
  const decay = kind === 'AdamW' ? decoupledWeightDecay : coupledWeightDecay;
  return {
    kind,
    kernel: (o) => (o.l1Mode === 'preconditioned' ? 'adam_step_precond_l1' : 'adam_step'),
    defaults: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: kind === 'AdamW' ? 1e-2 : 0, amsgrad: false, maximize: false, l1: 0, l1Mode: 'decoupled' },
    optionNames: ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize', 'l1', 'l1Mode'],
    check(o, w) {
      nonNegativeFinite(`${w}lr`, o.lr);
      betasOf(`${w}betas`, o.betas);
      nonNegativeFinite(`${w}eps`, o.eps);
      nonNegativeFinite(`${w}weightDecay`, o.weightDecay);
      bool(`${w}amsgrad`, o.amsgrad);
      bool(`${w}maximize`, o.maximize);
      nonNegativeFinite(`${w}l1`, o.l1);
      if (o.l1Mode !== 'decoupled' && o.l1Mode !== 'preconditioned')
        throw errType(`${w}l1Mode`, o.l1Mode, "'decoupled' or 'preconditioned'");
    },
    buffers: (o) => (o.amsgrad ? ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'] : ['exp_avg', 'exp_avg_sq']),
    // amsgrad may be switched on after the first step; the two moments exist from the first step on.
    stateBuffers: { all: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'], required: ['exp_avg', 'exp_avg_sq'] },
    slots: (o) => ['exp_avg', 'exp_avg_sq', o.amsgrad ? 'max_exp_avg_sq' : 'exp_avg_sq'],
    scalars: compose<AdamOptions>(ADAM_SCALARS, ADAM_IDENTITY, [maximize, decay, adamMoments, proxL1]),
  };
}

export const adamRuleCoupled = adamRule('Adam');
export const adamRuleDecoupled = adamRule('AdamW');
