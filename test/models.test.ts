// Solver behaviour: duality-gap convergence, CSR = dense, the unpenalized intercept, paths, CV,
// backends and argument checks. Small seeded problems; parity with sklearn/glmnet is in
// models.parity.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngine, crossValidate, elasticNet, fitLinear, fitPath, groupLasso, l1, l2,
  type Engine, type Regularizer,
} from '../src/index.js';
import { maxDiff, problem } from './support/models.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ threads: 1 });
});
afterAll(() => engine.close());

const { dense, csr, y, yb } = problem(120, 25, 7, true);
const P0 = (() => { // (1/2n)‖y − ȳ‖²: the objective at w = 0 with the optimal intercept
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  return y.reduce((a, b) => a + (b - m) ** 2, 0) / (2 * y.length);
})();

describe('duality gap', () => {
  const pens: Regularizer[] = [l1(0.05), elasticNet({ l1: 0.03, l2: 0.05 }), l2(0.1), groupLasso(0.1, 5)];
  for (const penalty of pens) {
    for (const solver of ['fista', 'cd'] as const) {
      if (solver === 'cd' && penalty.kind === 'groupLasso') continue;
      it(`${penalty.kind} ${solver}: stops with gap ≤ tol·P(0), and a tighter tol gives a smaller gap`, async () => {
        const loose = await fitLinear(engine, { X: dense, y, penalty, solver, tol: 1e-4 });
        const tight = await fitLinear(engine, { X: dense, y, penalty, solver, tol: 1e-11 });
        for (const f of [loose, tight]) {
          expect(f.converged).toBe(true);
          expect(f.solver).toBe(solver);
          expect(f.gap).not.toBeNull();
          expect(f.gap!).toBeGreaterThanOrEqual(0);
        }
        expect(loose.gap!).toBeLessThanOrEqual(1e-4 * P0);
        expect(tight.gap!).toBeLessThanOrEqual(1e-11 * P0);
        expect(tight.objective).toBeLessThanOrEqual(loose.objective + 1e-12);
        // Weak duality: the objective is within the gap of the optimum, so both runs agree to it.
        expect(loose.objective - tight.objective).toBeLessThanOrEqual(loose.gap! + 1e-12);
      });
    }
  }
  it('FISTA and CD reach the same solution', async () => {
    const a = await fitLinear(engine, { X: dense, y, penalty: l1(0.02), solver: 'fista', tol: 1e-13 });
    const b = await fitLinear(engine, { X: dense, y, penalty: l1(0.02), solver: 'cd', tol: 1e-13 });
    expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-5);
    expect(Math.abs(a.intercept - b.intercept)).toBeLessThan(1e-5);
  });
});

describe('CSR = dense', () => {
  const cases: [string, 'squared' | 'logistic', Regularizer, 'fista' | 'cd', boolean][] = [
    ['lasso cd', 'squared', l1(0.03), 'cd', false],
    ['lasso fista standardized', 'squared', l1(0.03), 'fista', true],
    ['elastic net cd standardized', 'squared', elasticNet({ l1: 0.02, l2: 0.02 }), 'cd', true],
    ['logistic l1', 'logistic', l1(0.01), 'fista', false],
    ['logistic l2 standardized', 'logistic', l2(0.01), 'fista', true],
  ];
  for (const [name, loss, penalty, solver, standardize] of cases) {
    it(name, async () => {
      const target = loss === 'squared' ? y : yb;
      const a = await fitLinear(engine, { X: dense, y: target, loss, penalty, solver, standardize, tol: 1e-12 });
      const b = await fitLinear(engine, { X: csr, y: target, loss, penalty, solver, standardize, tol: 1e-12 });
      const scale = Math.max(...a.coef.map(Math.abs), Math.abs(a.intercept));
      expect(maxDiff(a.coef, b.coef) / scale).toBeLessThan(1e-8);
      expect(Math.abs(a.intercept - b.intercept) / scale).toBeLessThan(1e-8);
      expect(b.nnz).toBe(a.nnz);
    });
  }
});

describe('intercept is not penalized', () => {
  it('squared loss: shifting y by c shifts only the intercept, even under heavy L1/L2', async () => {
    for (const penalty of [l1(0.2), l2(5)]) {
      const a = await fitLinear(engine, { X: dense, y, penalty, tol: 1e-12 });
      const b = await fitLinear(engine, { X: dense, y: y.map((v) => v + 100), penalty, tol: 1e-12 });
      expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-8);
      expect(b.intercept - a.intercept).toBeCloseTo(100, 8);
    }
  });
  it('an L1 strong enough to zero every weight leaves the null model (ȳ, logit of the mean)', async () => {
    const sq = await fitLinear(engine, { X: dense, y, penalty: l1(1e3) });
    expect(sq.nnz).toBe(0);
    expect(sq.intercept).toBeCloseTo(y.reduce((a, b) => a + b, 0) / y.length, 10);
    const lg = await fitLinear(engine, { X: dense, y: yb, loss: 'logistic', penalty: l1(1e3), tol: 1e-10 });
    const p = yb.reduce((a, b) => a + b, 0) / yb.length;
    expect(lg.nnz).toBe(0);
    expect(lg.intercept).toBeCloseTo(Math.log(p / (1 - p)), 6);
  });
});

describe('paths', () => {
  const indep = problem(200, 20, 11);
  it('l1: λ_max zeroes every weight, nnz grows monotonically along the grid, warm-started fits match cold ones', async () => {
    const path = await fitPath(engine, { X: indep.dense, y: indep.y, penalty: 'l1', nLambda: 40, tol: 1e-10 });
    expect(path.lambdas).toHaveLength(40);
    expect(path.lambdas[39]! / path.lambdas[0]!).toBeCloseTo(1e-4, 10); // n > d: glmnet's default ratio
    expect(path.fits[0]!.nnz).toBe(0);
    expect(path.fits[1]!.nnz).toBeGreaterThan(0);
    for (let k = 1; k < 40; k++) expect(path.fits[k]!.nnz).toBeGreaterThanOrEqual(path.fits[k - 1]!.nnz);
    expect(path.fits.every((f) => f.converged)).toBe(true);
    for (const k of [5, 20, 39]) {
      const cold = await fitLinear(engine, { X: indep.dense, y: indep.y, penalty: path.penalties[k]!, solver: 'fista', tol: 1e-12 });
      expect(maxDiff(cold.coef, path.fits[k]!.coef)).toBeLessThan(1e-5);
    }
  });
  it('λ_max is tight for elastic net and logistic loss too', async () => {
    for (const [loss, target] of [['squared', indep.y], ['logistic', indep.yb]] as const) {
      const path = await fitPath(engine, { X: indep.dense, y: target, loss, penalty: 'elasticNet', l1Ratio: 0.5, nLambda: 3, lambdaMinRatio: 0.98 ** 2 });
      expect(path.fits[0]!.nnz).toBe(0);
      expect(path.fits[2]!.nnz).toBeGreaterThan(0);
    }
  });
  it('explicit lambdas, progress callback and the penalty each λ stands for', async () => {
    const seen: number[] = [];
    const path = await fitPath(engine, { X: csr, y, penalty: 'l2', lambdas: [1, 0.1], onProgress: (i) => seen.push(i) });
    expect(seen).toEqual([1, 2]);
    expect(path.penalties[0]).toEqual(l2(0.5)); // λ·(1 − ρ)/2·‖w‖² with ρ = 0
  });
});

describe('cross-validation', () => {
  it('returns λmin and a λ1se ≥ λmin within one SE, and the full-data fit at λmin', async () => {
    const cv = await crossValidate(engine, { X: dense, y, penalty: 'l1', nLambda: 20, folds: 4, seed: 3 });
    expect(cv.meanError).toHaveLength(20);
    expect(cv.seError.every((s) => s >= 0)).toBe(true);
    const iMin = cv.lambdas.indexOf(cv.lambdaMin), i1se = cv.lambdas.indexOf(cv.lambda1se);
    expect(iMin).toBeGreaterThanOrEqual(0);
    expect(cv.meanError[iMin]).toBe(Math.min(...cv.meanError));
    expect(cv.lambda1se).toBeGreaterThanOrEqual(cv.lambdaMin);
    expect(cv.meanError[i1se]!).toBeLessThanOrEqual(cv.meanError[iMin]! + cv.seError[iMin]!);
    const direct = await fitLinear(engine, { X: dense, y, penalty: l1(cv.lambdaMin), tol: 1e-10 });
    expect(maxDiff(direct.coef, cv.bestFit.coef)).toBeLessThan(1e-4);
    const again = await crossValidate(engine, { X: dense, y, penalty: 'l1', nLambda: 20, folds: 4, seed: 3 });
    expect(again.meanError).toEqual(cv.meanError);
  });
  it('logistic with accuracy', async () => {
    const cv = await crossValidate(engine, { X: csr, y: yb, loss: 'logistic', penalty: 'l1', nLambda: 8, folds: 3, metric: 'accuracy' });
    expect(cv.meanError.every((e) => e >= 0 && e <= 1)).toBe(true);
    expect(cv.lambda1se).toBeGreaterThanOrEqual(cv.lambdaMin);
  });
});

describe('backends and dtypes', () => {
  it("'js' backend and float32 data give the same fit", async () => {
    const js = await createEngine({ backend: 'js', threads: 1 });
    try {
      const a = await fitLinear(engine, { X: dense, y, penalty: l1(0.03), tol: 1e-12 });
      const b = await fitLinear(js, { X: dense, y, penalty: l1(0.03), tol: 1e-12 });
      expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-9);
      const c = await fitLinear(engine, { X: { ...dense, data: Float32Array.from(dense.data) }, y, penalty: l1(0.03), tol: 1e-7 });
      expect(maxDiff(a.coef, c.coef)).toBeLessThan(1e-3);
      const d = await fitLinear(engine, { X: csr, y: yb, loss: 'logistic', penalty: l1(0.01), tol: 1e-10 });
      const e = await fitLinear(js, { X: csr, y: yb, loss: 'logistic', penalty: l1(0.01), tol: 1e-10 });
      expect(maxDiff(d.coef, e.coef)).toBeLessThan(1e-8);
      expect(e.iterations).toBe(d.iterations);
    } finally {
      await js.close();
    }
  });
});

describe('group lasso and float32 with logistic loss', () => {
  it('group lasso zeroes whole groups; float32 data converge to the float64 solution', async () => {
    const f = await fitLinear(engine, { X: dense, y: yb, loss: 'logistic', penalty: groupLasso(0.03, 5), tol: 1e-9 });
    expect(f.converged).toBe(true);
    for (let g = 0; g < 25; g += 5) {
      const zeros = Array.from(f.coef.subarray(g, g + 5)).filter((v) => v === 0).length;
      expect(zeros === 0 || zeros === 5).toBe(true);
    }
    expect(f.nnz % 5).toBe(0);
    expect(f.nnz).toBeGreaterThan(0);
    expect(f.nnz).toBeLessThan(25);
    const a = await fitLinear(engine, { X: csr, y: yb, loss: 'logistic', penalty: l2(0.01), tol: 1e-9 });
    const b = await fitLinear(engine, { X: { ...csr, data: Float32Array.from(csr.data) }, y: yb, loss: 'logistic', penalty: l2(0.01), tol: 1e-6 });
    expect(b.converged).toBe(true);
    expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-3);
  });
});

describe('warm starts and no intercept', () => {
  it('a warm start at the solution stops at once with the same answer', async () => {
    const a = await fitLinear(engine, { X: dense, y: yb, loss: 'logistic', penalty: l1(0.01), tol: 1e-9 });
    const b = await fitLinear(engine, { X: dense, y: yb, loss: 'logistic', penalty: l1(0.01), tol: 1e-9, warmStart: { coef: a.coef, intercept: a.intercept } });
    expect(b.iterations).toBeLessThan(a.iterations / 4);
    expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-6);
  });
  it('fitIntercept: false gives intercept 0 and differs from the fit with one', async () => {
    const a = await fitLinear(engine, { X: dense, y, penalty: l1(0.01), fitIntercept: false, tol: 1e-10 });
    expect(a.intercept).toBe(0);
    const b = await fitLinear(engine, { X: dense, y, penalty: l1(0.01), tol: 1e-10 });
    expect(maxDiff(a.coef, b.coef)).toBeGreaterThan(1e-3);
  });
});

describe('engine memory', () => {
  it('fits, paths, CV and refused calls give back every byte they took', async () => {
    const before = engine.bytesInUse;
    await fitLinear(engine, { X: csr, y: yb, loss: 'logistic', penalty: l1(0.01) });
    await fitPath(engine, { X: dense, y, penalty: 'l1', nLambda: 5 });
    await crossValidate(engine, { X: csr, y, penalty: 'l2', nLambda: 4, folds: 3 });
    await expect(fitLinear(engine, { X: dense, y, penalty: l1(0.1), tol: -1 })).rejects.toMatchObject({ code: 'E_RANGE' });
    expect(engine.bytesInUse).toBe(before);
  });
});

describe('argument checks', () => {
  const bad = async (opts: object, code: string) =>
    expect(fitLinear(engine, { X: dense, y, penalty: l1(0.1), ...opts } as never)).rejects.toMatchObject({ code });
  it('refuses bad shapes, CSR structure, labels, options and solver/penalty combinations', async () => {
    await bad({ X: { ...dense, data: new Float64Array(5) } }, 'E_LENGTH');
    await bad({ y: new Float64Array(3) }, 'E_LENGTH');
    await bad({ X: { ...csr, indices: csr.indices.map((j) => j + 100) } }, 'E_RANGE');
    await bad({ X: { ...csr, indptr: Int32Array.from(csr.indptr).reverse() } }, 'E_RANGE');
    await bad({ y: y.map((v, i) => (i === 3 ? NaN : v)) }, 'E_NOT_FINITE');
    await bad({ loss: 'logistic' }, 'E_RANGE');
    await bad({ loss: 'logistic', y: new Float64Array(y.length).fill(1) }, 'E_RANGE');
    await bad({ penalty: groupLasso(0.1, 5), solver: 'cd' }, 'E_RANGE');
    await bad({ penalty: groupLasso(0.1, 7) }, 'E_LENGTH');
    await bad({ tol: 0 }, 'E_RANGE');
    await bad({ penalty: { kind: 'l3' } }, 'E_TYPE');
    await expect(fitPath(engine, { X: dense, y, penalty: 'elasticNet', l1Ratio: 2 })).rejects.toMatchObject({ code: 'E_RANGE' });
    await expect(crossValidate(engine, { X: dense, y, penalty: 'l1', folds: 1 })).rejects.toMatchObject({ code: 'E_RANGE' });
  });
});
