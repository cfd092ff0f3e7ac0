// The special-value semantics docs/kernels.md promises, on both backends and both dtypes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, elasticNet, groupLasso, l1, l2, type Engine } from '../src/index.js';

const engines = new Map<string, Engine>();
beforeAll(async () => {
  for (const b of ['wasm', 'js'] as const) engines.set(b, await createEngine({ backend: b, threads: 1 }));
});
afterAll(async () => {
  for (const e of engines.values()) await e.close();
});

describe.each(['wasm', 'js'] as const)('backend %s', (backend) => {
  for (const dtype of ['float32', 'float64'] as const) {
    const e = () => engines.get(backend)!;
    const arr = (v: number[]) => e().from(v, dtype);

    it(`${dtype}: sign(±0) = 0, NaN propagates, ±Inf gives ±λ in the L1 gradient`, () => {
      const g = arr([1, -0, 1, 1, 1]);
      e().addPenaltyGradSync(g, arr([0, -0, NaN, Infinity, -Infinity]), l1(0.5));
      expect(Array.from(g)).toEqual([1, 0, NaN, 1.5, 0.5]);
      expect(Object.is(g[1], 0)).toBe(true); // −0 + (+0) = +0
      const h = arr([1, 1]);
      e().addPenaltyGradSync(h, arr([NaN, 0]), elasticNet({ l1: 0.5, l2: 0.25 }));
      expect(Array.from(h)).toEqual([NaN, 1]);
      const k = arr([1, 1]);
      e().addPenaltyGradSync(k, arr([Infinity, 2]), l2(0));
      expect(Array.from(k)).toEqual([NaN, 1]); // 0·Inf = NaN (IEEE)
    });

    it(`${dtype}: L1 prox writes +0 inside the threshold and keeps NaN/±Inf`, () => {
      const w = arr([-0, 0.25, -0.25, NaN, Infinity, -Infinity, 2]);
      e().proxSync(w, l1(0.5), 1);
      expect(Array.from(w)).toEqual([0, 0, 0, NaN, Infinity, -Infinity, 1.5]);
      for (let i = 0; i < 3; i++) expect(Object.is(w[i], 0)).toBe(true);
    });

    it(`${dtype}: group lasso: a NaN makes its group NaN, a zero group stays zero, an Inf group is unchanged by prox`, () => {
      const w = arr([1, NaN, 0, 0, Infinity, 1, 3, 4]);
      e().proxSync(w, groupLasso(1, 2), 1);
      expect(Array.from(w)).toEqual([NaN, NaN, 0, 0, Infinity, 1, 3 * 0.8, 4 * 0.8].map((x) => (dtype === 'float32' ? Math.fround(x) : x)));
      const g = arr([0, 0, 0, 0]);
      e().addPenaltyGradSync(g, arr([0, 0, 3, 4]), groupLasso(2, 2));
      const r = dtype === 'float32' ? Math.fround : (x: number) => x;
      expect(Array.from(g)).toEqual([0, 0, r(3 * r(2 / 5)), r(4 * r(2 / 5))]); // λ/‖w_g‖ = 2/5
    });

    it(`${dtype}: stats count NaN as nonzero and report linf = NaN`, () => {
      const s = e().statsSync(arr([0, -0, NaN, -3]));
      expect(s.nnz).toBe(2);
      expect(s.linf).toBeNaN();
      expect(e().statsSync(arr([0, -Infinity, 2])).linf).toBe(Infinity);
    });

    it(`${dtype}: an empty vector has penalty 0 and norms 0; project, prox and prune leave it alone`, async () => {
      const w = arr([]);
      for (const r of [l1(0.5), l2(0.5), elasticNet({ l1: 0.5, l2: 0.5 }), groupLasso(0.5, 2)]) {
        expect(e().penaltySync(w, r)).toBe(0);
        expect(await e().penalty(w, r)).toBe(0);
        e().proxSync(w, r, 1);
        e().addPenaltyGradSync(arr([]), w, r);
      }
      const zero = { n: 0, nnz: 0, l1: 0, l2sq: 0, linf: 0 };
      expect(e().statsSync(w)).toEqual(zero);
      expect(await e().stats(w)).toEqual(zero);
      e().projectSync(w, { norm: 'l1', radius: 1 });
      await e().project(w, { norm: 'l2', radius: 1 });
      expect(e().pruneSync(w, { fraction: 0.5 })).toEqual({ threshold: 0, zeroed: 0 });
      expect(w.length).toBe(0);
    });

    it(`${dtype}: pruning ranks ±0 first and NaN last, ties by index, writes +0`, () => {
      const w = arr([NaN, 2, -0, -2, 1, 2, Infinity, -1]);
      const r = e().pruneSync(w, { fraction: 0.5 }); // k = 4: −0, 1, −1, then the first 2 (index 1)
      expect(Array.from(w)).toEqual([NaN, 0, 0, -2, 0, 2, Infinity, 0]);
      expect(r).toEqual({ threshold: 2, zeroed: 4 });
      const all = arr([NaN, 1, Infinity]);
      const r2 = e().pruneSync(all, { fraction: 2 / 3 });
      expect(Array.from(all)).toEqual([NaN, 0, 0]);
      expect(r2.threshold).toBe(Infinity);
      const r3 = e().pruneSync(all, { fraction: 1 });
      expect(Array.from(all)).toEqual([0, 0, 0]);
      expect(r3.threshold).toBeNaN();
    });
  }
});
