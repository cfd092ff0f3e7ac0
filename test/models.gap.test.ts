// The logistic duality gap on saturated probabilities. On separable classes at small λ, p = σ(z)
// falls below 2⁻⁵⁴ for some rows; ln p computed as log1p(p − 1) was −∞ there, the dual bound +∞ and
// every gap 0, so fits "converged" wherever they happened to be. The gap is recomputed here from the
// returned coefficients alone and must meet the documented promise (≤ tol·objective).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, fitPath, type Engine } from '../src/index.js';
import { logisticDual } from '../src/kernels/defs/logistic-dual.js';
import { gaussian } from '../src/demo/evaluate.js';
import { rng } from '../src/random.js';
import { logisticAt, xlnx } from './support/models.js';

/** The primal objective and the dual bound of an L1 logistic fit, from its coefficients alone. */
function recomputedGap(X: Float64Array, n: number, d: number, y: Float64Array, coef: Float64Array, b: number, lambda: number) {
  const { p, loss } = logisticAt(X, n, d, y, coef, b);
  const r = p.map((q, i) => y[i]! - q);
  const primal = loss / n + lambda * coef.reduce((a, v) => a + Math.abs(v), 0);
  let gmax = 0;
  for (let j = 0; j < d; j++) {
    let g = 0;
    for (let i = 0; i < n; i++) g += X[i * d + j]! * r[i]!;
    gmax = Math.max(gmax, Math.abs(g / n));
  }
  const kappa = Math.min(1, lambda / gmax);
  let dual = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1, Math.max(0, y[i]! - kappa * r[i]!));
    dual -= xlnx(p) + xlnx(1 - p);
  }
  return { primal, gap: primal - dual / n };
}

describe('logistic duality gap on saturated probabilities', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('the dual kernel stays finite and exact-ish down to subnormal probabilities', () => {
    for (const p of [0.3, 1e-10, 2 ** -60, 1e-300, 5e-324]) {
      const out = new Float64Array(1);
      logisticDual.js('float64', [new Float64Array([0]), new Float64Array([-p])], 1, [1], out);
      const want = -(xlnx(p) + xlnx(1 - p));
      expect(Number.isFinite(out[0]!)).toBe(true);
      expect(Math.abs(out[0]! - want)).toBeLessThanOrEqual(1e-15 * Math.abs(want) + 1e-320);
    }
  });

  it('every fit of a path on separable classes meets its gap when recomputed from its coefficients', async () => {
    const n = 240, d = 30, normal = gaussian(rng(11));
    const X = Float64Array.from({ length: n * d }, normal);
    const beta = Float64Array.from({ length: d }, (_, j) => (j < 5 ? 3 * (j % 2 ? -1 : 1) : 0));
    const y = Float64Array.from({ length: n }, (_, i) => (X.subarray(i * d, (i + 1) * d).reduce((a, x, j) => a + x * beta[j]!, 0) > 0 ? 1 : 0));
    const path = await fitPath(engine, { X: { kind: 'dense', rows: n, cols: d, data: X }, y, loss: 'logistic', penalty: 'l1', nLambda: 12, lambdaMinRatio: 1e-4 });
    let saturated = false;
    path.fits.forEach((f, k) => {
      const { primal, gap } = recomputedGap(X, n, d, y, f.coef, f.intercept, path.lambdas[k]!);
      expect(Math.abs(primal - f.objective)).toBeLessThanOrEqual(1e-12 * primal);
      if (f.converged && f.reason === 'gap') expect(gap, `λ #${k}`).toBeLessThanOrEqual(1e-6 * primal + 1e-15);
      for (let i = 0; i < n && !saturated; i++) {
        let z = f.intercept;
        for (let j = 0; j < d; j++) z += X[i * d + j]! * f.coef[j]!;
        saturated = Math.abs(z) > 40; // σ(−40) ≈ 4e-18 < 2⁻⁵⁴
      }
    });
    expect(saturated).toBe(true); // the path does reach the regime the fix is about
  });
});
