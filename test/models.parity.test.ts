// Parity with scikit-learn and glmnet: fixtures made by scripts/fixtures/models_sklearn.py and
// scripts/fixtures/models_glmnet.R (committed; the tests need neither Python nor R).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, fitLinear, fromGlmnet, fromSklearn, fromSklearnLogistic, type Engine, type Matrix } from '../src/index.js';

const load = (f: string) => JSON.parse(readFileSync(new URL(`./fixtures/models/${f}`, import.meta.url), 'utf8'));
const sk = load('sklearn.json');
const gl = load('glmnet.json');

type Data = { rows: number; cols: number; X: number[]; y: number[]; yb?: number[] };
const dense = (d: Data): Matrix => ({ kind: 'dense', rows: d.rows, cols: d.cols, data: Float64Array.from(d.X) });

/** max_j |a_j − b_j| / max_j |b_j| (intercept included as one more coordinate). */
function relErr(coef: Float64Array, b: number, ref: number[], refB: number): number {
  let scale = Math.abs(refB), err = Math.abs(b - refB);
  ref.forEach((r, j) => {
    scale = Math.max(scale, Math.abs(r));
    err = Math.max(err, Math.abs(coef[j]! - r));
  });
  return err / scale;
}

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ threads: 1 });
});
afterAll(() => engine.close());

describe('scikit-learn parity (coefficients within 1e-4 of max|coef|)', () => {
  for (const c of sk.cases) {
    it(c.name, async () => {
      const d: Data = sk.data[c.data];
      const penalty = c.loss === 'squared'
        ? fromSklearn({ alpha: c.alpha, l1Ratio: c.l1Ratio })
        : fromSklearnLogistic({ C: c.C, penalty: c.penalty, nSamples: c.nSamples });
      const y = c.target === 'y' ? d.y : d.yb!;
      for (const solver of ['cd', 'fista'] as const) {
        const fit = await fitLinear(engine, { X: dense(d), y, loss: c.loss, penalty, fitIntercept: c.fitIntercept, solver, tol: 1e-13, maxIter: 200000 });
        expect(fit.converged, `${solver} converged`).toBe(true);
        expect(relErr(fit.coef, fit.intercept, c.coef, c.intercept), solver).toBeLessThan(1e-4);
      }
    });
  }
});

describe('glmnet parity (standardize: true; coefficients within 1e-4 of max|coef|)', () => {
  const d: Data = gl.data;
  for (const c of gl.cases) {
    it(c.name, async () => {
      const fit = await fitLinear(engine, {
        X: dense(d), y: c.target === 'y' ? d.y : d.yb!, loss: c.family === 'gaussian' ? 'squared' : 'logistic',
        penalty: fromGlmnet({ lambda: c.lambda, alpha: c.alpha }), standardize: true, tol: 1e-13, maxIter: 200000,
      });
      expect(fit.converged).toBe(true);
      expect(relErr(fit.coef, fit.intercept, c.coef, c.intercept)).toBeLessThan(1e-4);
    });
  }
});
