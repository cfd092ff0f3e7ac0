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

export type Matrix = DenseMatrix | CsrMatrix;

export type Loss = 'squared' | 'logistic';

/**
 * Options of `fitLinear`. The objective is
 * - squared:  (1/(2n))‖y − Xw − b‖² + R(w)
 * - logistic: (1/n)Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ] + R(w), zᵢ = xᵢᵀw + b, yᵢ ∈ {0, 1}
 * with R from DESIGN §1 (λ₁‖w‖₁ + λ₂‖w‖₂², no ½) and the intercept b never penalized.
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
  /** 'auto' (default): 'cd' for squared loss with l1/l2/elasticNet and cols ≤ 512, else 'fista'. */
  solver?: 'auto' | 'fista' | 'cd';
  /** Relative stopping tolerance (default 1e-7); see docs/models.md for the criteria. */
  tol?: number;
  /** Iterations (FISTA) or epochs (CD); default 20000. */
  maxIter?: number;
  /** Starting point on the original scale (e.g. the previous fit of a path). */
  warmStart?: { coef: Float64Array; intercept: number };
}

export interface FitResult {
  /** Coefficients on the original scale of X. */
  coef: Float64Array;
  intercept: number;
  /** Nonzero coefficients. */
  nnz: number;
  /** Final objective (of the standardized problem, in y's units, when standardize is set). */
  objective: number;
  /** Duality gap at the end (squared loss), null where none is computed (logistic, λ = 0). */
  gap: number | null;
  iterations: number;
  converged: boolean;
  solver: 'fista' | 'cd';
}

/** Penalty family of a path: R = λ·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖₂²), glmnet's and sklearn's parametrization. */
export type PathPenalty = 'l1' | 'l2' | 'elasticNet';

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
  onProgress?: (i: number, total: number) => void;
};

export interface PathResult {
  lambdas: number[];
  fits: FitResult[];
  /** The regularizer each λ stands for. */
  penalties: Regularizer[];
}

export type CvMetric = 'mse' | 'deviance' | 'accuracy';

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

export interface CvResult {
  lambdas: number[];
  /** Mean held-out error per λ (for 'accuracy': misclassification rate). */
  meanError: number[];
  /** Standard error of that mean over folds. */
  seError: number[];
  lambdaMin: number;
  /** Largest λ whose mean error is within one standard error of the minimum. */
  lambda1se: number;
  /** Fit on all data at lambdaMin. */
  bestFit: FitResult;
}
