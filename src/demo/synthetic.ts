// The synthetic experiment: the same design matrix and noise with a sparse and with a dense true
// signal. L1 should win (lower test MSE) on the sparse one and L2 on the dense one: which penalty
// fits depends on the structure of the true signal, not on the penalty being "better".
import type { Engine } from '../engine/engine.js';
import type { DenseMatrix, ModelsApi, PathPenalty } from '../cli/models-api.js';
import { gaussian, linearPredict, mse, rng } from './evaluate.js';
import type { Progress } from './progress.js';

export interface SyntheticOptions {
  /** Training rows (validation gets as many, test 4×). */
  n: number;
  /** Features. */
  d: number;
  /** Nonzero coefficients of the sparse signal. */
  k: number;
  /** Noise standard deviation. */
  noise: number;
  nLambda: number;
  seed: number;
}

export interface SignalResult {
  signal: 'sparse' | 'dense';
  trueNonzeros: number;
  /** Per penalty: the λ chosen on validation MSE, its nonzeros and its test MSE. */
  l1: { lambda: number; nnz: number; testMse: number };
  l2: { lambda: number; nnz: number; testMse: number };
  winner: 'L1' | 'L2';
}

function designMatrix(rows: number, d: number, normal: () => number): DenseMatrix {
  return { kind: 'dense', rows, cols: d, data: Float64Array.from({ length: rows * d }, normal) };
}

/**
 * True coefficients with the same squared norm (signal variance) in both cases: `k` entries of
 * ±sqrt(S/k) for the sparse signal, all `d` entries N(0, S/d) rescaled to norm² S for the dense one.
 */
export function trueSignal(kind: 'sparse' | 'dense', d: number, k: number, normal: () => number, uniform: () => number): Float64Array {
  const energy = 4 * k;
  const beta = new Float64Array(d);
  if (kind === 'sparse') {
    for (let placed = 0; placed < k; ) {
      const j = Math.floor(uniform() * d);
      if (beta[j] === 0) {
        beta[j] = (uniform() < 0.5 ? -1 : 1) * Math.sqrt(energy / k);
        placed++;
      }
    }
  } else {
    for (let j = 0; j < d; j++) beta[j] = normal();
    const scale = Math.sqrt(energy / beta.reduce((s, b) => s + b * b, 0));
    for (let j = 0; j < d; j++) beta[j]! *= scale;
  }
  return beta;
}

async function bestOnValidation(
  models: ModelsApi, engine: Engine, penalty: PathPenalty, nLambda: number,
  tr: { X: DenseMatrix; y: Float64Array }, va: { X: DenseMatrix; y: Float64Array }, te: { X: DenseMatrix; y: Float64Array },
) {
  // Ridge's λ_max carries glmnet's 10⁻³ floor on ρ (1000× the lasso's), so its grid reaches further down.
  const lambdaMinRatio = penalty === 'l2' ? 1e-7 : 1e-3;
  const path = await models.fitPath(engine, { X: tr.X, y: tr.y, loss: 'squared', penalty, nLambda, lambdaMinRatio, standardize: false });
  const val = path.fits.map((f) => mse(linearPredict(va.X, f.coef, f.intercept), va.y));
  let best = 0;
  val.forEach((e, i) => (e < val[best]! ? (best = i) : 0));
  const fit = path.fits[best]!;
  return { lambda: path.lambdas[best]!, nnz: fit.nnz, testMse: mse(linearPredict(te.X, fit.coef, fit.intercept), te.y) };
}

/** Runs both signals through L1 and L2 paths (squared loss) and reports test MSE of each choice. */
export async function runSynthetic(models: ModelsApi, engine: Engine, o: SyntheticOptions, say: Progress): Promise<SignalResult[]> {
  const results: SignalResult[] = [];
  for (const signal of ['sparse', 'dense'] as const) {
    const uniform = rng(o.seed);
    const normal = gaussian(uniform);
    const beta = trueSignal(signal, o.d, o.k, normal, uniform);
    const make = (rows: number) => {
      const X = designMatrix(rows, o.d, normal);
      const clean = linearPredict(X, beta, 0);
      return { X, y: clean.map((v) => v + o.noise * normal()) };
    };
    const tr = make(o.n), va = make(o.n), te = make(4 * o.n);
    const l1 = await bestOnValidation(models, engine, 'l1', o.nLambda, tr, va, te);
    const l2 = await bestOnValidation(models, engine, 'l2', o.nLambda, tr, va, te);
    const r: SignalResult = { signal, trueNonzeros: beta.filter((b) => b !== 0).length, l1, l2, winner: l1.testMse < l2.testMse ? 'L1' : 'L2' };
    say(`synthetic ${signal} signal (${r.trueNonzeros} of ${o.d} true weights nonzero, n = ${o.n}): ` +
      `test MSE L1 ${l1.testMse.toFixed(3)}, L2 ${l2.testMse.toFixed(3)} → ${r.winner} wins`);
    results.push(r);
  }
  return results;
}
