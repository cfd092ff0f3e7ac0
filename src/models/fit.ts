// fitLinear: validates, picks a solver, runs it, and maps the solution back to the user's scale.
import type { Engine } from '../engine/engine.js';
import { moduleOf, type Regularizer } from '../engine/regularizers.js';
import { errType } from '../errors.js';
import { checkCommon, checkPenalty, type Checked } from './check.js';
import { cdFit } from './cd/run.js';
import { fistaPlan, type SolveOut } from './fista.js';
import { Problem } from './problem.js';
import type { FitOptions, FitResult } from './types.js';

export function assertEngine(engine: unknown): Engine {
  const e = engine as Engine;
  if (typeof e !== 'object' || e === null || typeof e.runAsync !== 'function')
    throw errType('engine', engine, 'an Engine from createEngine()');
  return e;
}

/**
 * 'auto': coordinate descent (proximal Newton for logistic loss) for every penalty with a separable
 * coordinate update (l1, l2, elasticNet: exact coordinate minimization, screening, warm starts);
 * FISTA for group lasso.
 */
export function pickSolver(c: Checked, R: Regularizer): 'fista' | 'cd' {
  if (c.solver !== 'auto') return c.solver;
  return moduleOf(R).cd(R).kind === 'separable' ? 'cd' : 'fista';
}

/** The user-facing result of a FISTA solution. */
export function toResult(P: Problem, out: SolveOut): FitResult {
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
    reason: out.converged ? (out.gap === null ? 'step' : 'gap') : 'maxIter',
    solver: 'fista',
  };
}

/** Runs FISTA for internal penalty Ri from (w0, b0). */
export function runFista(engine: Engine, P: Problem, Ri: Regularizer, w0: Float64Array, b0: number): Promise<SolveOut> {
  return engine.runAsync([], (ctx) => fistaPlan(ctx, P, Ri, w0, b0, P.c.tol, P.c.maxIter));
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
  if (pickSolver(c, R) === 'cd') return cdFit(engine, c, R);
  const P = new Problem(engine, c);
  try {
    const start = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : P.coldStart();
    return toResult(P, await runFista(engine, P, P.internal(R), start.w, start.b));
  } finally {
    P.free();
  }
}
