// What `shrinkage fit` prints: the coefficient table and summary of one fit, the path table with a
// header that says what λ and each column mean, the CV summary; and the JSON forms of each.
import { moduleOf, type Regularizer } from '../engine/regularizers.js';
import type { FitPlan } from './fit-plan.js';
import type { CvResult, FitResult, Matrix, PathResult } from './models-api.js';
import { plural } from './words.js';

/** The data of a fit, whichever file it came from. */
export interface FitData {
  X: Matrix;
  y: Float64Array;
  /** What the user calls feature j: the CSV column's name, or the index as the svmlight file writes it. */
  name: (j: number) => string;
  /** The response: the CSV's target column, or "label" for svmlight. */
  target: string;
  /** Sparse input (svmlight): coefficient lists hold the nonzero coefficients only. */
  nonzeroOnly: boolean;
}

const fmt = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4));

/** R(w) in words: "λ₁‖w‖₁ + λ₂‖w‖₂² with λ₁ = …, λ₂ = …". */
export function describe(r: Regularizer): string {
  return moduleOf(r).describe(r, fmt);
}

/** A path's penalty in terms of its λ. */
function pathPenaltyText(l1Ratio: number): string {
  if (l1Ratio === 1) return 'λ‖w‖₁';
  if (l1Ratio === 0) return '(λ/2)‖w‖₂²';
  return `λ·(ρ‖w‖₁ + (1−ρ)/2·‖w‖₂²) with ρ = ${fmt(l1Ratio)}`;
}

/** The features listed for a fit: all of them, or the nonzero ones for sparse input. */
function listed(d: FitData, f: FitResult): number[] {
  const out: number[] = [];
  for (let j = 0; j < f.coef.length; j++) if (!d.nonzeroOnly || f.coef[j] !== 0) out.push(j);
  return out;
}

export function fitJson(d: FitData, f: FitResult): object {
  return {
    intercept: f.intercept,
    coef: Object.fromEntries(listed(d, f).map((j) => [d.name(j), f.coef[j]!])),
    nnz: f.nnz, objective: f.objective, gap: f.gap, iterations: f.iterations, converged: f.converged, solver: f.solver,
  };
}

/** The summary line: nonzeros, objective, gap, iterations (pluralized), convergence. */
function summaryLine(d: FitData, f: FitResult): string {
  return `nonzero ${f.nnz} of ${d.X.cols}, objective ${fmt(f.objective)}, gap ${f.gap === null ? 'n/a' : fmt(f.gap)}, ` +
    `${plural(f.iterations, 'iteration')} (${f.solver}), ${f.converged ? 'converged' : 'NOT converged'}`;
}

export function fitTable(d: FitData, f: FitResult): string {
  const rows = listed(d, f);
  const w = Math.max('(intercept)'.length, ...rows.map((j) => d.name(j).length));
  const lines = [`${'feature'.padEnd(w)}  coefficient`, `${'(intercept)'.padEnd(w)}  ${fmt(f.intercept)}`];
  for (const j of rows) lines.push(`${d.name(j).padEnd(w)}  ${fmt(f.coef[j]!)}`);
  if (d.nonzeroOnly) lines.push(`(features not listed have coefficient 0; names are the file's feature indices)`);
  lines.push('', summaryLine(d, f));
  return lines.join('\n') + '\n';
}

/** "l1 path: squared loss + λ‖w‖₁": what a path's or CV's λ multiplies. */
function pathModel(plan: FitPlan): string {
  return `${plan.penalty} path: ${plan.loss} loss + ${pathPenaltyText(plan.l1Ratio)}${plan.standardize ? ', X standardized' : ''}`;
}

/**
 * What λ_max is. glmnet divides the lasso's λ_max by max(ρ, 10⁻³), so for ridge-like ρ it is only
 * where glmnet starts: 1000× the lasso's, and an L2 penalty never makes a weight exactly 0.
 */
function lambdaMaxText(l1Ratio: number): string {
  return l1Ratio >= 1e-3 ? '(the smallest λ with every weight 0)' : "(glmnet's start for ridge: 1000× the lasso's λ_max; L2 never zeroes a weight)";
}

/** The path as a table, under a header that names the penalty and says what each column means. */
export function pathTable(plan: FitPlan, path: PathResult): string {
  const n = path.lambdas.length;
  const lines = [
    `${pathModel(plan)}; λ is glmnet's λ (scikit-learn's alpha)`,
    `${plural(n, 'value')} of λ from λ_max = ${fmt(path.lambdas[0]!)} ${lambdaMaxText(plan.l1Ratio)} down to ${fmt(path.lambdas[n - 1]!)}`,
    '  lambda      λ of the penalty above',
    '  nnz         nonzero weights at that λ',
    '  objective   loss + penalty at that λ',
    '  iterations  solver epochs at that λ (each λ starts from the previous λ\'s weights)',
    '  converged   whether the solver reached its tolerance',
    'lambda        nnz  objective     iterations  converged',
  ];
  path.fits.forEach((f, i) =>
    lines.push(`${fmt(path.lambdas[i]!).padEnd(12)}  ${String(f.nnz).padStart(3)}  ${fmt(f.objective).padEnd(12)}  ${String(f.iterations).padStart(10)}  ${f.converged}`));
  return lines.join('\n') + '\n';
}

/** Index of λ in the CV grid. */
export const gridIndex = (cv: CvResult, lambda: number) => cv.lambdas.indexOf(lambda);

/** The CV summary: error and standard error at λ_min and λ_1se, then the selected λ's coefficients. */
export function cvReport(plan: FitPlan, d: FitData, cv: CvResult, metric: string, fit: FitResult): string {
  const at = (l: number) => gridIndex(cv, l);
  const row = (name: string, l: number) =>
    `${name.padEnd(11)}  ${fmt(l).padEnd(12)}  ${fmt(cv.meanError[at(l)]!).padEnd(12)}  ${fmt(cv.seError[at(l)]!)}`;
  const other = plan.cvSelect === 'min' ? '1se' : 'min';
  return [
    `${plan.folds}-fold cross-validation (seed 1) over the ${pathModel(plan)}`,
    `${plural(cv.lambdas.length, 'value')} of λ (glmnet's λ, scikit-learn's alpha); error = mean held-out ${metric} over the folds`,
    `${''.padEnd(11)}  ${'lambda'.padEnd(12)}  ${`cv ${metric}`.padEnd(12)}  std. error`,
    row('lambda_min', cv.lambdaMin),
    row('lambda_1se', cv.lambda1se),
    `lambda_min has the least CV error; lambda_1se is the largest λ whose error is within one standard error of it`,
    `coefficients at lambda_${plan.cvSelect} = ${fmt(plan.cvSelect === 'min' ? cv.lambdaMin : cv.lambda1se)} ` +
      `(fitted on all rows; --cv-select ${other} for lambda_${other}):`,
    '',
  ].join('\n') + fitTable(d, fit);
}

/** The CV result as JSON (the arrays over the grid, both choices, the selected fit). */
export function cvJson(plan: FitPlan, cv: CvResult, metric: string): object {
  const iMin = gridIndex(cv, cv.lambdaMin), i1se = gridIndex(cv, cv.lambda1se);
  return {
    l1Ratio: plan.l1Ratio, folds: plan.folds, metric,
    lambdaMin: cv.lambdaMin, cvErrorMin: cv.meanError[iMin], cvSeMin: cv.seError[iMin],
    lambda1se: cv.lambda1se, cvError1se: cv.meanError[i1se], cvSe1se: cv.seError[i1se],
    select: plan.cvSelect, lambda: plan.cvSelect === 'min' ? cv.lambdaMin : cv.lambda1se,
    lambdas: cv.lambdas, meanError: cv.meanError, seError: cv.seError,
  };
}
