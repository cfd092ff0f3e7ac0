// FISTA (Beck & Teboulle 2009) with backtracking on L and function-value adaptive restart
// (O'Donoghue & Candès 2015), for any penalty with a prox and either loss. Each iteration costs one
// A·w and one Aᵀr (engine kernels); the linear combinations are O(n) and O(d) JS.
// Stopping: squared loss — duality gap ≤ tol·P(w), checked every CHECK_EVERY iterations;
// logistic — the proximal-gradient step L·‖v − w⁺‖∞ (and its intercept part) ≤ tol·λ_max-scale.
import type { FloatArray } from '../dtype.js';
import type { PlanContext } from '../engine/plan-context.js';
import { moduleOf, type Regularizer } from '../engine/regularizers.js';
import { BLOCK } from '../kernels/layout.js';
import type { Plan } from '../kernels/types.js';
import type { Problem } from './problem.js';
import { planScratch } from './scratch.js';

export interface SolveOut {
  w: Float64Array;
  b: number;
  objective: number;
  gap: number | null;
  iterations: number;
  converged: boolean;
}

const CHECK_EVERY = 10;

/** Loss at margins z (engine array); writes the per-sample loss derivative r = ∂ℓ/∂z. */
export function* lossAt(ctx: PlanContext, P: Problem, z: FloatArray, r: FloatArray): Plan<number> {
  const n = P.n;
  if (P.c.loss === 'squared') {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = z[i]! - P.t[i]!;
      r[i] = e;
      s += e * e;
    }
    return s / (2 * n);
  }
  const blocks = Math.ceil(n / BLOCK);
  const out = planScratch(ctx, 'loss', blocks);
  yield { kernel: 'logistic_loss', dtype: P.design.dtype, ptrs: [z.byteOffset, P.tEng.byteOffset, r.byteOffset], n, scalars: [], out: out.ptr };
  let s = 0;
  for (let k = 0; k < blocks; k++) s += out.view[k]!;
  return s / n;
}

/** Squared-loss duality gap at w given r = A·w − t (engine) and g = Aᵀr/n. Null when R ≡ 0. */
export function squaredGap(P: Problem, R: Regularizer, w: Float64Array, r: FloatArray, g: Float64Array): { primal: number; gap: number | null } {
  const n = P.n;
  let rr = 0, tr = 0;
  for (let i = 0; i < n; i++) {
    const e = -r[i]!; // ρ = t − A·w
    rr += e * e;
    tr += P.t[i]! * e;
  }
  const mod = moduleOf(R);
  const primal = rr / (2 * n) + mod.value(R, w);
  if (mod.isZero(R)) return { primal, gap: null };
  const v = g.map((x) => -x); // Aᵀρ/n
  const [k, conj] = mod.dual(R, v);
  const dual = (k * tr) / n - (k * k * rr) / (2 * n) - conj;
  return { primal, gap: Math.max(0, primal - dual) };
}

/** Power iteration on AᵀA (12 steps from a fixed start): an estimate of σ_max(A)². */
function* sigmaMaxSq(ctx: PlanContext, P: Problem): Plan<number> {
  const d = P.d;
  const v = new Float64Array(d).map((_, j) => 1 + ((j * 7919) % 13) / 13);
  const g = new Float64Array(d);
  let est = 0;
  for (let it = 0; it < 12; it++) {
    let nv = 0;
    for (const x of v) nv += x * x;
    nv = Math.sqrt(nv);
    if (!(nv > 0)) return 0;
    for (let j = 0; j < d; j++) v[j] = v[j]! / nv;
    yield* P.design.mul(v, 0, P.z);
    yield* P.design.tmul(ctx, P.z, g);
    let ng = 0;
    for (const x of g) ng += x * x;
    est = Math.sqrt(ng);
    v.set(g);
  }
  return est;
}

export function* fistaPlan(
  ctx: PlanContext, P: Problem, R: Regularizer, w0: Float64Array, b0: number, tol: number, maxIter: number,
): Plan<SolveOut> {
  const { n, d, design } = P;
  const mod = moduleOf(R);
  const logistic = P.c.loss === 'logistic';
  const curv = logistic ? 0.25 : 1;
  // σ_max(A)² depends on the data only: estimate it once per problem (a path reuses it).
  P.sigmaSq ??= yield* sigmaMaxSq(ctx, P);
  let L = (curv * Math.max(P.sigmaSq, P.hasB ? n : 0)) / n;
  if (!(L > 0)) L = 1e-12;
  L *= 1.05;
  const eps = design.dtype === 'float32' ? 1e-6 : 1e-12;

  // Null-model scale for the logistic criterion and P(0) for the gap.
  let scale = 1;
  const g = new Float64Array(d);
  let p0 = 0;
  if (logistic) {
    const pbar = P.hasB ? P.t.reduce((a, b) => a + b, 0) / n : 0.5;
    for (let i = 0; i < n; i++) P.r[i] = pbar - P.t[i]!;
    yield* design.tmul(ctx, P.r, g);
    scale = 0;
    for (const x of g) scale = Math.max(scale, Math.abs(x) / n);
    if (!(scale > 0)) scale = 1;
  } else {
    for (const x of P.t) p0 += x * x;
    p0 = Math.max(p0 / (2 * n), 1e-300);
  }

  const w = Float64Array.from(w0), v = Float64Array.from(w0), wn = new Float64Array(d), step = new Float64Array(d);
  let b = b0, bv = b0, bn = b0;
  yield* design.mul(w, b, P.z);
  let F = (yield* lossAt(ctx, P, P.z, P.r)) + mod.value(R, w);
  P.zv.set(P.z);
  let tk = 1, gap: number | null = null, converged = false, it = 0;
  for (it = 1; it <= maxIter; it++) {
    const fv = yield* lossAt(ctx, P, P.zv, P.r);
    yield* design.tmul(ctx, P.r, g);
    let gb = 0;
    for (let j = 0; j < d; j++) g[j] = g[j]! / n;
    if (P.hasB) {
      for (let i = 0; i < n; i++) gb += P.r[i]!;
      gb /= n;
    }
    let fn = 0;
    for (;;) {
      for (let j = 0; j < d; j++) step[j] = v[j]! - g[j]! / L;
      mod.prox(R, step, 1 / L, wn);
      bn = P.hasB ? bv - gb / L : 0;
      yield* design.mul(wn, bn, P.zPrev); // zPrev holds z(w⁺) until the swap below
      fn = yield* lossAt(ctx, P, P.zPrev, P.r);
      let lin = 0, sq = 0;
      for (let j = 0; j < d; j++) {
        const dj = wn[j]! - v[j]!;
        lin += g[j]! * dj;
        sq += dj * dj;
      }
      lin += gb * (bn - bv);
      sq += (bn - bv) * (bn - bv);
      if (fn <= fv + lin + (L / 2) * sq + eps * Math.abs(fv) || !(L < 1e300)) break;
      L *= 2;
    }
    const Fn = fn + mod.value(R, wn);
    // Stopping criteria.
    if (logistic) {
      let m = Math.abs(bv - bn);
      for (let j = 0; j < d; j++) m = Math.max(m, Math.abs(v[j]! - wn[j]!));
      if (L * m <= tol * scale) converged = true;
    } else if (it % CHECK_EVERY === 0 || it === maxIter) {
      // P.r holds A·w⁺ − t from the line search.
      const gw = new Float64Array(d);
      yield* design.tmul(ctx, P.r, gw);
      for (let j = 0; j < d; j++) gw[j] = gw[j]! / n;
      const res = squaredGap(P, R, wn, P.r, gw);
      gap = res.gap;
      if (gap !== null ? gap <= tol * res.primal : L * maxAbsDiff(v, wn) <= tol * Math.sqrt(2 * p0)) converged = true;
    }
    // Momentum with function-value restart.
    let beta = 0;
    if (Fn > F) tk = 1;
    else {
      const t1 = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      beta = (tk - 1) / t1;
      tk = t1;
    }
    for (let j = 0; j < d; j++) {
      v[j] = wn[j]! + beta * (wn[j]! - w[j]!);
      w[j] = wn[j]!;
    }
    bv = bn + beta * (bn - b);
    b = bn;
    for (let i = 0; i < n; i++) {
      const zn = P.zPrev[i]!;
      P.zv[i] = zn + beta * (zn - P.z[i]!);
      P.z[i] = zn;
    }
    F = Fn;
    if (converged) break;
  }
  return { w, b, objective: F, gap, iterations: Math.min(it, maxIter), converged };
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]! - b[j]!));
  return m;
}
