// What the path loop (path-loop.ts) needs from a loss: a current point (w in engine memory, b),
// the data term's negative gradient g = x̃ᵀρ/rows for every column after refresh(), an inner solve
// on a working set, and the objective with its duality gap. Implemented by squared.ts (naive and
// covariance modes) and logistic.ts (proximal Newton).
import type { Regularizer } from '../../engine/regularizers.js';
import type { Plan } from '../../kernels/types.js';

export interface InnerResult {
  /** Epochs run (each a pass over the working set). */
  epochs: number;
  /** Why a Newton solve stopped early ('separable': the data are separated and the loss went to 0). */
  stop?: 'separable' | 'no-decrease';
}

export interface Objective {
  /** P(w, b): the data term plus R(w). */
  primal: number;
  /** P − D at a feasible dual point (≥ 0, bounds P − P*), null where R ≡ 0. */
  gap: number | null;
}

export interface CdModel {
  readonly rows: number;
  readonly cols: number;
  /** Coefficients on the solver's scale (engine memory, updated in place by the kernels). */
  readonly w: Float64Array;
  /** x̃_jᵀρ/rows for every column j (ρ the residual or y − p), valid after refresh(). */
  readonly g: Float64Array;
  /** The active list the kernels read (engine memory, the working set's first m entries). */
  readonly active: Int32Array;
  /** The intercept the solver carries (logistic loss), 0 otherwise. */
  intercept(): number;
  /** The data term at w = 0 (with the best intercept): the scale of the stopping rules. */
  readonly nullObjective: number;
  /** Starts at (w0, b0): residuals, margins, and g. */
  start(w0: Float64Array, b0: number): Plan<void>;
  /** Makes the first m active coordinates usable by solve() (covariance mode: their Gram columns). */
  prepare(m: number): Plan<void>;
  /**
   * Minimizes over the first m active coordinates (and the intercept) until its epochs change less
   * than thr. `entering` lists zero coordinates that violate the KKT conditions at the current point
   * (|g_j| > λ₁): a solver may put them straight into the support it polishes.
   */
  solve(m: number, l1: number, l2: number, thr: number, maxEpochs: number, entering: readonly number[]): Plan<InnerResult>;
  /** g at the current point for every column. */
  refresh(): Plan<void>;
  /** P(w, b) and the duality gap for R (g must be fresh). */
  objective(R: Regularizer): Plan<Objective>;
}
