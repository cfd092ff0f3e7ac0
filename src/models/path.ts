// Regularization paths: glmnet's λ grid and warm starts; coordinate descent screens with the
// sequential strong rule (Tibshirani et al. 2012) and KKT checks (src/models/cd/path-loop.ts).
import type { Engine } from '../engine/engine.js';
import { elasticNet, l1, l2, type Regularizer } from '../engine/regularizers.js';
import { errRange, errType } from '../errors.js';
import { checkCommon, checkPenalty, type Checked } from './check.js';
import { cdFitPath } from './cd/run.js';
import { assertEngine, pickSolver, runFista, toResult } from './fit.js';
import type { Problem } from './problem.js';
import { Problem as ProblemClass } from './problem.js';
import type { FitResult, PathOptions, PathResult } from './types.js';

/** ρ of a path penalty. */
export function ratioOf(opts: Pick<PathOptions, 'penalty' | 'l1Ratio'>): number {
  if (opts.penalty === 'l1') return 1;
  if (opts.penalty === 'l2') return 0;
  if (opts.penalty !== 'elasticNet') throw errType('penalty', opts.penalty, "'l1', 'l2' or 'elasticNet'");
  const r = opts.l1Ratio ?? 0.5;
  if (typeof r !== 'number' || !(r >= 0 && r <= 1)) throw errRange('l1Ratio', r, 'in [0, 1]');
  return r;
}

/** The regularizer of λ on a path: λ·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖²). */
export function pathPenalty(lambda: number, rho: number): Regularizer {
  if (rho === 1) return l1(lambda);
  if (rho === 0) return l2(lambda / 2);
  return elasticNet({ l1: lambda * rho, l2: (lambda * (1 - rho)) / 2 });
}

/**
 * ‖Aᵀρ₀‖∞/n on the user's scale, ρ₀ the null model's residual (y − ȳ for logistic loss): with the
 * 10⁻³ floor on ρ for ridge, λ_max = that/max(ρ, 10⁻³) is the smallest λ with an all-zero solution
 * (glmnet's rule); a 10⁻¹⁰ nudge keeps the first fit exactly zero despite rounding.
 */
export function* gradMaxPlan(ctx: Parameters<Parameters<Engine['runAsync']>[1]>[0], P: Problem) {
  const n = P.n;
  const base = P.c.loss === 'logistic' ? (P.hasB ? P.t.reduce((a, b) => a + b, 0) / n : 0.5) : 0;
  for (let i = 0; i < n; i++) P.r[i] = P.c.loss === 'logistic' ? P.t[i]! - base : P.t[i]!;
  const g = new Float64Array(P.d);
  yield* P.design.tmul(ctx, P.r, g);
  let m = 0;
  for (const x of g) m = Math.max(m, Math.abs(x));
  return (m / n) * P.yScale;
}

/** A path's λ values and regularizers, from λ_max's numerator ‖Aᵀρ₀‖∞/n (see gradMaxPlan). */
export type GridFrom = (gradMax: number) => { lambdas: number[]; penalties: Regularizer[] };

/** Checks the path options that define the grid and returns the grid maker (explicit λ or glmnet's). */
export function pathGrid(opts: PathOptions, c: Checked, rho: number): GridFrom {
  const grid = checkGrid(opts, c);
  return (gradMax) => {
    const lambdas = grid.lambdas ?? lambdaGrid((gradMax / Math.max(rho, 1e-3)) * (1 + 1e-10), grid.nLambda, grid.ratio);
    return { lambdas, penalties: lambdas.map((l) => pathPenalty(l, rho)) };
  };
}

function checkGrid(opts: PathOptions, c: Checked): { nLambda: number; ratio: number; lambdas?: number[] } {
  if (opts.lambdas !== undefined) {
    if (!Array.isArray(opts.lambdas) || opts.lambdas.length === 0) throw errType('lambdas', opts.lambdas, 'a non-empty array of numbers >= 0');
    opts.lambdas.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw errRange(`lambdas[${i}]`, v, 'a finite number >= 0');
    });
    return { nLambda: opts.lambdas.length, ratio: 0, lambdas: opts.lambdas.slice() };
  }
  const nLambda = opts.nLambda ?? 100;
  if (!Number.isInteger(nLambda) || nLambda < 1) throw errRange('nLambda', nLambda, 'an integer >= 1');
  const ratio = opts.lambdaMinRatio ?? (c.X.rows > c.X.cols ? 1e-4 : 1e-2);
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio < 1)) throw errRange('lambdaMinRatio', ratio, 'in (0, 1)');
  return { nLambda, ratio };
}

/** glmnet's grid: nLambda values from λ_max down to ratio·λ_max, evenly spaced in log. */
export function lambdaGrid(lambdaMax: number, nLambda: number, ratio: number): number[] {
  if (nLambda === 1) return [lambdaMax];
  return Array.from({ length: nLambda }, (_, k) => lambdaMax * Math.pow(ratio, k / (nLambda - 1)));
}

/**
 * Fits a whole path with warm starts. Coordinate descent (every separable penalty) screens with the
 * sequential strong rule, re-admits KKT violators and stops each λ on the duality gap; FISTA
 * (solver 'fista') warm-starts only.
 */
export async function fitPath(engine: Engine, opts: PathOptions): Promise<PathResult> {
  assertEngine(engine);
  const c = checkCommon(opts);
  const rho = ratioOf(opts);
  const gridFrom = pathGrid(opts, c, rho);
  const onProgress = opts.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw errType('onProgress', onProgress, 'a function');
  const solver = pickSolver(c, checkPenalty(pathPenalty(1, rho), c));
  if (solver === 'cd') return cdFitPath(engine, c, gridFrom, onProgress);
  const P = new ProblemClass(engine, c);
  try {
    const { lambdas, penalties } = gridFrom(await engine.runAsync([], (ctx) => gradMaxPlan(ctx, P)));
    const fits: FitResult[] = [];
    const start = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : P.coldStart();
    let w = start.w, b = start.b;
    for (let k = 0; k < lambdas.length; k++) {
      const out = await runFista(engine, P, P.internal(penalties[k]!), w, b);
      fits.push(toResult(P, out));
      w = out.w;
      b = out.b;
      onProgress?.(k + 1, lambdas.length);
    }
    return { lambdas, fits, penalties };
  } finally {
    P.free();
  }
}
