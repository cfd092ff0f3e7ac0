// fitLinear: validates, prepares the problem in engine memory, runs one solver plan, and maps the
// solution back to the user's scale.
import type { Engine } from '../engine/engine.js';
import type { Regularizer } from '../engine/regularizers.js';
import { errType } from '../errors.js';
import { checkCommon, checkPenalty, type Checked } from './check.js';
import { cdSolve, gramPlan, gramTimes, type Gram } from './cd.js';
import { fistaPlan, type SolveOut } from './fista.js';
import { Problem } from './problem.js';
import type { FitOptions, FitResult } from './types.js';

/** Largest column count for which 'auto' picks coordinate descent (its Gram matrix is d×d). */
export const CD_MAX_COLS = 512;

export function assertEngine(engine: unknown): Engine {
  const e = engine as Engine;
  if (typeof e !== 'object' || e === null || typeof e.runAsync !== 'function')
    throw errType('engine', engine, 'an Engine from createEngine()');
  return e;
}

export function pickSolver(c: Checked, R: Regularizer): 'fista' | 'cd' {
  if (c.solver !== 'auto') return c.solver;
  return c.loss === 'squared' && R.kind !== 'groupLasso' && c.X.cols <= CD_MAX_COLS ? 'cd' : 'fista';
}

/** The user-facing result of an internal solution. */
export function toResult(P: Problem, out: SolveOut, solver: 'fista' | 'cd'): FitResult {
  const { coef, intercept } = P.toUser(out.w, out.b);
  let nnz = 0;
  for (const x of coef) if (x !== 0) nnz++;
  const s2 = P.yScale * P.yScale;
  return {
    coef, intercept, nnz,
    objective: out.objective * s2,
    gap: out.gap === null ? null : out.gap * s2,
    iterations: out.iterations,
    converged: out.converged,
    solver,
  };
}

/** Runs FISTA for internal penalty Ri from (w0, b0). */
export function runFista(engine: Engine, P: Problem, Ri: Regularizer, w0: Float64Array, b0: number): Promise<SolveOut> {
  return engine.runAsync([], (ctx) => fistaPlan(ctx, P, Ri, w0, b0, P.c.tol, P.c.maxIter));
}

/** The Gram matrix of a prepared problem (one engine plan). */
export function computeGram(engine: Engine, P: Problem): Promise<Gram> {
  return engine.runAsync([], (ctx) => gramPlan(ctx, P));
}

/**
 * Fits penalized linear (squared loss) or logistic regression. Objective:
 * squared (1/(2n))‖y − Xw − b‖² + R(w); logistic (1/n)Σ[log(1 + e^{z}) − y·z] + R(w), z = Xw + b;
 * b unpenalized. See docs/models.md for solvers and stopping rules.
 */
export async function fitLinear(engine: Engine, opts: FitOptions): Promise<FitResult> {
  assertEngine(engine);
  const c = checkCommon(opts);
  const R = checkPenalty(opts.penalty, c);
  const solver = pickSolver(c, R);
  const P = new Problem(engine, c);
  try {
    const Ri = P.internal(R);
    const start = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : P.coldStart();
    if (solver === 'cd') {
      const gram = await computeGram(engine, P);
      const out = cdSolve(gram, P.n, Ri, start.w, gramTimes(gram, start.w), null, c.tol, c.maxIter);
      return toResult(P, out, 'cd');
    }
    return toResult(P, await runFista(engine, P, Ri, start.w, start.b), 'fista');
  } finally {
    P.free();
  }
}
