// Public types of the models layer: matrices, fit options and results.
import type { Regularizer } from '../engine/regularizers.js';

/** Dense matrix, row-major: element (i, j) is data[i·cols + j]. */
export interface DenseMatrix {
  kind: 'dense';
  rows: number;
  cols: number;
  data: Float64Array | Float32Array;
}

/**
 * Compressed sparse row matrix: row i holds data[k] at column indices[k] for
 * k ∈ [indptr[i], indptr[i+1]); indptr has rows + 1 entries from 0 to nnz.
 */
export interface CsrMatrix {
  kind: 'csr';
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array | Float32Array;
}

/** A design matrix X: dense row-major or CSR. */
export type Matrix = DenseMatrix | CsrMatrix;

/** Data term: 'squared' = (1/(2n))‖y − Xw − b‖², 'logistic' = mean log-loss with y ∈ {0, 1}. */
export type Loss = 'squared' | 'logistic';

/**
 * Options of `fitLinear`. The objective is
 * - squared:  (1/(2n))‖y − Xw − b‖² + R(w)
 * - logistic: (1/n)Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] + R(w), zᵢ = xᵢᵀw + b, yᵢ ∈ {0, 1}
 * with R from docs/design.md §1 (λ₁‖w‖₁ + λ₂‖w‖₂², no ½) and the intercept b never penalized.
 */
export interface FitOptions {
  X: Matrix;
  y: ArrayLike<number>;
  /** Default 'squared'. */
  loss?: Loss;
  penalty: Regularizer;
  /** Fit an unpenalized intercept (default true). */
  fitIntercept?: boolean;
  /**
   * glmnet's standardization (default false): columns scaled to unit population sd (and centred
   * when fitting an intercept), the penalty applied to the standardized coefficients, the result
   * reported on the original scale. For squared loss y is scaled by its sd too, as glmnet does.
   */
  standardize?: boolean;
  /**
   * 'auto' (default): 'cd' (coordinate descent; proximal Newton for logistic loss) for l1, l2 and
   * elasticNet, 'fista' for groupLasso. See docs/models.md.
   */
  solver?: 'auto' | 'fista' | 'cd';
  /**
   * Relative stopping tolerance (default 1e-6): CD stops when the duality gap is ≤ tol·objective, so
   * the objective is within tol (relative) of the optimum. See docs/models.md for every criterion.
   */
  tol?: number;
  /** Iterations (FISTA) or epochs (CD); default 20000. */
  maxIter?: number;
  /** Starting point on the original scale (e.g. the previous fit of a path). */
  warmStart?: { coef: Float64Array; intercept: number };
}

/** What `fitLinear` returns: the fitted model and how the solver ended. */
export interface FitResult {
  /** Coefficients on the original scale of X. */
  coef: Float64Array;
  intercept: number;
  /** Nonzero coefficients. */
  nnz: number;
  /** Final objective (of the standardized problem, in y's units, when standardize is set). */
  objective: number;
  /** Duality gap at the end (an upper bound of objective − optimum), null where none is computed (λ = 0, FISTA on logistic loss). */
  gap: number | null;
  /** CD: epochs (passes over the working set); FISTA: iterations. */
  iterations: number;
  converged: boolean;
  /** Why the solver stopped (see {@link StopReason}). */
  reason: StopReason;
  solver: 'fista' | 'cd';
}

/**
 * Why a fit stopped: 'gap' (duality gap ≤ tol·objective), 'kkt' (no penalty: the gradient is below
 * tol relative to its size at the null model), 'step' (FISTA on logistic loss: the proximal step is
 * below tol), all converged; 'maxIter' (the budget ran out), 'separable' (logistic loss without a
 * penalty on separated classes: the loss goes to 0 as the coefficients grow without bound) and
 * 'no-decrease' (a Newton step found no decrease even when halved 30 times, at the limit of f64),
 * all with converged = false.
 */
export type StopReason = 'gap' | 'kkt' | 'step' | 'maxIter' | 'separable' | 'no-decrease';

/** Penalty family of a path: R = λ·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖₂²), glmnet's and sklearn's parametrization. */
export type PathPenalty = 'l1' | 'l2' | 'elasticNet';

/** Options of `fitPath`: those of `fitLinear` with a penalty family and a λ grid instead of one penalty. */
export type PathOptions = Omit<FitOptions, 'penalty'> & {
  penalty: PathPenalty;
  /** ρ for 'elasticNet' (default 0.5); 'l1' is ρ = 1 and 'l2' is ρ = 0. */
  l1Ratio?: number;
  /** Grid size (default 100). */
  nLambda?: number;
  /** λ_min/λ_max (default 1e-4 when rows > cols, else 1e-2). */
  lambdaMinRatio?: number;
  /** Explicit λ values (used in the given order; decreasing is fastest). */
  lambdas?: number[];
  /** Called after each λ of the path as (index + 1, grid size), e.g. for a progress line. */
  onProgress?: (i: number, total: number) => void;
};

/** What `fitPath` returns: one fit per λ, in grid order. */
export interface PathResult {
  lambdas: number[];
  fits: FitResult[];
  /** The regularizer each λ stands for. */
  penalties: Regularizer[];
}

/** Held-out error of `crossValidate`: mean squared error, mean deviance (logistic), or error rate. */
export type CvMetric = 'mse' | 'deviance' | 'accuracy';

/** Options of `crossValidate`: a path's options plus the folds. */
export type CvOptions = PathOptions & {
  /** Folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment (default 1). */
  seed?: number;
  /** Default 'mse' for squared loss, 'deviance' for logistic. 'accuracy' reports the error rate. */
  metric?: CvMetric;
  /** Called after each fold as (fold, folds) (the full-data path runs first, without callbacks). */
  onProgress?: (i: number, total: number) => void;
};

/** What `crossValidate` returns: the error curve over λ, λmin, λ1se and the fit at λmin. */
export interface CvResult {
  lambdas: number[];
  /** Mean held-out error per λ (for 'accuracy': misclassification rate). */
  meanError: number[];
  /** Standard error of that mean over folds. */
  seError: number[];
  lambdaMin: number;
  /** Largest λ whose mean error is within one standard error of the minimum. */
  lambda1se: number;
  /** Fit on all data at lambdaMin (the same object as `fits[lambdas.indexOf(lambdaMin)]`). */
  bestFit: FitResult;
  /** The full-data path: the fit on all data at every λ (cv.glmnet's `glmnet.fit`). */
  fits: FitResult[];
}
