// The engine against reference vectors from PyTorch and scikit-learn (test/fixtures/core.json,
// made by scripts/fixtures/core_fixtures.py; this test needs no Python), on both backends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromSklearn, type Regularizer } from '../src/index.js';
import type { DType } from '../src/dtype.js';
import { BACKENDS, useEngines } from './support/engines.js';

interface Base { dtype: DType; w: number[]; want: number[]; source: string }
interface Fixtures {
  prox: (Base & { reg: Regularizer; lr: number })[];
  penalty: (Omit<Base, 'want'> & { reg: Regularizer; want: number })[];
  grad: (Base & { reg: Regularizer; g: number[] })[];
  sgd_weight_decay: (Base & { lambda: number; lr: number; g: number[] })[];
  prune: (Base & { fraction: number })[];
  prune_groups: (Base & { fraction: number; groupSize: number })[];
  project: (Base & { norm: 'l1' | 'l2'; radius: number })[];
  sklearn: { alpha: number; l1Ratio: number; X: number[]; y: number[]; rows: number; cols: number; coef: number[]; source: string }[];
}

const fx = JSON.parse(readFileSync(new URL('./fixtures/core.json', import.meta.url), 'utf8')) as Fixtures;
const engines = useEngines();

const tolOf = (dtype: DType) => (dtype === 'float32' ? 2e-6 : 1e-13);

function near(got: ArrayLike<number>, want: number[], dtype: DType, label: string, scale = 1): void {
  expect(got.length, label).toBe(want.length);
  const tol = tolOf(dtype) * scale;
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= tol * Math.max(1, Math.abs(want[i]!))))
      expect.fail(`${label}: [${i}] got ${got[i]}, want ${want[i]}`);
  }
}

describe.each(BACKENDS)('backend %s', (backend) => {
  const eng = () => engines.get(backend)!;

  it('prox = torch softshrink (l1), softshrink/(1 + 2tλ₂) (elastic net), group shrink with torch norms', () => {
    for (const c of fx.prox) {
      const w = eng().from(c.w, c.dtype);
      eng().proxSync(w, c.reg, c.lr);
      near(w, c.want, c.dtype, `${c.dtype} ${c.reg.kind} (${c.source})`);
    }
  });

  it('penalty = torch norms', () => {
    for (const c of fx.penalty) {
      const got = eng().penaltySync(eng().from(c.w, c.dtype), c.reg);
      const tol = c.dtype === 'float32' ? 1e-5 : 1e-12;
      expect(Math.abs(got - c.want), `${c.dtype} ${c.reg.kind}`).toBeLessThanOrEqual(tol * Math.abs(c.want));
    }
  });

  it('addPenaltyGrad = g + torch.autograd gradient of the penalty (sign(0) = 0 as torch.sign)', () => {
    for (const c of fx.grad) {
      const g = eng().from(c.g, c.dtype);
      eng().addPenaltyGradSync(g, eng().from(c.w, c.dtype), c.reg);
      near(g, c.want, c.dtype, `${c.dtype} ${c.reg.kind} (${c.source})`, 4);
    }
  });

  it('L2(λ) gradient in an SGD step = torch.optim.SGD(weight_decay = 2λ)', async () => {
    const { l2 } = await import('../src/index.js');
    for (const c of fx.sgd_weight_decay) {
      const g = eng().from(c.g, c.dtype), w = eng().from(c.w, c.dtype);
      eng().addPenaltyGradSync(g, w, l2(c.lambda));
      const lr = c.dtype === 'float32' ? Math.fround(c.lr) : c.lr;
      const r = c.dtype === 'float32' ? Math.fround : (x: number) => x;
      const stepped = Array.from(w, (x, i) => r(x - r(lr * g[i]!)));
      near(stepped, c.want, c.dtype, `${c.dtype} SGD`, 4);
    }
  });

  it('prune = torch.nn.utils.prune.l1_unstructured / ln_structured(n=2, dim=0), exactly', () => {
    for (const c of fx.prune) {
      const w = eng().from(c.w, c.dtype);
      const res = eng().pruneSync(w, { fraction: c.fraction });
      expect(Array.from(w).map((x) => x + 0), `${c.dtype} ${c.fraction}`).toEqual(c.want.map((x) => x + 0));
      expect(res.zeroed).toBe(Math.floor(c.fraction * c.w.length));
    }
    for (const c of fx.prune_groups) {
      const w = eng().from(c.w, c.dtype);
      const res = eng().pruneSync(w, { fraction: c.fraction, groupSize: c.groupSize });
      expect(Array.from(w).map((x) => x + 0), `${c.dtype} groups ${c.fraction}`).toEqual(c.want.map((x) => x + 0));
      expect(res.zeroed).toBe(Math.floor((c.fraction * c.w.length) / c.groupSize));
    }
  });

  it('project = explicit torch L2 scaling and the sort-based L1 projection of Duchi et al.', () => {
    for (const c of fx.project) {
      const w = eng().from(c.w, c.dtype);
      eng().projectSync(w, { norm: c.norm, radius: c.radius });
      near(w, c.want, c.dtype, `${c.dtype} ${c.norm} r=${c.radius}`, 8);
    }
  });

  it('fromSklearn: scikit-learn ElasticNet/Lasso coefficients are stationary for (1/(2n))‖y − Xw‖² + R(w)', () => {
    for (const c of fx.sklearn) {
      const reg = fromSklearn({ alpha: c.alpha, l1Ratio: c.l1Ratio });
      const { rows, cols, X, y, coef } = c;
      // ∇ of the smooth part: (1/n)·Xᵀ(Xw − y)
      const res = Array.from({ length: rows }, (_, i) => coef.reduce((s, wj, j) => s + X[i * cols + j]! * wj, 0) - y[i]!);
      const grad = Array.from({ length: cols }, (_, j) => res.reduce((s, r, i) => s + X[i * cols + j]! * r, 0) / rows);
      const g = eng().from(grad, 'float64');
      eng().addPenaltyGradSync(g, eng().from(coef, 'float64'), reg);
      const lam1 = reg.l1;
      for (let j = 0; j < cols; j++) {
        // Nonzero coefficient: the full gradient vanishes. Zero: |smooth gradient| ≤ λ₁ (subdifferential).
        if (coef[j] !== 0) expect(Math.abs(g[j]!), `${c.source} coef ${j}`).toBeLessThan(1e-8);
        else expect(Math.abs(grad[j]!)).toBeLessThanOrEqual(lam1 + 1e-8);
      }
    }
  });
});
