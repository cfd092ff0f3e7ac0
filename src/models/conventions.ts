// Converters from scikit-learn's LogisticRegression convention (the squared-loss converters
// fromSklearn/fromGlmnet live in src/engine/regularizers.ts).
import { elasticNet, l1, l2, type Regularizer } from '../engine/regularizers.js';
import { errRange, errType } from '../errors.js';

/**
 * scikit-learn `LogisticRegression(C, penalty)` minimises C·Σᵢ logloss_i + ‖w‖₁ (l1) or ½‖w‖₂²
 * (l2), or ρ‖w‖₁ + (1 − ρ)/2‖w‖₂² (elasticnet). Dividing by C·n gives this package's mean-loss
 * form with λ = 1/(C·n): l1 → l1(λ), l2 → l2(λ/2), elasticnet → { l1: λρ, l2: λ(1 − ρ)/2 }.
 * (Use a solver that leaves the intercept unpenalized on the sklearn side: lbfgs or saga.)
 */
export function fromSklearnLogistic(opts: { C: number; penalty: 'l1' | 'l2' | 'elasticnet'; l1Ratio?: number; nSamples: number }): Regularizer {
  const C = opts?.C;
  if (typeof C !== 'number' || !(C > 0) || !Number.isFinite(C)) throw errRange('C', C, 'a finite number > 0');
  const n = opts.nSamples;
  if (!Number.isInteger(n) || n < 1) throw errRange('nSamples', n, 'an integer >= 1');
  const lam = 1 / (C * n);
  if (opts.penalty === 'l1') return l1(lam);
  if (opts.penalty === 'l2') return l2(lam / 2);
  if (opts.penalty !== 'elasticnet') throw errType('penalty', opts.penalty, "'l1', 'l2' or 'elasticnet'");
  const rho = opts.l1Ratio ?? 0.5;
  if (!(rho >= 0 && rho <= 1)) throw errRange('l1Ratio', rho, 'in [0, 1]');
  return elasticNet({ l1: lam * rho, l2: (lam * (1 - rho)) / 2 });
}
