// A problem prepared for coordinate descent: the design in CD layout, the solver's target and
// work vectors in engine memory, the model for the loss, and the maps between the user's scale and
// the solver's (centred, optionally standardized; y scaled by its sd for squared loss + standardize,
// as glmnet does).
import type { Engine } from '../../engine/engine.js';
import { moduleOf, type Regularizer } from '../../engine/regularizers.js';
import { targetScaling, type Checked } from '../check.js';
import { Held } from '../held.js';
import { allocate, type Field, type Views } from './layout.js';
import { LogisticModel, logisticLayout } from './logistic.js';
import type { CdModel } from './model.js';
import { CovarianceSquared, NaiveSquared, squaredLayout, type SquaredMode } from './squared.js';
import { CdStore, type CdData } from './store.js';

/** Covariance mode keeps a cols × cols Gram matrix: at most this many columns (32 MiB of f64). */
export const COVARIANCE_MAX_COLS = 2048;

/**
 * glmnet's choice between its two squared-loss modes, by cost: covariance when the Gram matrix is
 * small (cols ≤ 2048) and rows ≥ cols, where a step's O(cols) update beats the naive O(rows) one;
 * naive otherwise (wide or very sparse designs). Logistic loss always updates residuals.
 */
export function squaredMode(c: Pick<Checked, 'X'>): SquaredMode {
  return c.X.cols <= COVARIANCE_MAX_COLS && c.X.rows >= c.X.cols ? 'covariance' : 'naive';
}

/** The solver mode of a problem: squared loss's naive or covariance mode, or logistic loss's Newton. */
export type CdMode = SquaredMode | 'newton';

/** The work arrays a mode needs (the same on every thread, so a worker can attach them). */
export function layoutFor(mode: CdMode, rows: number, cols: number, csc: boolean, nnz: number): Field[] {
  return mode === 'newton' ? logisticLayout(rows, cols, csc, nnz) : squaredLayout(rows, cols, mode);
}

/**
 * The model of a mode over a design and its work arrays. `flag` is, for logistic loss, whether it
 * carries an intercept and, for squared loss, whether the design is centred (CSC: implicitly).
 */
export function makeModel(mode: CdMode, store: CdData, views: Views, flag: boolean): CdModel {
  if (mode === 'newton') return new LogisticModel(store, views, flag);
  return mode === 'covariance' ? new CovarianceSquared(store, views) : new NaiveSquared(store, views, flag);
}

export class CdProblem {
  readonly store: CdStore;
  readonly model: CdModel;
  readonly layout: Field[];
  /** Byte offsets of the layout's arrays (what a worker needs to attach them). */
  readonly ptrs: number[];
  readonly yMean: number;
  readonly yScale: number;
  private readonly held: Held;

  /** The model's flag (see makeModel). */
  readonly flag: boolean;

  constructor(engine: Engine, readonly c: Checked, readonly mode: CdMode) {
    const { X, y, loss, fitIntercept, standardize } = c;
    const { mean, scale } = targetScaling(c);
    this.yMean = mean;
    this.yScale = scale;
    // Squared loss eliminates the intercept by centring; logistic loss carries it and centres only
    // dense columns (a copy anyway), which keeps CSC data sparse.
    const center = fitIntercept && (loss === 'squared' || X.kind === 'dense');
    this.store = new CdStore(engine, X, { center, standardize, momentsAroundMean: fitIntercept });
    this.held = new Held(engine);
    this.flag = mode === 'newton' ? fitIntercept : center;
    try {
      this.layout = layoutFor(mode, X.rows, X.cols, X.kind === 'csr', X.data.length);
      const { views, ptrs } = allocate(this.held, this.layout);
      this.ptrs = ptrs;
      if (mode === 'newton') views.y!.set(y);
      else views.t!.set(y.map((v) => (v - mean) / scale));
      this.model = makeModel(mode, this.store, views, this.flag);
    } catch (e) {
      this.free();
      throw e;
    }
  }

  free(): void {
    this.held.free();
    this.store.free();
  }

  /** The user's penalty on the solver's scale (R/s_y for squared loss with standardize). */
  internal(R: Regularizer): Regularizer {
    return this.yScale === 1 ? R : moduleOf(R).scale(R, 1 / this.yScale);
  }

  /** The null model: w = 0 and, for logistic loss with an intercept, b = logit(ȳ). */
  coldStart(): { w: Float64Array; b: number } {
    let b = 0;
    if (this.c.loss === 'logistic' && this.c.fitIntercept) {
      const p = this.c.y.reduce((a, v) => a + v, 0) / this.c.y.length;
      b = Math.log(p / (1 - p));
    }
    return { w: new Float64Array(this.c.X.cols), b };
  }

  /** User-scale (coef, intercept) → solver (w, b). */
  toInternal(coef: Float64Array, intercept: number): { w: Float64Array; b: number } {
    const { centered, scale } = this.store;
    const w = new Float64Array(coef.length);
    let mu = 0;
    for (let j = 0; j < coef.length; j++) {
      w[j] = (coef[j]! * scale[j]!) / this.yScale;
      mu += centered[j]! * coef[j]!;
    }
    return { w, b: this.c.loss === 'logistic' && this.c.fitIntercept ? intercept + mu : 0 };
  }

  /** Solver (w, b) → user-scale coefficients and intercept. */
  toUser(w: Float64Array, b: number): { coef: Float64Array; intercept: number } {
    const { centered, scale } = this.store;
    const coef = new Float64Array(w.length);
    let mu = 0;
    for (let j = 0; j < w.length; j++) {
      coef[j] = (this.yScale * w[j]!) / scale[j]!;
      mu += centered[j]! * coef[j]!;
    }
    if (!this.c.fitIntercept) return { coef, intercept: 0 };
    return { coef, intercept: this.c.loss === 'squared' ? this.yMean - mu : b - mu };
  }
}
