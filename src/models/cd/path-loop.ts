// The λ loop shared by every loss (Friedman, Hastie & Tibshirani 2010; Tibshirani et al. 2012):
// warm starts, a working set from the sequential strong rule, an inner solve on it, then a KKT check
// over every column (one sweep); violators join the working set and the solve goes on. When no
// coordinate violates, the duality gap decides: the fit stops when gap ≤ tol·P(w), which bounds
// the objective's distance to the optimum by tol relative; otherwise the inner threshold tightens.
// Every loop is bounded: a fit ends converged with reason 'gap' (or 'kkt' without a penalty), or
// with 'maxIter', 'separable' or 'no-decrease' and converged = false.
import { moduleOf, type Regularizer } from '../../engine/regularizers.js';
import type { Plan } from '../../kernels/types.js';
import type { StopReason } from '../types.js';
import type { CdModel } from './model.js';


export interface CdFit {
  w: Float64Array;
  b: number;
  objective: number;
  gap: number | null;
  /** Coordinate-descent epochs (passes over the working set). */
  epochs: number;
  converged: boolean;
  reason: StopReason;
}

export interface LoopOptions {
  /** Relative duality gap to stop at (gap ≤ tol·P(w)). */
  tol: number;
  /** Epochs per λ. */
  maxIter: number;
}

/** KKT rounds per λ (a round = inner solve + sweep); each adds violators or tightens the threshold. */
const MAX_ROUNDS = 40;
/** First inner threshold (max weighted change per epoch) relative to tol·P(0). */
const FIRST_THR = 1;

/**
 * Fits every penalty in order from `start` (null: the model was started already), warm-starting
 * each from the previous solution.
 */
export function* cdPath(model: CdModel, penalties: Regularizer[], o: LoopOptions, start: { w: Float64Array; b: number } | null,
  onFit?: (k: number, fit: CdFit) => void): Plan<CdFit[]> {
  if (start) yield* model.start(start.w, start.b);
  const { w, g, active, cols } = model;
  const inSet = new Uint8Array(cols);
  let gmax = 0;
  for (let j = 0; j < cols; j++) gmax = Math.max(gmax, Math.abs(g[j]!));
  // At the start the smallest λ₁ whose solution is this point's zeros (λ_max·ρ at the null model).
  let l1prev = gmax;
  const fits: CdFit[] = [];
  for (let k = 0; k < penalties.length; k++) {
    const R = penalties[k]!;
    const view = moduleOf(R).cd(R);
    if (view.kind !== 'separable') throw new Error(`coordinate descent needs a separable penalty, got ${R.kind}`);
    const { l1, l2 } = view;
    // Working set: the nonzeros and the strong set |g_j| ≥ 2λ₁ − λ₁(previous); everything for ridge.
    inSet.fill(0);
    let m = 0;
    const cut = l1 > 0 ? 2 * l1 - l1prev : -Infinity;
    for (let j = 0; j < cols; j++) {
      if (w[j] !== 0 || Math.abs(g[j]!) >= cut) {
        inSet[j] = 1;
        active[m++] = j;
      }
    }
    let thr = FIRST_THR * o.tol * model.nullObjective, epochs = 0, converged = false;
    let reason: StopReason = 'maxIter';
    let res = { primal: NaN, gap: null as number | null };
    let entering: number[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      yield* model.prepare(m);
      const inner = yield* model.solve(m, l1, l2, thr, o.maxIter - epochs, entering);
      epochs += inner.epochs;
      yield* model.refresh();
      if (inner.stop) {
        reason = inner.stop;
        res = yield* model.objective(R);
        break;
      }
      // KKT for every zero coordinate: |g_j| ≤ λ₁ (w_j = 0 is optimal). Violators outside the working
      // set join it; all of them are handed to the next solve as entering the support.
      let added = 0;
      entering = [];
      for (let j = 0; j < cols; j++) {
        if (w[j] !== 0 || !(Math.abs(g[j]!) > l1)) continue;
        if (!inSet[j]) {
          inSet[j] = 1;
          active[m++] = j;
          added++;
        }
        if (Math.abs(g[j]!) > l1 * (1 + 1e-9)) entering.push(j);
      }
      if (added > 0 && epochs < o.maxIter) continue;
      res = yield* model.objective(R);
      if (res.gap !== null ? res.gap <= o.tol * res.primal : maxAbs(g) <= o.tol * Math.max(gmax, 1e-300)) {
        converged = added === 0;
        reason = res.gap !== null ? 'gap' : 'kkt';
        break;
      }
      if (epochs >= o.maxIter) break;
      thr /= 10;
    }
    const fit: CdFit = { w: Float64Array.from(w), b: model.intercept(), objective: res.primal, gap: res.gap, epochs, converged, reason };
    fits.push(fit);
    onFit?.(k, fit);
    l1prev = l1;
  }
  return fits;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}
