// K-fold cross-validation over a path: the λ grid comes from all the data (as in cv.glmnet), each
// fold fits the path on the other folds and scores the held-out rows; λmin minimizes the mean
// error, λ1se is the largest λ within one standard error of that minimum. With coordinate descent
// the full-data path and the K fold paths run as tasks, concurrently on the engine's threads (each
// path on one thread), so the result does not depend on the thread count.
import type { Engine } from '../engine/engine.js';
import { errRange, errType } from '../errors.js';
import { rng, shuffle } from '../random.js';
import { checkCommon, checkPenalty, type Checked } from './check.js';
import { cdFitPaths } from './cd/run.js';
import { Design } from './design.js';
import { assertEngine, pickSolver } from './fit.js';
import { fitPath, pathGrid, pathPenalty, ratioOf } from './path.js';
import type { CvMetric, CvOptions, CvResult, FitResult, Matrix } from './types.js';

/** Rows [i in rows] of X, in that order. */
export function takeRows(X: Matrix, rows: number[]): Matrix {
  const d = X.cols;
  if (X.kind === 'dense') {
    const data = new (X.data.constructor as Float64ArrayConstructor)(rows.length * d);
    rows.forEach((r, i) => data.set(X.data.subarray(r * d, (r + 1) * d), i * d));
    return { kind: 'dense', rows: rows.length, cols: d, data };
  }
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i]! + X.indptr[r + 1]! - X.indptr[r]!));
  const nnz = indptr[rows.length]!;
  const indices = new Int32Array(nnz);
  const data = new (X.data.constructor as Float64ArrayConstructor)(nnz);
  rows.forEach((r, i) => {
    indices.set(X.indices.subarray(X.indptr[r]!, X.indptr[r + 1]!), indptr[i]!);
    data.set(X.data.subarray(X.indptr[r]!, X.indptr[r + 1]!), indptr[i]!);
  });
  return { kind: 'csr', rows: rows.length, cols: d, indptr, indices, data };
}

/** Margins X·coef + b for each fit, computed with the engine's X·w kernel. */
export async function predictMargins(engine: Engine, X: Matrix, fits: FitResult[]): Promise<Float64Array[]> {
  const design = new Design(engine, X, false, false);
  try {
    const z = design.vector();
    return await engine.runAsync([], function* () {
      const out: Float64Array[] = [];
      for (const f of fits) {
        yield* design.mul(f.coef, f.intercept, z);
        out.push(Float64Array.from(z));
      }
      return out;
    });
  } finally {
    design.free();
  }
}

/** Mean error of margins z against y. */
export function score(metric: CvMetric, z: Float64Array, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!, yi = y[i]!;
    if (metric === 'mse') s += (yi - zi) * (yi - zi);
    else if (metric === 'accuracy') s += (zi > 0 ? 1 : 0) === yi ? 0 : 1;
    else s += 2 * (Math.max(zi, 0) + Math.log1p(Math.exp(-Math.abs(zi))) - yi * zi);
  }
  return s / z.length;
}

/**
 * The fold of each row: a seeded shuffle dealt round-robin into K folds. For logistic loss the deal
 * is stratified (each class shuffled and dealt in turn), so every training set holds both classes.
 */
export function foldOf(y: ArrayLike<number>, stratify: boolean, K: number, seed: number): Int32Array {
  const n = y.length, rand = rng(seed), fold = new Int32Array(n);
  const groups = stratify ? [0, 1].map((c) => Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === c)) : [Array.from({ length: n }, (_, i) => i)];
  let dealt = 0;
  for (const g of groups) for (const row of shuffle(g, rand)) fold[row] = dealt++ % K;
  return fold;
}

/** K-fold CV over the path of `opts`. */
export async function crossValidate(engine: Engine, opts: CvOptions): Promise<CvResult> {
  assertEngine(engine);
  const c = checkCommon(opts);
  const K = opts.folds ?? 5;
  if (!Number.isInteger(K) || K < 2 || K > c.X.rows) throw errRange('folds', K, `an integer in [2, X.rows = ${c.X.rows}]`);
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw errRange('seed', seed, 'an integer');
  const metric = opts.metric ?? (c.loss === 'logistic' ? 'deviance' : 'mse');
  if (metric !== 'mse' && metric !== 'deviance' && metric !== 'accuracy') throw errType('metric', metric, "'mse', 'deviance' or 'accuracy'");
  if (metric !== 'mse' && c.loss !== 'logistic') throw errRange('metric', metric, "'mse' for squared loss");
  const { onProgress, ...base } = opts;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw errType('onProgress', onProgress, 'a function');
  const rho = ratioOf(opts);
  const gridFrom = pathGrid(opts, c, rho);
  const fold = foldOf(c.y, c.loss === 'logistic', K, seed);
  const rowsOf = (k: number, held: boolean) => Array.from({ length: c.X.rows }, (_, i) => i).filter((i) => (fold[i] === k) === held);
  const train = (k: number): Checked => {
    const rows = rowsOf(k, false);
    return { ...c, X: takeRows(c.X, rows), y: Float64Array.from(rows, (i) => c.y[i]!), warmStart: undefined };
  };

  let lambdas: number[], fits: FitResult[][];
  if (pickSolver(c, checkPenalty(pathPenalty(1, rho), c)) === 'cd') {
    ({ lambdas, fits } = await cdFitPaths(engine, c, Array.from({ length: K }, (_, k) => train(k)), gridFrom, onProgress));
  } else {
    // FISTA (group lasso or solver: 'fista'): one path after the other, the grid from all the data.
    const full = await fitPath(engine, base);
    lambdas = full.lambdas;
    fits = [full.fits];
    for (let k = 0; k < K; k++) {
      const t = train(k);
      fits.push((await fitPath(engine, { ...base, X: t.X, y: t.y, lambdas, warmStart: undefined })).fits);
      onProgress?.(k + 1, K);
    }
  }
  const errs: number[][] = [];
  for (let k = 0; k < K; k++) {
    const test = rowsOf(k, true);
    const margins = await predictMargins(engine, takeRows(c.X, test), fits[k + 1]!);
    errs.push(margins.map((z) => score(metric, z, test.map((i) => c.y[i]!))));
  }
  const meanError = lambdas.map((_, l) => errs.reduce((a, e) => a + e[l]!, 0) / K);
  const seError = lambdas.map((_, l) => {
    const m = meanError[l]!;
    const v = errs.reduce((a, e) => a + (e[l]! - m) ** 2, 0) / (K - 1);
    return Math.sqrt(v / K);
  });
  let best = 0;
  for (let l = 1; l < lambdas.length; l++) if (meanError[l]! < meanError[best]!) best = l;
  const bound = meanError[best]! + seError[best]!;
  let oneSe = best;
  for (let l = 0; l < lambdas.length; l++)
    if (meanError[l]! <= bound && lambdas[l]! > lambdas[oneSe]!) oneSe = l;
  return { lambdas, meanError, seError, lambdaMin: lambdas[best]!, lambda1se: lambdas[oneSe]!, bestFit: fits[0]![best]!, fits: fits[0]! };
}
