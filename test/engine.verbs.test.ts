// Every verb × regularizer × dtype × backend against the naive oracle of test/support/oracle.ts,
// for engine arrays, plain typed arrays (copied in and out) and subarray views of engine arrays,
// through both the async verb and its *Sync twin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, elasticNet, groupLasso, l1, l2, type Engine, type Regularizer } from '../src/index.js';
import type { DType, FloatArray } from '../src/dtype.js';
import * as O from './support/oracle.js';
import { rng } from './support/data.js';

const N = 200, GS = 4, LR = 0.7;
const BACKENDS = ['wasm', 'js'] as const;
const DTYPES: DType[] = ['float32', 'float64'];
type Kind = 'engine' | 'plain' | 'view';
const KINDS: Kind[] = ['engine', 'plain', 'view'];

const REGS: [string, Regularizer][] = [
  ['l1', l1(0.3)],
  ['l2', l2(0.2)],
  ['elasticNet', elasticNet({ l1: 0.2, l2: 0.3 })],
  ['groupLasso', groupLasso(0.5, GS)],
];

const engines = new Map<string, Engine>();
beforeAll(async () => {
  for (const b of BACKENDS) engines.set(b, await createEngine({ backend: b, threads: 1 }));
});
afterAll(async () => {
  for (const e of engines.values()) await e.close();
});

/** Values in [−2, 2) with exact zeros, a −0 and one all-zero group (indices 8..11). */
function data(seed: number): number[] {
  const r = rng(seed);
  const v = Array.from({ length: N }, () => (r() < 0.1 ? 0 : 4 * r() - 2));
  v.fill(0, 8, 12);
  v[20] = -0;
  return v;
}

const round = (dtype: DType, v: number[]) => Array.from(dtype === 'float32' ? new Float32Array(v) : new Float64Array(v));
const typed = (dtype: DType, v: number[]): FloatArray => (dtype === 'float32' ? new Float32Array(v) : new Float64Array(v));

/** An argument of the requested kind holding `v`; `check()` asserts the bytes around a view are untouched. */
function arg(e: Engine, kind: Kind, dtype: DType, v: number[]): { a: FloatArray; check(): void } {
  if (kind === 'engine') return { a: e.from(v, dtype), check() {} };
  if (kind === 'plain') return { a: typed(dtype, v), check() {} };
  const big = e.alloc(v.length + 8, dtype);
  big.fill(7);
  big.set(v, 3);
  return {
    a: big.subarray(3, 3 + v.length),
    check() {
      for (const i of [0, 1, 2, ...Array.from({ length: 5 }, (_, k) => v.length + 3 + k)]) expect(big[i]).toBe(7);
    },
  };
}

function near(got: ArrayLike<number>, want: number[], dtype: DType, label: string): void {
  const tol = dtype === 'float32' ? 2e-6 : 1e-13;
  expect(got.length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!, w = want[i]!;
    if (!(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)))) expect.fail(`${label}: [${i}] got ${g}, want ${w}`);
  }
}

function nearScalar(got: number, want: number, dtype: DType, label: string): void {
  const tol = dtype === 'float32' ? 1e-5 : 1e-12;
  if (!(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)))) expect.fail(`${label}: got ${got}, want ${want}`);
}

type Mode = 'async' | 'sync';
const MODES: Mode[] = ['async', 'sync'];

describe.each(BACKENDS)('backend %s', (backend) => {
  describe.each(DTYPES)('%s', (dtype) => {
    for (const [rname, reg] of REGS) {
      it(`penalty, addPenaltyGrad, prox with ${rname} for every input kind, async and sync`, async () => {
        const e = engines.get(backend)!;
        for (const kind of KINDS) {
          for (const mode of MODES) {
            const label = `${backend} ${dtype} ${rname} ${kind} ${mode}`;
            const w0 = round(dtype, data(1)), g0 = round(dtype, data(2));

            const w = arg(e, kind, dtype, w0);
            const p = mode === 'async' ? await e.penalty(w.a, reg) : e.penaltySync(w.a, reg);
            nearScalar(p, O.penalty(w0, reg as O.Reg), dtype, `${label} penalty`);
            near(w.a, w0, dtype, `${label} penalty leaves w`);
            w.check();

            const g = arg(e, kind, dtype, g0);
            if (mode === 'async') await e.addPenaltyGrad(g.a, w.a, reg);
            else e.addPenaltyGradSync(g.a, w.a, reg);
            near(g.a, O.grad(g0, w0, reg as O.Reg), dtype, `${label} addPenaltyGrad`);
            near(w.a, w0, dtype, `${label} addPenaltyGrad leaves w`);
            g.check();

            if (mode === 'async') await e.prox(w.a, reg, LR);
            else e.proxSync(w.a, reg, LR);
            near(w.a, O.prox(w0, reg as O.Reg, LR), dtype, `${label} prox`);
            w.check();
          }
        }
      });
    }

    it('project (l1, l2), stats and prune (entries, groups) for every input kind, async and sync', async () => {
      const e = engines.get(backend)!;
      for (const kind of KINDS) {
        for (const mode of MODES) {
          const label = `${backend} ${dtype} ${kind} ${mode}`;
          const v0 = round(dtype, data(3));
          const run = async <R>(f: () => Promise<R>, fs: () => R): Promise<R> => (mode === 'async' ? f() : fs());

          for (const radius of [5, 500]) {
            const a = arg(e, kind, dtype, v0);
            await run(() => e.project(a.a, { norm: 'l1', radius }), () => e.projectSync(a.a, { norm: 'l1', radius }));
            near(a.a, O.projectL1(v0, radius), dtype === 'float32' ? 'float32' : dtype, `${label} project l1 r=${radius}`);
            a.check();
            const b = arg(e, kind, dtype, v0);
            await run(() => e.project(b.a, { norm: 'l2', radius }), () => e.projectSync(b.a, { norm: 'l2', radius }));
            near(b.a, O.projectL2(v0, radius), dtype, `${label} project l2 r=${radius}`);
            b.check();
          }

          const s = arg(e, kind, dtype, v0);
          const st = await run(() => e.stats(s.a), () => e.statsSync(s.a));
          const want = O.stats(v0);
          expect(st.n).toBe(want.n);
          expect(st.nnz).toBe(want.nnz);
          nearScalar(st.l1, want.l1, dtype, `${label} stats l1`);
          nearScalar(st.l2sq, want.l2sq, dtype, `${label} stats l2sq`);
          expect(st.linf).toBe(want.linf);

          for (const fraction of [0, 0.3, 0.5, 1]) {
            const q = arg(e, kind, dtype, v0);
            const res = await run(() => e.prune(q.a, { fraction }), () => e.pruneSync(q.a, { fraction }));
            const o = O.prune(v0, fraction);
            expect(Array.from(q.a), `${label} prune ${fraction}`).toEqual(o.out);
            expect(res).toEqual({ threshold: o.threshold, zeroed: o.zeroed });
            q.check();
          }

          // Groups with distinct norms 2·(perm + 1): the ranking cannot depend on rounding.
          const r = rng(4);
          const perm = Array.from({ length: N / GS }, (_, i) => i).sort(() => r() - 0.5);
          const gv = round(dtype, perm.flatMap((p) => Array.from({ length: GS }, () => (r() < 0.5 ? -1 : 1) * (p + 1))));
          const q = arg(e, kind, dtype, gv);
          const res = await run(() => e.prune(q.a, { fraction: 0.4, groupSize: GS }), () => e.pruneSync(q.a, { fraction: 0.4, groupSize: GS }));
          const o = O.pruneGroups(gv, 0.4, GS);
          expect(Array.from(q.a), `${label} prune groups`).toEqual(o.out);
          expect(res).toEqual({ threshold: o.threshold, zeroed: o.zeroed });
          q.check();
        }
      }
    });
  });
});
