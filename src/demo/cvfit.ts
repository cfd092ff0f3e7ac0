// One penalty's regularization path with λ chosen by K-fold cross-validation (the library's
// crossValidate: the grid from all training data, folds stratified, the full-data path and the fold
// paths run concurrently), plus what the report plots: training error and nonzeros per λ.
import type { Engine } from '../engine/engine.js';
import type { CsrMatrix, FitResult, ModelsApi, PathPenalty } from '../cli/models-api.js';
import { classification, linearPredict } from './evaluate.js';
import { timed, type Progress } from './progress.js';

/** A penalty of the demo and its grid. */
export interface PenaltySpec { label: string; short: string; penalty: PathPenalty; l1Ratio: number; lambdaMinRatio: number }

// Grids end at lambdaMinRatio·λ_max, far enough down that CV picks a λ inside the grid. Ridge's λ_max
// uses glmnet's 10⁻³ floor on ρ, 1000× the lasso's, so its grid must reach further down to cover the
// same range of fits.
export const PENALTIES: PenaltySpec[] = [
  { label: 'L1 (lasso)', short: 'L1', penalty: 'l1', l1Ratio: 1, lambdaMinRatio: 1e-4 },
  { label: 'L2 (ridge)', short: 'L2', penalty: 'l2', l1Ratio: 0, lambdaMinRatio: 1e-7 },
  { label: 'elastic net ½', short: 'EN', penalty: 'elasticNet', l1Ratio: 0.5, lambdaMinRatio: 1e-4 },
];

export interface Data { X: CsrMatrix; y: Float64Array }

/** A path chosen by CV: the curve, both choices and the full-data fits. */
export interface CvRun {
  spec: PenaltySpec;
  lambdas: number[];
  /** CV misclassification rate per λ and its standard error over the folds. */
  cvError: number[];
  cvSe: number[];
  /** Misclassification rate on the training data itself per λ (the bias side of the picture). */
  trainError: number[];
  nnz: number[];
  /** Indices into `lambdas` of λ_min (lowest CV error) and λ_1se (largest λ within one SE of it). */
  iMin: number;
  i1se: number;
  fits: FitResult[];
  /** Wall time of the whole CV (full-data path and the fold paths), in seconds. */
  seconds: number;
  threads: number;
}

export interface CvSettings { nLambda: number; folds: number; seed: number }

/** Fits one penalty's path on `train` and chooses λ by K-fold CV of the misclassification rate. */
export async function cvPath(models: ModelsApi, engine: Engine, spec: PenaltySpec, train: Data, o: CvSettings, say: Progress, what: string): Promise<CvRun> {
  say(`${what}: ${o.folds}-fold CV of the ${spec.label} path (${o.nLambda} λ, ${engine.threads} thread${engine.threads > 1 ? 's' : ''})…`);
  const { value: cv, seconds } = await timed(() =>
    models.crossValidate(engine, {
      X: train.X, y: train.y, loss: 'logistic', penalty: spec.penalty, l1Ratio: spec.l1Ratio, standardize: false,
      nLambda: o.nLambda, lambdaMinRatio: spec.lambdaMinRatio, folds: o.folds, seed: o.seed, metric: 'accuracy',
    }),
  );
  const iMin = cv.lambdas.indexOf(cv.lambdaMin), i1se = cv.lambdas.indexOf(cv.lambda1se);
  const trainError = cv.fits.map((f) => 1 - classification(linearPredict(train.X, f.coef, f.intercept), train.y).accuracy);
  const unconverged = cv.fits.filter((f) => !f.converged);
  const edge = (i: number) => (i === cv.lambdas.length - 1 ? ' (the smallest λ of the grid)' : '');
  say(`${what}: ${spec.label} in ${seconds.toFixed(2)} s; CV error ${pctOf(cv.meanError[iMin]!)} at λ_min = ${cv.lambdaMin.toPrecision(3)}${edge(iMin)} ` +
    `(${cv.fits[iMin]!.nnz} nonzero), ${pctOf(cv.meanError[i1se]!)} at λ_1se = ${cv.lambda1se.toPrecision(3)}${edge(i1se)} (${cv.fits[i1se]!.nnz} nonzero)` +
    (unconverged.length ? `; ${unconverged.length} full-data fit(s) stopped before the default tolerance (${[...new Set(unconverged.map((f) => f.reason))].join(', ')})` : ''));
  return {
    spec, lambdas: cv.lambdas, cvError: cv.meanError, cvSe: cv.seError, trainError, nnz: cv.fits.map((f) => f.nnz),
    iMin, i1se, fits: cv.fits, seconds, threads: engine.threads,
  };
}

/** A rate as a percentage with two decimals ("2.35%"). */
export function pctOf(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/** Accuracy and F1 (spam = positive) of one fit on some data. */
export function scoreFit(fit: FitResult, d: Data): { accuracy: number; f1: number } {
  return classification(linearPredict(d.X, fit.coef, fit.intercept), d.y);
}
