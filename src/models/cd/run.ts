// fitLinear and fitPath with coordinate descent: prepare the problem, run the λ loop as one engine
// plan (sweeps and Gram columns may shard over the pool; epochs run on one thread), and map the
// fits back to the user's scale.
import type { Engine } from '../../engine/engine.js';
import type { Regularizer } from '../../engine/regularizers.js';
import type { Checked } from '../check.js';
import type { GridFrom } from '../path.js';
import type { Plan } from '../../kernels/types.js';
import type { FitResult } from '../types.js';
import { cdPath, type CdFit } from './path-loop.js';
import { Held } from '../held.js';
import { CdProblem, squaredMode } from './problem.js';
import { jobDone, jobFits, pathJob, PATH_TASK } from './task.js';

export function newCdProblem(engine: Engine, c: Checked): CdProblem {
  return new CdProblem(engine, c, c.loss === 'logistic' ? 'newton' : squaredMode(c));
}

/** A CD fit on the user's scale. */
export function cdResult(P: CdProblem, f: CdFit): FitResult {
  const { coef, intercept } = P.toUser(f.w, f.b);
  let nnz = 0;
  for (const x of coef) if (x !== 0) nnz++;
  const s2 = P.yScale * P.yScale;
  return {
    coef, intercept, nnz, objective: f.objective * s2, gap: f.gap === null ? null : f.gap * s2,
    iterations: f.epochs, converged: f.converged, reason: f.reason, solver: 'cd',
  };
}

/** One penalty from the warm start (or the null model). */
export async function cdFit(engine: Engine, c: Checked, R: Regularizer): Promise<FitResult> {
  const P = newCdProblem(engine, c);
  try {
    const start = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : P.coldStart();
    const [fit] = await engine.runAsync([], () => cdPath(P.model, [P.internal(R)], c, start));
    return cdResult(P, fit!);
  } finally {
    P.free();
  }
}

/**
 * Starts the model at the null model and returns ‖x̃ᵀρ₀‖∞/n on the user's scale (λ_max's numerator,
 * what a path's grid is made from; see path.ts gradMaxPlan for FISTA's twin).
 */
function* nullGradMax(P: CdProblem): Plan<number> {
  const cold = P.coldStart();
  yield* P.model.start(cold.w, cold.b);
  let m = 0;
  for (const x of P.model.g) m = Math.max(m, Math.abs(x));
  return m * P.yScale;
}

/**
 * A whole path: the grid from the null model's gradient (λ_max = ‖x̃ᵀρ₀‖∞/n·s_y/max(ρ, 10⁻³)) unless
 * given, then every λ warm-started from the previous one.
 */
export async function cdFitPath(
  engine: Engine, c: Checked, grid: GridFrom,
  onProgress?: (i: number, total: number) => void,
): Promise<{ lambdas: number[]; penalties: Regularizer[]; fits: FitResult[] }> {
  const P = newCdProblem(engine, c);
  try {
    return await engine.runAsync([], function* () {
      const { lambdas, penalties } = grid(yield* nullGradMax(P));
      const warm = c.warmStart ? P.toInternal(c.warmStart.coef, c.warmStart.intercept) : null;
      const fits = yield* cdPath(P.model, penalties.map((R) => P.internal(R)), c, warm,
        (k) => onProgress?.(k + 1, lambdas.length));
      return { lambdas, penalties, fits: fits.map((f) => cdResult(P, f)) };
    });
  } finally {
    P.free();
  }
}

/**
 * Paths on several problems over one grid (the first problem's: cross-validation's full data),
 * run as concurrent tasks; returns the grid and each problem's fits. `onProgress(i, folds)` counts
 * the finished paths after the first.
 */
export async function cdFitPaths(
  engine: Engine, full: Checked, folds: Checked[], grid: GridFrom,
  onProgress?: (i: number, total: number) => void,
): Promise<{ lambdas: number[]; fits: FitResult[][] }> {
  const problems: CdProblem[] = [];
  const held = new Held(engine);
  try {
    for (const c of [full, ...folds]) problems.push(newCdProblem(engine, c));
    const P0 = problems[0]!;
    const { lambdas, penalties } = grid(await engine.runAsync([], () => nullGradMax(P0)));
    const jobs = problems.map((P) => pathJob(held, P, penalties.map((R) => P.internal(R)), P.coldStart().b));
    let reported = 0;
    const poll = () => {
      let done = 0;
      for (let k = 1; k < jobs.length; k++) if (jobDone(jobs[k]!)) done++;
      // (The increment stays outside the optional call: `f?.(++x)` skips its arguments when f is absent.)
      for (; reported < done; reported++) onProgress?.(reported + 1, folds.length);
    };
    await engine.runTasks(jobs.map((j) => ({ task: PATH_TASK, args: [j.desc.byteOffset, j.desc.length] })), poll);
    poll();
    return { lambdas, fits: jobs.map((j) => jobFits(j).map((f) => cdResult(j.problem, f))) };
  } finally {
    held.free();
    for (const P of problems) P.free();
  }
}
