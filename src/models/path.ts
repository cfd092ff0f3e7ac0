// Regularization paths: glmnet's λ grid, warm starts, and sequential strong-rule screening
// (Tibshirani et al. 2012) with KKT checks for coordinate descent.
import type { Engine } from '../engine/engine.js';
import { elasticNet, l1, l2, type Regularizer } from '../engine/regularizers.js';
import { errRange, errType } from '../errors.js';
import { checkCommon, checkPenalty, type Checked } from './check.js';
import { cdSolve, gramTimes, type Gram } from './cd.js';
import { assertEngine, computeGram, pickSolver, runFista, toResult } from './fit.js';
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
 * λ_max = max_j |A_jᵀ(t − t̂₀)|/(n·max(ρ, 10⁻³)) on the user's scale: the smallest λ with an
 * all-zero solution for ρ > 0 (glmnet's rule, including its 10⁻³ floor for ridge).
 */
export function* lambdaMaxPlan(ctx: Parameters<Parameters<Engine['runAsync']>[1]>[0], P: Problem, rho: number) {
  const n = P.n;
  const base = P.c.loss === 'logistic' ? (P.hasB ? P.t.reduce((a, b) => a + b, 0) / n : 0.5) : 0;
  for (let i = 0; i < n; i++) P.r[i] = P.c.loss === 'logistic' ? P.t[i]! - base : P.t[i]!;
  const g = new Float64Array(P.d);
  yield* P.design.tmul(ctx, P.r, g);
  let m = 0;
  for (const x of g) m = Math.max(m, Math.abs(x));
  // The 1e-10 nudge keeps the first fit exactly all-zero despite rounding in the solvers.
  return (((m / n) * P.yScale) / Math.max(rho, 1e-3)) * (1 + 1e-10);
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
 * Fits a whole path with warm starts. Coordinate descent (squared loss, cols ≤ 512 or solver 'cd')
 * screens with the sequential strong rule and re-admits KKT violators; FISTA warm-starts only.
 */
export async function fitPath(engine: Engine, opts: PathOptions): Promise<PathResult> {
  assertEngine(engine);
  const c = checkCommon(opts);
  const rho = ratioOf(opts);
  const grid = checkGrid(opts, c);
  const onProgress = opts.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw errType('onProgress', onProgress, 'a function');
  const solver = pickSolver(c, checkPenalty(pathPenalty(1, rho), c));
  const P = new ProblemClass(engine, c);
  try {
    const lambdas = grid.lambdas ?? lambdaGrid(await engine.runAsync([], (ctx) => lambdaMaxPlan(ctx, P, rho)), grid.nLambda, grid.ratio);
    const penalties = lambdas.map((l) => pathPenalty(l, rho));
    const fits: FitResult[] = [];
    const start = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : P.coldStart();
    let w = start.w, b = start.b;
    if (solver === 'cd') {
      const gram = await computeGram(engine, P);
      const h = gramTimes(gram, w); // cdSolve keeps h = G·w as it updates w
      let prevL1 = Infinity;
      for (let k = 0; k < lambdas.length; k++) {
        const Ri = P.internal(penalties[k]!);
        const active = strongSet(gram, P.n, w, h, Ri, prevL1);
        const out = cdSolve(gram, P.n, Ri, w, h, active, c.tol, c.maxIter);
        fits.push(toResult(P, { ...out, w: Float64Array.from(out.w) }, 'cd'));
        prevL1 = l1Of(Ri);
        onProgress?.(k + 1, lambdas.length);
      }
    } else {
      for (let k = 0; k < lambdas.length; k++) {
        const out = await runFista(engine, P, P.internal(penalties[k]!), w, b);
        fits.push(toResult(P, out, 'fista'));
        w = out.w;
        b = out.b;
        onProgress?.(k + 1, lambdas.length);
      }
    }
    return { lambdas, fits, penalties };
  } finally {
    P.free();
  }
}

function l1Of(R: Regularizer): number {
  return R.kind === 'l1' ? R.lambda : R.kind === 'elasticNet' ? R.l1 : 0;
}

/**
 * Sequential strong rule: keep j if w_j ≠ 0 or |(q − Gw)_j|/n ≥ 2λ₁ − λ₁_prev. Null (no screening)
 * without an L1 part or at the first λ.
 */
function strongSet(gr: Gram, n: number, w: Float64Array, h: Float64Array, R: Regularizer, prevL1: number): Uint8Array | null {
  const lam = l1Of(R);
  if (!(lam > 0) || !Number.isFinite(prevL1)) return null;
  const cut = 2 * lam - prevL1;
  const active = new Uint8Array(w.length);
  for (let j = 0; j < w.length; j++) active[j] = w[j] !== 0 || Math.abs(gr.q[j]! - h[j]!) / n >= cut ? 1 : 0;
  return active;
}
