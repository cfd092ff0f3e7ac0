// Ridge-logistic fits stop by the exact ridge duality gap. With the residuals r = y − p(η) as the
// dual point and Σr = 0, the gap of (1/n)Σℓ(η) + λ₂‖w‖² is ‖Xᵀr/n − 2λ₂w‖²/(4λ₂) = ‖∇F‖²/(4λ₂)
// (Fenchel–Young is tight for r = −ℓ'(η)); the Newton polish stops on that estimate (it used
// ‖w‖₁·‖∇F‖∞, which for ridge asked for a gradient 100–1000× smaller than needed). Here the gap is
// recomputed from the returned coefficients alone, both from the dual objective and as ‖∇F‖²/(4λ₂).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, fitPath, type Engine } from '../src/index.js';
import { gaussian } from '../src/demo/evaluate.js';
import { rng } from '../src/random.js';
import { logisticAt, xlnx } from './support/models.js';

/** Primal, the dual bound's gap, and ‖∇_w F‖²/(4λ₂) of a ridge-logistic fit, from its coefficients. */
function ridgeGaps(X: Float64Array, n: number, d: number, y: Float64Array, w: Float64Array, b: number, l2: number) {
  const { p, loss } = logisticAt(X, n, d, y, w, b);
  let ww = 0, uu = 0, gg = 0;
  for (let j = 0; j < d; j++) {
    let u = 0;
    for (let i = 0; i < n; i++) u += X[i * d + j]! * (y[i]! - p[i]!);
    u /= n;
    ww += w[j]! * w[j]!;
    uu += u * u;
    gg += (u - 2 * l2 * w[j]!) ** 2;
  }
  const primal = loss / n + l2 * ww;
  let ent = 0;
  for (let i = 0; i < n; i++) ent -= xlnx(p[i]!) + xlnx(1 - p[i]!);
  return { primal, dualGap: primal - (ent / n - uu / (4 * l2)), gradGap: gg / (4 * l2) };
}

describe('ridge-logistic stopping', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  const n = 200, d = 40, normal = gaussian(rng(5));
  const X = Float64Array.from({ length: n * d }, normal);
  const y = Float64Array.from({ length: n }, (_, i) => (X[i * d]! - 0.5 * X[i * d + 1]! + 0.3 * normal() > 0 ? 1 : 0));
  const data = { X: { kind: 'dense' as const, rows: n, cols: d, data: X }, y, loss: 'logistic' as const, penalty: 'l2' as const, standardize: false };

  for (const tol of [1e-6, 1e-3]) {
    it(`every fit of a path meets tol ${tol} by the gap recomputed from its coefficients, which equals ‖∇F‖²/(4λ₂)`, async () => {
      const path = await fitPath(engine, { ...data, nLambda: 15, lambdaMinRatio: 1e-6, tol });
      path.fits.forEach((f, k) => {
        const l2 = path.lambdas[k]! / 2; // the path's ridge penalty is (λ/2)‖w‖² (glmnet's)
        const g = ridgeGaps(X, n, d, y, f.coef, f.intercept, l2);
        expect(f.reason, `λ #${k}`).toBe('gap');
        expect(Math.abs(g.primal - f.objective)).toBeLessThanOrEqual(1e-12 * g.primal);
        expect(g.dualGap, `λ #${k}`).toBeLessThanOrEqual(tol * g.primal + 1e-15);
        // The identity the polish's stop relies on, up to the rounding of primal − dual (~1e-13·primal).
        expect(Math.abs(g.dualGap - g.gradGap), `λ #${k}`).toBeLessThanOrEqual(1e-9 * g.gradGap + 1e-12 * g.primal);
      });
    });
  }
});
