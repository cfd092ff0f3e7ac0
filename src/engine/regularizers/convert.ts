// Converters from other libraries' squared-loss conventions onto (λ₁, λ₂).
import { errRange } from '../../errors.js';
import { nonNegative } from './checks.js';
import { elasticNet, type ElasticNet } from './elastic-net.js';

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
