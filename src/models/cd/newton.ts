// Newton polish on the support (logistic loss): once coordinate descent has found the support S and
// its signs s, the objective restricted to that orthant face, F(w_S, b) = (1/n)Σℓ(η) + λ₁sᵀw_S +
// λ₂‖w_S‖², is smooth, and Newton's method on it converges quadratically where CD crawls on
// correlated columns. Each step solves H·Δ = −∇F with H = [X_S 1]ᵀdiag(v)[X_S 1]/n + 2λ₂I (the
// support's weighted Hessian, dense Cholesky) and searches along the projection arc (a coordinate that
// would change sign stops at 0 and leaves S) until the objective decreases enough (Armijo).
// On the face's optimum the support's KKT conditions hold exactly, so the duality gap closes.
// The factor outlives the polish (support-factor.ts): the next one removes the columns that left and
// appends the few that entered instead of building H again, while the steps it gives stay good.
import type { Plan } from '../../kernels/types.js';
import { cholCall, colsAxpyCall, gradListCall, hessCall } from './calls.js';
import type { Field, Views } from './layout.js';
import type { CdData } from './store.js';
import type { SupportFactor } from './support-factor.js';

/**
 * Largest support whose Newton system is solved by a dense Cholesky factor (H is (|S| + 1)² f64:
 * 8 MiB at 1024); larger supports (ridge keeps every coordinate) use preconditioned conjugate
 * gradients with Hessian-vector products from the kernels.
 */
export const NEWTON_MAX_SUPPORT = 1024;
/** CG iterations per Newton step, and the residual (relative to the gradient) it stops at. */
const CG_MAX = 100;
const CG_FORCING = 0.05;
/** Newton steps per polish. */
const MAX_STEPS = 30;
/** Gradient contraction per step below which a reused factor is kept (else it is rebuilt). */
const CONTRACTION = 0.25;
/** Entering columns (a fraction of the support) up to which an earlier polish's factor is extended. */
const ENTER_MAX_FRACTION = 1 / 16;
/** Step halvings before the line search gives up (the step is then not taken). */
const MAX_HALVINGS = 12;

export function newtonLayout(rows: number, cols: number, csc: boolean, nnz: number): Field[] {
  const k = cols + 1, h = Math.min(cols, NEWTON_MAX_SUPPORT) + 1;
  return [
    ['slist', 'i32', k], ['gS', 'f64', k], ['delta', 'f64', k], ['step', 'f64', k], ['H', 'f64', h * h], ['status', 'f64', 1],
    ['deta', 'f64', rows], ['rowptr', 'i32', csc ? rows + 1 : 1], ['rcol', 'i32', csc ? nnz : 1], ['rval', 'f64', csc ? nnz : 1],
    ['pcgP', 'f64', k], ['pcgQ', 'f64', k], ['pcgU', 'f64', rows],
  ];
}

/** What the polish needs from the logistic model. */
export interface NewtonHost {
  readonly st: CdData;
  readonly v: Views;
  readonly w: Float64Array;
  /** x̃ᵀ(y − p)/n at the last refresh (the KKT check's gradient). */
  readonly g: Float64Array;
  readonly eta: Float64Array;
  readonly etaOld: Float64Array;
  /** state[0] is the intercept. */
  readonly state: Float64Array;
  readonly hasIntercept: boolean;
  /** Mean loss, Σ(y − p) and the weights at the current η (after irls()). */
  meanLoss(): number;
  sumR(): number;
  irls(): Plan<void>;
  /** The factor H holds between polishes. */
  readonly factor: SupportFactor;
}

/**
 * What the duality gap will be, from the support's gradient ∇F (‖∇F‖∞ = gmax, ‖∇F‖₂² = g2). For
 * ridge (λ₁ = 0, λ₂ > 0) it is exact: with the residuals r = y − p(η) as the dual point and
 * Σr = 0, Fenchel–Young turns the gap into ‖Xᵀr/n − 2λ₂w‖²/(4λ₂) = ‖∇F‖₂²/(4λ₂) (with Σr ≠ 0 the
 * dual point is infeasible; the intercept's component in g2 only keeps the estimate from passing
 * while b is far off, and the λ loop checks the real gap after every solve). Otherwise ‖w‖₁·‖∇F‖∞ bounds it at the face's optimum, which
 * for ridge asked for a gradient 100–1000× smaller than the gap needs (2–3 more Newton-CG steps per λ,
 * each ~20 Hessian-vector products on the mail features).
 */
function gapEstimate(gmax: number, l1w: number, g2: number, l1: number, l2: number): number {
  return l1 === 0 && l2 > 0 ? g2 / (4 * l2) : gmax * (1 + l1w);
}

/**
 * Polishes the nonzeros among the first m active coordinates (and the entering ones) until the
 * support's gradient is ≤ gradStop or the Newton decrement is ≤ stop. Returns the steps taken.
 */
export function* newtonPolish(
  h: NewtonHost, active: Int32Array, m: number, entering: readonly number[], l1: number, l2: number, stop: number, gradStop: number,
): Plan<number> {
  const { st, v, w, eta, etaOld, state } = h;
  const slist = v.slist as Int32Array, gS = v.gS as Float64Array, delta = v.delta as Float64Array;
  const H = v.H as Float64Array, status = v.status as Float64Array, deta = v.deta as Float64Array, step = v.step as Float64Array;
  const scratch = { rowptr: v.rowptr!, rcol: v.rcol!, rval: v.rval! };
  const sign = new Float64Array(h.w.length);
  let s = 0;
  for (let k = 0; k < m; k++) {
    const j = active[k]!;
    if (w[j] === 0) continue;
    sign[s] = Math.sign(w[j]!);
    slist[s++] = j;
  }
  // Zero coordinates that violate the KKT conditions enter with the sign their gradient asks for (a
  // wrong guess is undone by the projection: its step crosses zero and it leaves again).
  for (const j of entering) {
    if (w[j] !== 0) continue;
    sign[s] = Math.sign(h.g[j]!);
    slist[s++] = j;
  }
  const n = st.rows;
  /** The penalty of the support at w + step (no step: at w). */
  const penalty = (by?: Float64Array): number => {
    let a = 0, q = 0;
    for (let k = 0; k < s; k++) {
      const x = w[slist[k]!]! + (by ? by[k]! : 0);
      a += Math.abs(x);
      q += x * x;
    }
    return l1 * a + l2 * q;
  };
  let steps = 0;
  const cache = h.factor;
  /** H holds the Cholesky factor of the current support's Hessian (from an earlier step or polish). */
  let factored = yield* resume();
  /** The support gradient's size at the previous step (∞: no comparison). */
  let gPrev = Infinity;
  for (; steps < MAX_STEPS; steps++) {
    const M = s + (h.hasIntercept ? 1 : 0);
    if (M === 0) break;
    yield gradListCall(st, slist, s, v.r!, gS);
    // −∇F on the face, the Newton system's right-hand side; stop when it is small enough for the
    // duality gap (gapEstimate) to pass.
    let gmax = 0, l1w = 0, g2 = 0;
    for (let k = 0; k < s; k++) {
      delta[k] = gS[k]! - l1 * sign[k]! - 2 * l2 * w[slist[k]!]!;
      gmax = Math.max(gmax, Math.abs(delta[k]!));
      g2 += delta[k]! * delta[k]!;
      l1w += Math.abs(w[slist[k]!]!);
    }
    if (h.hasIntercept) {
      delta[s] = h.sumR() / n;
      gmax = Math.max(gmax, Math.abs(delta[s]!));
      g2 += delta[s]! * delta[s]!;
    }
    if (gapEstimate(gmax, l1w, g2, l1, l2) <= gradStop) break;
    // Newton on a fresh Hessian contracts the gradient fast; a reused factor that no longer does is
    // too stale to keep (the support unchanged: a coordinate that left resets the comparison).
    if (factored && gmax > CONTRACTION * gPrev) factored = cache.valid = false;
    gPrev = gmax;
    const rhs = Float64Array.from(delta.subarray(0, M));
    if (s > NEWTON_MAX_SUPPORT) {
      cache.valid = false;
      yield* cg(M, rhs);
    } else if (factored) {
      cache.toFactor(delta);
      yield cholCall(H, delta, status, M, 0, false);
      cache.fromFactor(delta);
    } else if (!(yield* factor(M))) {
      cache.valid = false;
      return steps;
    } else factored = true;
    let dec = 0;
    for (let k = 0; k < M; k++) dec += rhs[k]! * delta[k]!;
    const F0 = h.meanLoss() + penalty();
    // Below ~1e-15·F the decrement is rounding noise: the face's optimum is reached.
    if (!(dec > 0) || dec <= Math.max(stop, 1e-15 * F0)) break;
    // Line search along the projection arc x(t) = P(w + tΔ): a coordinate whose step would cross zero
    // stops at zero (and leaves the support), the others follow the Newton direction; Armijo on
    // ∇F·(x(t) − w), which is −t·dec until the first crossing.
    etaOld.set(eta);
    const b0 = state[0]!;
    let t = 1, accepted = false, crossing = 0, F = F0;
    for (let ls = 0; ls < MAX_HALVINGS && !accepted; ls++) {
      let lin = 0;
      crossing = 0;
      for (let k = 0; k < s; k++) {
        const wk = w[slist[k]!]!;
        let x = wk + t * delta[k]!;
        // Without an L1 term there is no orthant face: a ridge coordinate may cross zero.
        if (l1 > 0 && sign[k]! * x < 0) {
          x = 0;
          crossing++;
        }
        step[k] = x - wk;
        lin -= rhs[k]! * step[k]!;
      }
      const db = h.hasIntercept ? t * delta[s]! : 0;
      if (h.hasIntercept) lin -= rhs[s]! * db;
      yield colsAxpyCall(st, slist, s, step, deta, db);
      for (let i = 0; i < n; i++) eta[i] = etaOld[i]! + deta[i]!;
      yield* h.irls();
      F = h.meanLoss() + penalty(step);
      if (F <= F0 + 1e-4 * lin) accepted = true;
      else t /= 2;
    }
    if (!accepted) {
      eta.set(etaOld);
      yield* h.irls();
      break;
    }
    // A factor reused from an earlier step is only an approximation: refresh it after a poor step.
    if (t < 1 || F > F0 - 0.25 * dec) factored = cache.valid = false;
    for (let k = 0; k < s; k++) w[slist[k]!] = w[slist[k]!]! + step[k]!;
    if (h.hasIntercept) state[0] = b0 + t * delta[s]!;
    if (crossing > 0) {
      // The crossing coordinates landed on zero: exactly 0, out of the support (and out of the factor).
      let kept = 0;
      const drop: number[] = [];
      for (let k = 0; k < s; k++) {
        if (w[slist[k]!] === 0) {
          drop.push(k);
          continue;
        }
        slist[kept] = slist[k]!;
        sign[kept++] = sign[k]!;
      }
      s = kept;
      if (factored) cache.remove(H, drop);
      gPrev = Infinity;
    }
  }
  return steps;

  /**
   * δ ≈ H⁻¹·rhs by conjugate gradients preconditioned with H's diagonal: H·p = X_Sᵀ(v∘(X_S p + p_b))/n
   * + 2λ₂p (two passes over the support's nonzeros), stopped at a residual of CG_FORCING·‖rhs‖
   * (an inexact Newton step; the line search makes it safe).
   */
  function* cg(M: number, rhs: Float64Array): Plan<void> {
    const P = v.pcgP as Float64Array, Q = v.pcgQ as Float64Array, U = v.pcgU as Float64Array, weights = v.v as Float64Array;
    const xv = v.xv as Float64Array;
    let sumV = 0;
    for (let i = 0; i < n; i++) sumV += weights[i]!;
    const diag = new Float64Array(M);
    for (let k = 0; k < s; k++) diag[k] = Math.max(xv[slist[k]!]! + 2 * l2, 1e-300);
    if (M > s) diag[s] = Math.max(sumV / n, 1e-300);
    const x = new Float64Array(M), res = Float64Array.from(rhs), z = res.map((r, k) => r / diag[k]!);
    P.set(z.subarray(0, M));
    let rz = 0, rr0 = 0;
    for (let k = 0; k < M; k++) {
      rz += res[k]! * z[k]!;
      rr0 += res[k]! * res[k]!;
    }
    for (let it = 0; it < CG_MAX; it++) {
      yield colsAxpyCall(st, slist, s, P, U, M > s ? P[s]! : 0);
      let qb = 0;
      for (let i = 0; i < n; i++) {
        U[i] = weights[i]! * U[i]!;
        qb += U[i]!;
      }
      yield gradListCall(st, slist, s, U, Q);
      let pq = 0;
      for (let k = 0; k < s; k++) {
        Q[k] = Q[k]! + 2 * l2 * P[k]!;
        pq += P[k]! * Q[k]!;
      }
      if (M > s) {
        Q[s] = qb / n;
        pq += P[s]! * Q[s]!;
      }
      if (!(pq > 0)) break;
      const alpha = rz / pq;
      let rr = 0, rzNew = 0;
      for (let k = 0; k < M; k++) {
        x[k] = x[k]! + alpha * P[k]!;
        res[k] = res[k]! - alpha * Q[k]!;
        z[k] = res[k]! / diag[k]!;
        rr += res[k]! * res[k]!;
        rzNew += res[k]! * z[k]!;
      }
      if (rr <= CG_FORCING * CG_FORCING * rr0) break;
      for (let k = 0; k < M; k++) P[k] = z[k]! + (rzNew / rz) * P[k]!;
      rz = rzNew;
    }
    delta.set(x);
  }

  /**
   * Takes up the factor an earlier polish left in H when the support differs from its columns by a
   * few: the columns that left are removed from it, the entering ones appended, and slist/sign put in
   * the factor's order. False (H to be rebuilt) when there is no such factor.
   */
  function* resume(): Plan<boolean> {
    if (!cache.valid || cache.l2 !== l2 || s > NEWTON_MAX_SUPPORT || (cache.bpos >= 0) !== h.hasIntercept) return false;
    const at = new Map<number, number>();
    for (let k = 0; k < s; k++) at.set(slist[k]!, k);
    const drop: number[] = [], kept = new Set<number>();
    cache.cols.forEach((j, k) => (at.has(j) ? kept.add(j) : drop.push(k)));
    const enter = s - kept.size;
    // An appended row costs a pass over the support's nonzeros: past a few, a rebuild is cheaper.
    if (enter > ENTER_MAX_FRACTION * s + 2) return false;
    const signOf = new Map<number, number>();
    for (let k = 0; k < s; k++) signOf.set(slist[k]!, sign[k]!);
    const fresh: number[] = [];
    for (let k = 0; k < s; k++) if (!kept.has(slist[k]!)) fresh.push(slist[k]!);
    cache.remove(H, drop);
    let c = 0;
    for (const j of cache.cols) {
      slist[c] = j;
      sign[c++] = signOf.get(j)!;
    }
    const U = v.pcgU as Float64Array, Q = v.pcgQ as Float64Array, weights = v.v as Float64Array;
    if (fresh.length > 0) U.fill(0);
    for (const j of fresh) {
      // Row j of the Hessian: X_Sᵀ(v∘x_j)/n over the factor's columns, Σv∘x_j/n, Σv∘x_j²/n + 2λ₂.
      let hb = 0, hjj = 0;
      const lo = st.kind === 'dense' ? j * n : st.colptr![j]!, hi = st.kind === 'dense' ? lo + n : st.colptr![j + 1]!;
      for (let p = lo; p < hi; p++) {
        const i = st.kind === 'dense' ? p - lo : st.rowidx![p]!, x = st.vals[p]!, u = weights[i]! * x;
        U[i] = u;
        hb += u;
        hjj += u * x;
      }
      yield gradListCall(st, slist, c, U, Q);
      for (let p = lo; p < hi; p++) U[st.kind === 'dense' ? p - lo : st.rowidx![p]!] = 0;
      const row = new Float64Array(c + 1);
      row.set(Q.subarray(0, c));
      row[c] = hb / n;
      if (!cache.append(H, j, row, hjj / n + 2 * l2)) {
        s = c;
        // The factor is gone: put the rest back in the support for the rebuild.
        for (const r of fresh.slice(fresh.indexOf(j))) {
          slist[s] = r;
          sign[s++] = signOf.get(r)!;
        }
        return false;
      }
      slist[c] = j;
      sign[c++] = signOf.get(j)!;
    }
    return true;
  }

  /** H ← Cholesky factor of the support's Hessian (+ μI, μ raised from 0 until it factors); δ ← H⁻¹δ. */
  function* factor(M: number): Plan<boolean> {
    const rhs = Float64Array.from(delta.subarray(0, M));
    cache.valid = false;
    yield hessCall(st, slist, s, v.v!, H, h.hasIntercept, scratch);
    if (l2 > 0) for (let k = 0; k < s; k++) H[k * M + k] = H[k * M + k]! + 2 * l2;
    let maxDiag = 0;
    for (let k = 0; k < M; k++) maxDiag = Math.max(maxDiag, H[k * M + k]!);
    // Duplicate columns make H singular: the smallest μ that factors gives a descent direction.
    // (A failed factorization overwrote H: it is built again, which is rare and costs one pass.)
    for (let mu = 0, tries = 0; tries < 12; tries++) {
      yield cholCall(H, delta, status, M, mu, true);
      if (status[0] === 1) {
        cache.record(slist, s, h.hasIntercept, l2);
        return true;
      }
      mu = mu === 0 ? 1e-12 * Math.max(maxDiag, 1e-300) : mu * 100;
      yield hessCall(st, slist, s, v.v!, H, h.hasIntercept, scratch);
      if (l2 > 0) for (let k = 0; k < s; k++) H[k * M + k] = H[k * M + k]! + 2 * l2;
      delta.set(rhs);
    }
    return false;
  }
}
