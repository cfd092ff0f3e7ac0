// Defining identities checked on random inputs (fast-check): prox is the argmin of
// ½‖x − v‖² + tR(x), ball projections land on/in the ball, are idempotent and nearest, the L1 prox
// zeroes exactly |v| ≤ tλ, elastic net with l1 = 0 is L2, pruning zeroes exactly k and keeps the largest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elasticNet, groupLasso, l1, l2, type Regularizer } from '../src/index.js';
import * as O from './support/oracle.js';
import { BACKENDS, useEngines } from './support/engines.js';

// A fixed seed keeps CI deterministic; FC_SEED=<n> explores other inputs (a failure prints its seed).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20260127) });

const engines = useEngines();

const GS = 3;
const value = fc.double({ min: -10, max: 10, noNaN: true });
/** Vectors whose length is a multiple of GS, with exact zeros mixed in. */
const vec = fc
  .array(fc.oneof(value, fc.constant(0)), { minLength: GS, maxLength: 60 })
  .map((v) => v.slice(0, v.length - (v.length % GS)));
const lambda = fc.double({ min: 0, max: 3, noNaN: true });
const step = fc.double({ min: 0.01, max: 2, noNaN: true });
const reg: fc.Arbitrary<Regularizer> = fc.oneof(
  lambda.map((x) => l1(x)),
  lambda.map((x) => l2(x)),
  fc.tuple(lambda, lambda).map(([a, b]) => elasticNet({ l1: a, l2: b })),
  lambda.map((x) => groupLasso(x, GS)),
);

function objective(x: number[], v: number[], t: number, r: Regularizer): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d += (x[i]! - v[i]!) ** 2;
  return 0.5 * d + t * O.penalty(x, r as O.Reg);
}

const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]!) ** 2, 0));
const l1norm = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + Math.abs(x), 0);
const l2norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, x) => s + x * x, 0));

describe.each(BACKENDS)('backend %s', (backend) => {
  const eng = () => engines.get(backend)!;

  it('prox output minimises ½‖x − v‖² + tR(x): no random perturbation does better', () => {
    fc.assert(
      fc.property(vec, reg, step, fc.array(fc.tuple(fc.nat(), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (v, r, t, moves, scale) => {
        const w = eng().from(v, 'float64');
        eng().proxSync(w, r, t);
        const x = Array.from(w);
        eng().free(w);
        const best = objective(x, v, t, r);
        const tol = 1e-12 * (1 + Math.abs(best));
        // One random dense direction and one sparse move, at the sampled scale.
        const dense = x.map((xi, i) => xi + scale * Math.sin(1 + i * 7.3 + moves.length));
        expect(best).toBeLessThanOrEqual(objective(dense, v, t, r) + tol);
        const sparse = x.slice();
        for (const [i, d] of moves) sparse[i % x.length] = sparse[i % x.length]! + scale * d;
        expect(best).toBeLessThanOrEqual(objective(sparse, v, t, r) + tol);
      }),
      { numRuns: 150 },
    );
  });

  it('L1 prox gives exact zeros exactly where |v| ≤ tλ (f64 and f32, with τ rounded as the kernel does)', () => {
    fc.assert(
      fc.property(vec, lambda, step, fc.boolean(), (v, lam, t, f32) => {
        const dtype = f32 ? 'float32' : 'float64';
        const w = eng().from(v, dtype);
        const before = Array.from(w);
        eng().proxSync(w, l1(lam), t);
        const tau = f32 ? Math.fround(t * lam) : t * lam;
        for (let i = 0; i < v.length; i++) expect(w[i] === 0, `i=${i} v=${before[i]} τ=${tau}`).toBe(Math.abs(before[i]!) <= tau);
        eng().free(w);
      }),
      { numRuns: 150 },
    );
  });

  it('elastic net with l1 = 0 equals L2 (prox, penalty, gradient)', () => {
    fc.assert(
      fc.property(vec, vec, lambda, step, fc.boolean(), (v, gv, lam, t, f32) => {
        const dtype = f32 ? 'float32' : 'float64';
        const e = eng();
        const en = elasticNet({ l1: 0, l2: lam }), r2 = l2(lam);
        const a = e.from(v, dtype), b = e.from(v, dtype);
        e.proxSync(a, en, t);
        e.proxSync(b, r2, t);
        expect(Array.from(a).map((x) => x + 0)).toEqual(Array.from(b).map((x) => x + 0)); // ±0 compare equal
        expect(e.penaltySync(a, en)).toBe(e.penaltySync(a, r2));
        const g = gv.slice(0, v.length).concat(new Array(Math.max(0, v.length - gv.length)).fill(1));
        const ga = e.from(g, dtype), gb = e.from(g, dtype);
        e.addPenaltyGradSync(ga, a, en);
        e.addPenaltyGradSync(gb, a, r2);
        expect(Array.from(ga).map((x) => x + 0)).toEqual(Array.from(gb).map((x) => x + 0));
        for (const x of [a, b, ga, gb]) e.free(x);
      }),
      { numRuns: 100 },
    );
  });

  for (const norm of ['l1', 'l2'] as const) {
    it(`${norm}-ball projection lands on/in the ball, is idempotent and is the nearest point`, () => {
      const nrm = norm === 'l1' ? l1norm : l2norm;
      const ref = norm === 'l1' ? O.projectL1 : O.projectL2;
      fc.assert(
        fc.property(vec, fc.double({ min: 1e-3, max: 50, noNaN: true }), fc.array(vec, { maxLength: 4 }), (v, radius, others) => {
          const e = eng();
          const w = e.from(v, 'float64');
          e.projectSync(w, { norm, radius });
          const x = Array.from(w);
          const nx = nrm(x);
          // |x_i| − τ cancels: the rounding error scales with the input's size, not with the radius.
          const tol = 1e-12 * (radius + l1norm(v));
          expect(nx).toBeLessThanOrEqual(radius + tol);
          if (nrm(v) > radius) expect(Math.abs(nx - radius)).toBeLessThanOrEqual(tol);
          else expect(x).toEqual(v);
          // Nearest: equal to the sort-based reference, and no other point of the ball is closer.
          const want = ref(v, radius);
          for (let i = 0; i < v.length; i++) expect(Math.abs(x[i]! - want[i]!)).toBeLessThanOrEqual(tol);
          for (const o of others) {
            const y = ref(o.slice(0, v.length).concat(new Array(Math.max(0, v.length - o.length)).fill(0)), radius);
            expect(dist(x, v)).toBeLessThanOrEqual(dist(y, v) + 1e-9);
          }
          // Idempotent.
          e.projectSync(w, { norm, radius });
          for (let i = 0; i < v.length; i++) expect(Math.abs(w[i]! - x[i]!)).toBeLessThanOrEqual(tol);
          e.free(w);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('group pruning zeroes exactly floor(fraction·groups) whole groups, the smallest norms, ties by group index', () => {
    // Small integers: squared norms are exact in f32 and f64, so equal norms are exact ties.
    const data = fc.array(fc.integer({ min: -2, max: 2 }), { minLength: GS, maxLength: 90 }).map((v) => v.slice(0, v.length - (v.length % GS)));
    fc.assert(
      fc.property(data, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (v, fraction, f32) => {
        const e = eng();
        const w = e.from(v, f32 ? 'float32' : 'float64');
        const res = e.pruneSync(w, { fraction, groupSize: GS });
        const want = O.pruneGroups(v, fraction, GS);
        expect(Array.from(w).map((x) => x + 0)).toEqual(want.out.map((x) => x + 0));
        expect(res).toEqual({ threshold: want.threshold, zeroed: want.zeroed });
        e.free(w);
      }),
      { numRuns: 150 },
    );
  });

  it('pruning zeroes exactly k = floor(fraction·n) entries and keeps the largest (ties and zeros included)', () => {
    // Small integers force many ties; zeros count among the smallest.
    const tied = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(tied, vec.filter((v) => v.length > 0)), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (v, fraction, f32) => {
        const dtype = f32 ? 'float32' : 'float64';
        const e = eng();
        const w = e.from(v, dtype);
        const before = Array.from(w);
        const res = e.pruneSync(w, { fraction });
        const after = Array.from(w);
        const k = Math.floor(fraction * v.length);
        expect(res.zeroed).toBe(k);
        const zerosBefore = before.filter((x) => x === 0).length;
        expect(after.filter((x) => x === 0).length).toBe(Math.max(k, zerosBefore));
        const pruned = before.map((x, i) => (x !== 0 && after[i] === 0 ? Math.abs(x) : -1)).filter((x) => x >= 0);
        const kept = after.filter((x) => x !== 0).map(Math.abs);
        if (pruned.length && kept.length) expect(Math.min(...kept)).toBeGreaterThanOrEqual(Math.max(...pruned));
        if (pruned.length) expect(res.threshold).toBe(Math.max(...pruned));
        // Unchanged entries are bit-for-bit the same; ties go to the lowest indices.
        expect(after).toEqual(O.prune(before, fraction).out);
        e.free(w);
      }),
      { numRuns: 200 },
    );
  });
});
