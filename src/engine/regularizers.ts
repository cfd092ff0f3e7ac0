// Regularizer descriptors (DESIGN §1) and converters from other libraries' conventions.
import { errNotFinite, errRange, errType } from '../errors.js';

/** R(θ) = λ·Σ|θᵢ|. */
export interface L1 {
  /** Discriminant. */
  readonly kind: 'l1';
  /** λ ≥ 0 (units of the loss per unit of ‖θ‖₁). */
  readonly lambda: number;
}
/** R(θ) = λ·Σθᵢ² (no ½: L2(λ) in the gradient is PyTorch's weight_decay = 2λ). */
export interface L2 {
  /** Discriminant. */
  readonly kind: 'l2';
  /** λ ≥ 0 (units of the loss per unit of ‖θ‖₂²). */
  readonly lambda: number;
}
/** R(θ) = λ₁‖θ‖₁ + λ₂‖θ‖₂². */
export interface ElasticNet {
  /** Discriminant. */
  readonly kind: 'elasticNet';
  /** λ₁ ≥ 0, weight of ‖θ‖₁. */
  readonly l1: number;
  /** λ₂ ≥ 0, weight of ‖θ‖₂² (no ½). */
  readonly l2: number;
}
/** R(θ) = λ·Σ_g ‖θ_g‖₂ over consecutive groups of `groupSize` elements. */
export interface GroupLasso {
  /** Discriminant. */
  readonly kind: 'groupLasso';
  /** λ ≥ 0, weight of Σ_g ‖θ_g‖₂. */
  readonly lambda: number;
  /** Elements per group (consecutive); must divide n. */
  readonly groupSize: number;
}

/** Any regularizer descriptor; build one with {@link l1}, {@link l2}, {@link elasticNet} or {@link groupLasso}. */
export type Regularizer = L1 | L2 | ElasticNet | GroupLasso;

/** Checks that `value` is a finite number ≥ 0 (λ, step sizes). */
export function nonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number') throw errType(name, value, 'a number');
  if (!Number.isFinite(value)) throw errNotFinite(name, value);
  if (value < 0) throw errRange(name, value, '>= 0');
  return value;
}

/** Checks a positive integer (group sizes, counts). */
export function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number') throw errType(name, value, 'a positive integer');
  if (!Number.isInteger(value) || value < 1) throw errRange(name, value, 'an integer >= 1');
  return value;
}

/** L1 (lasso) penalty λ·‖θ‖₁. Its prox is the soft threshold. */
export function l1(lambda: number): L1 {
  return Object.freeze({ kind: 'l1', lambda: nonNegative('lambda', lambda) });
}

/** L2 (ridge) penalty λ·‖θ‖₂², gradient 2λθ, prox v/(1 + 2tλ). */
export function l2(lambda: number): L2 {
  return Object.freeze({ kind: 'l2', lambda: nonNegative('lambda', lambda) });
}

/** Elastic net λ₁‖θ‖₁ + λ₂‖θ‖₂²; prox soft(v, tλ₁)/(1 + 2tλ₂). */
export function elasticNet(opts: { l1: number; l2: number }): ElasticNet {
  if (typeof opts !== 'object' || opts === null) throw errType('elasticNet options', opts, '{ l1, l2 }');
  return Object.freeze({ kind: 'elasticNet', l1: nonNegative('l1', opts.l1), l2: nonNegative('l2', opts.l2) });
}

/** Group lasso λ·Σ_g‖θ_g‖₂ over consecutive groups of `groupSize`; prox max(0, 1 − tλ/‖v_g‖)·v_g. */
export function groupLasso(lambda: number, groupSize: number): GroupLasso {
  return Object.freeze({
    kind: 'groupLasso',
    lambda: nonNegative('lambda', lambda),
    groupSize: positiveInt('groupSize', groupSize),
  });
}

/**
 * scikit-learn's `ElasticNet(alpha, l1_ratio)` / `Lasso(alpha)` penalty as an elasticNet:
 * sklearn minimises (1/(2n))‖y − Xw‖² + α·ρ‖w‖₁ + ½·α·(1 − ρ)‖w‖₂², so λ₁ = αρ and λ₂ = α(1 − ρ)/2,
 * to be used with the same 1/(2n)-scaled squared loss.
 */
export function fromSklearn(opts: { alpha: number; l1Ratio?: number }): ElasticNet {
  const alpha = nonNegative('alpha', opts?.alpha);
  const rho = nonNegative('l1Ratio', opts.l1Ratio ?? 0.5);
  if (rho > 1) throw errRange('l1Ratio', rho, 'in [0, 1]');
  return elasticNet({ l1: alpha * rho, l2: (alpha * (1 - rho)) / 2 });
}

/**
 * glmnet's `glmnet(lambda, alpha)` penalty as an elasticNet: glmnet minimises
 * (1/(2n))·RSS + λ·[(1 − α)/2·‖w‖₂² + α‖w‖₁] (gaussian family), so λ₁ = λα and λ₂ = λ(1 − α)/2.
 * glmnet also standardizes X by default; the model fitter (`fitLinear`) handles that part.
 */
export function fromGlmnet(opts: { lambda: number; alpha?: number }): ElasticNet {
  const lambda = nonNegative('lambda', opts?.lambda);
  const a = nonNegative('alpha', opts.alpha ?? 1);
  if (a > 1) throw errRange('alpha', a, 'in [0, 1]');
  return elasticNet({ l1: lambda * a, l2: (lambda * (1 - a)) / 2 });
}

/** Validates a user-supplied descriptor (it may be a plain object from JSON). */
export function checkRegularizer(reg: unknown): Regularizer {
  const r = reg as Regularizer;
  switch (r?.kind) {
    case 'l1': return l1(r.lambda);
    case 'l2': return l2(r.lambda);
    case 'elasticNet': return elasticNet(r);
    case 'groupLasso': return groupLasso(r.lambda, r.groupSize);
    default: throw errType('regularizer', reg, "l1(λ), l2(λ), elasticNet({ l1, l2 }) or groupLasso(λ, groupSize)");
  }
}
