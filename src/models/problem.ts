// A prepared problem: the design operator in engine memory, the internal target and the scalings
// that map between the user's scale and the solver's (centred, optionally standardized) scale.
import type { FloatArray } from '../dtype.js';
import type { Engine } from '../engine/engine.js';
import { moduleOf, type Regularizer } from '../engine/regularizers.js';
import { targetScaling, type Checked } from './check.js';
import { Design } from './design.js';

export class Problem {
  readonly design: Design;
  readonly n: number;
  readonly d: number;
  /** Solver target: (y − ȳ)/s_y for squared loss, y for logistic. */
  readonly t: Float64Array;
  /** t in engine memory (the logistic kernel's labels, the Gram right-hand side). */
  readonly tEng: FloatArray;
  /** ȳ subtracted (squared loss with intercept) and s_y divided by (squared loss, standardize). */
  readonly yMean: number;
  readonly yScale: number;
  /** The solver carries its own intercept variable (logistic loss with intercept). */
  readonly hasB: boolean;
  /** Engine n-vectors the solvers work in. */
  readonly z: FloatArray;
  readonly zPrev: FloatArray;
  readonly zv: FloatArray;
  readonly r: FloatArray;
  /** Power-iteration estimate of σ_max(A)², cached by the first FISTA run. */
  sigmaSq: number | undefined;

  constructor(engine: Engine, readonly c: Checked) {
    const { X, y, loss, fitIntercept, standardize } = c;
    this.n = X.rows;
    this.d = X.cols;
    const { mean, scale } = targetScaling(c);
    this.yMean = mean;
    this.yScale = scale;
    this.hasB = loss === 'logistic' && fitIntercept;
    this.t = y.map((v) => (v - mean) / scale);
    this.design = new Design(engine, X, fitIntercept, standardize);
    try {
      this.tEng = this.design.vector();
      this.tEng.set(this.t);
      this.z = this.design.vector();
      this.zPrev = this.design.vector();
      this.zv = this.design.vector();
      this.r = this.design.vector();
    } catch (e) {
      this.design.free();
      throw e;
    }
  }

  free(): void {
    this.design.free();
  }

  /** The user's penalty on the solver's scale (R/s_y; see FitOptions.standardize). */
  internal(R: Regularizer): Regularizer {
    return this.yScale === 1 ? R : moduleOf(R).scale(R, 1 / this.yScale);
  }

  /** Cold start: w = 0 and, for logistic loss with an intercept, the null model's b = logit(ȳ). */
  coldStart(): { w: Float64Array; b: number } {
    let b = 0;
    if (this.hasB) {
      const p = this.t.reduce((a, v) => a + v, 0) / this.n;
      b = Math.log(p / (1 - p));
    }
    return { w: new Float64Array(this.d), b };
  }

  /** User-scale (coef, intercept) → solver (w, b). */
  toInternal(coef: Float64Array, intercept: number): { w: Float64Array; b: number } {
    const { mean, scale } = this.design;
    const w = new Float64Array(this.d);
    let mu = 0;
    for (let j = 0; j < this.d; j++) {
      w[j] = (coef[j]! * (scale ? scale[j]! : 1)) / this.yScale;
      if (mean) mu += mean[j]! * coef[j]!;
    }
    return { w, b: this.hasB ? intercept + mu : 0 };
  }

  /** Solver (w, b) → user-scale coefficients and intercept. */
  toUser(w: Float64Array, b: number): { coef: Float64Array; intercept: number } {
    const { mean, scale } = this.design;
    const coef = new Float64Array(this.d);
    let mu = 0;
    for (let j = 0; j < this.d; j++) {
      coef[j] = (this.yScale * w[j]!) / (scale ? scale[j]! : 1);
      if (mean) mu += mean[j]! * coef[j]!;
    }
    if (this.c.loss === 'squared') return { coef, intercept: this.c.fitIntercept ? this.yMean - mu : 0 };
    return { coef, intercept: this.hasB ? b - mu : 0 };
  }
}
