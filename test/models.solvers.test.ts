// The coordinate-descent solvers (issue 9): the default tolerance's guarantee against tightly
// converged references, both squared-loss modes, logistic edge cases, strong-rule paths, and
// cross-validation run as tasks (thread-count independence, stratified folds, progress).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngine, crossValidate, elasticNet, fitLinear, fitPath, l1, l2,
  type DenseMatrix, type Engine, type FitOptions, type Matrix, type Regularizer,
} from '../src/index.js';
import { foldOf } from '../src/models/cv.js';
import { squaredMode } from '../src/models/cd/problem.js';
import { rng } from './support/data.js';
import { maxDiff, problem, toCsr } from './support/models.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ threads: 1 });
});
afterAll(() => engine.close());

const tall = problem(150, 30, 21);
const sparse = problem(120, 40, 22, true);
const wide = problem(40, 90, 23);

/** Objective at the default tolerance vs a reference converged to a gap of 1e-13 of the objective. */
async function defaultVsTight(opts: FitOptions): Promise<{ rel: number; fit: Awaited<ReturnType<typeof fitLinear>> }> {
  const fit = await fitLinear(engine, opts);
  const ref = await fitLinear(engine, { ...opts, tol: 1e-13, maxIter: 200000 });
  expect(ref.converged).toBe(true);
  return { rel: (fit.objective - ref.objective) / ref.objective, fit };
}

describe('default tolerance: objective within 1e-6 (relative) of the optimum', () => {
  const cases: [string, Matrix, Float64Array, 'squared' | 'logistic', Regularizer, boolean][] = [
    ['squared, tall dense (covariance mode), l1', tall.dense, tall.y, 'squared', l1(0.02), false],
    ['squared, tall dense, elastic net, standardized', tall.dense, tall.y, 'squared', elasticNet({ l1: 0.01, l2: 0.05 }), true],
    ['squared, wide dense (naive mode), l1', wide.dense, wide.y, 'squared', l1(0.05), false],
    ['squared, CSR (implicit centring), l1, standardized', sparse.csr, sparse.y, 'squared', l1(0.01), true],
    ['logistic, dense, l1', tall.dense, tall.yb, 'logistic', l1(0.005), false],
    ['logistic, CSR, l1, standardized', sparse.csr, sparse.yb, 'logistic', l1(0.004), true],
    ['logistic, CSR, elastic net', sparse.csr, sparse.yb, 'logistic', elasticNet({ l1: 0.003, l2: 0.01 }), false],
    ['logistic, wide dense, ridge', wide.dense, wide.yb, 'logistic', l2(0.01), false],
  ];
  for (const [name, X, y, loss, penalty, standardize] of cases) {
    it(name, async () => {
      const { rel, fit } = await defaultVsTight({ X, y, loss, penalty, standardize });
      expect(fit.solver).toBe('cd');
      expect(fit.converged).toBe(true);
      expect(fit.reason).toBe('gap');
      expect(fit.gap!).toBeLessThanOrEqual(1e-6 * fit.objective);
      expect(rel).toBeLessThanOrEqual(1e-6);
      expect(rel).toBeGreaterThanOrEqual(-1e-12); // the reference is the lower one, up to rounding
    });
  }
});

describe('solvers agree', () => {
  it('squared loss: covariance mode (tall), naive mode (wide and CSR) and FISTA give the same fit', async () => {
    expect(squaredMode({ X: tall.dense })).toBe('covariance');
    expect(squaredMode({ X: wide.dense })).toBe('naive');
    for (const { X, y } of [{ X: tall.dense, y: tall.y }, { X: wide.dense, y: wide.y }, { X: toCsr(wide.dense), y: wide.y }]) {
      const cd = await fitLinear(engine, { X, y, penalty: l1(0.03), tol: 1e-12 });
      const fista = await fitLinear(engine, { X, y, penalty: l1(0.03), solver: 'fista', tol: 1e-12, maxIter: 200000 });
      expect(maxDiff(cd.coef, fista.coef)).toBeLessThan(1e-6);
      expect(Math.abs(cd.intercept - fista.intercept)).toBeLessThan(1e-6);
    }
  });

  it('logistic: a strong-rule path matches cold FISTA fits at each λ', async () => {
    const path = await fitPath(engine, { X: sparse.csr, y: sparse.yb, loss: 'logistic', penalty: 'l1', nLambda: 12, lambdaMinRatio: 0.02, tol: 1e-10 });
    expect(path.fits.every((f) => f.converged && f.solver === 'cd')).toBe(true);
    for (const k of [3, 7, 11]) {
      const cold = await fitLinear(engine, { X: sparse.csr, y: sparse.yb, loss: 'logistic', penalty: path.penalties[k]!, solver: 'fista', tol: 1e-12, maxIter: 200000 });
      expect(maxDiff(cold.coef, path.fits[k]!.coef)).toBeLessThan(1e-4);
    }
  });
});

describe('edge cases end with a reason, never a hang', () => {
  // Separable by x₀: the unpenalized optimum is at infinity.
  const n = 40, r = rng(5);
  const X: DenseMatrix = { kind: 'dense', rows: n, cols: 2, data: new Float64Array(2 * n).map((_, i) => (i % 2 === 0 ? (i < n ? -1 : 1) * (0.5 + r()) : r() - 0.5)) };
  const y = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));

  it('no penalty on separable data: converged false, reason separable', async () => {
    const fit = await fitLinear(engine, { X, y, loss: 'logistic', penalty: l2(0) });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toBe('separable');
    expect(Number.isFinite(fit.coef[0]!)).toBe(true);
  });

  it('a small penalty on separable data has a finite optimum and converges', async () => {
    const fit = await fitLinear(engine, { X, y, loss: 'logistic', penalty: l1(1e-4) });
    expect(fit.converged).toBe(true);
    expect(fit.reason).toBe('gap');
    expect(fit.coef[0]!).toBeGreaterThan(5);
  });

  it('maxIter (CD epochs) ends a fit with reason maxIter', async () => {
    const fit = await fitLinear(engine, { X: wide.dense, y: wide.y, penalty: l1(1e-3), maxIter: 2, tol: 1e-14 });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toBe('maxIter');
  });
});

describe('cross-validation as tasks', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const t of [2, 3]) engines.push(await createEngine({ threads: t }));
  });
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('gives bitwise the same curves and fits for 1, 2 and 3 threads; the full-data fits equal fitPath', async () => {
    for (const opts of [
      { X: sparse.csr, y: sparse.yb, loss: 'logistic' as const, penalty: 'l1' as const, nLambda: 10, lambdaMinRatio: 0.02 },
      { X: tall.dense, y: tall.y, penalty: 'elasticNet' as const, nLambda: 10 },
    ]) {
      const one = await crossValidate(engine, { ...opts, folds: 4 });
      for (const e of engines) {
        const many = await crossValidate(e, { ...opts, folds: 4 });
        expect(many.meanError).toEqual(one.meanError);
        expect(many.seError).toEqual(one.seError);
        expect(Array.from(many.bestFit.coef)).toEqual(Array.from(one.bestFit.coef));
      }
      const path = await fitPath(engines[0]!, opts);
      const k = path.lambdas.indexOf(one.lambdaMin);
      expect(Array.from(path.fits[k]!.coef)).toEqual(Array.from(one.bestFit.coef));
      expect(path.fits[k]!.intercept).toBe(one.bestFit.intercept);
      // The full-data path comes back whole: every λ's fit is fitPath's, bestFit is one of them.
      expect(one.fits).toHaveLength(path.lambdas.length);
      expect(one.fits[k]).toBe(one.bestFit);
      one.fits.forEach((f, l) => expect(Array.from(f.coef)).toEqual(Array.from(path.fits[l]!.coef)));
    }
  });

  it('stratifies logistic folds: a rare class in every training set', async () => {
    const n = 60;
    const y = Float64Array.from({ length: n }, (_, i) => (i % 15 === 0 ? 1 : 0)); // 4 positives
    const fold = foldOf(y, true, 4, 1);
    for (let k = 0; k < 4; k++) expect([...y].filter((v, i) => v === 1 && fold[i] === k)).toHaveLength(1);
    const X: DenseMatrix = { kind: 'dense', rows: n, cols: 3, data: new Float64Array(3 * n).map(rng(2)) };
    const cv = await crossValidate(engines[0]!, { X, y, loss: 'logistic', penalty: 'l1', nLambda: 5, folds: 4 });
    expect(cv.meanError.every(Number.isFinite)).toBe(true);
  });

  it('reports progress once per finished fold', async () => {
    const seen: [number, number][] = [];
    await crossValidate(engines[0]!, { X: tall.dense, y: tall.y, penalty: 'l1', nLambda: 6, folds: 5, onProgress: (i, k) => seen.push([i, k]) });
    expect(seen).toEqual([1, 2, 3, 4, 5].map((i) => [i, 5]));
  });
});
