// K-fold cross-validation over a path: the λ grid comes from all the data (as in cv.glmnet), each
// fold fits the path on the other folds and scores the held-out rows; λmin minimizes the mean
// error, λ1se is the largest λ within one standard error of that minimum.
import type { Engine } from '../engine/engine.js';
import { errRange, errType } from '../errors.js';
import { rng } from '../random.js';
import { checkCommon } from './check.js';
import { Design } from './design.js';
import { assertEngine } from './fit.js';
import { fitPath } from './path.js';
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
  const full = await fitPath(engine, base);
  const lambdas = full.lambdas;
  const n = c.X.rows;
  // Seeded permutation; fold of the row at position p is p mod K.
  const perm = Array.from({ length: n }, (_, i) => i);
  const rand = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const errs: number[][] = [];
  for (let k = 0; k < K; k++) {
    const test = perm.filter((_, p) => p % K === k).sort((a, b) => a - b);
    const train = perm.filter((_, p) => p % K !== k).sort((a, b) => a - b);
    const path = await fitPath(engine, {
      ...base, X: takeRows(c.X, train), y: train.map((i) => c.y[i]!), lambdas, warmStart: undefined,
    });
    const Xt = takeRows(c.X, test), yt = test.map((i) => c.y[i]!);
    const margins = await predictMargins(engine, Xt, path.fits);
    errs.push(margins.map((z) => score(metric, z, yt)));
    onProgress?.(k + 1, K);
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
  return { lambdas, meanError, seError, lambdaMin: lambdas[best]!, lambda1se: lambdas[oneSe]!, bestFit: full.fits[best]! };
}
