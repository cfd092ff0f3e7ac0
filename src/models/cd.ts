// Cyclic coordinate descent for squared loss with l1/l2/elasticNet, in glmnet's "covariance"
// form: the Gram matrix G = AᵀA and q = Aᵀt are built once with engine kernels (2·d products,
// O(n·d²)), after which an epoch costs O(d) per changed coordinate, independent of n. The duality
// gap is exact in Gram form (‖t − Aw‖² = tᵀt − 2qᵀw + wᵀGw), so the stopping rule is the same as
// FISTA's, and it also certifies strong-rule screening: coordinates outside the active set that
// violate the KKT conditions are added back before the gap can close.
import type { PlanContext } from '../engine/plan-context.js';
import type { Regularizer } from '../engine/regularizers.js';
import type { Plan } from '../kernels/types.js';
import type { SolveOut } from './fista.js';
import { dualScale, isZero, l1l2, penaltyValue } from './penalty.js';
import type { Problem } from './problem.js';

export interface Gram {
  /** d×d, row-major (symmetric). */
  G: Float64Array;
  q: Float64Array;
  /** tᵀt. */
  tt: number;
}

/** G column by column: z = A·e_j, G[:, j] = Aᵀz; q = Aᵀt. */
export function* gramPlan(ctx: PlanContext, P: Problem): Plan<Gram> {
  const d = P.d;
  const G = new Float64Array(d * d), e = new Float64Array(d), col = new Float64Array(d), q = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    yield* P.design.mul(e, 0, P.z);
    yield* P.design.tmul(ctx, P.z, col);
    for (let k = 0; k < d; k++) G[k * d + j] = col[k]!;
  }
  // Symmetrize away the rounding differences between the two triangles.
  for (let j = 0; j < d; j++)
    for (let k = j + 1; k < d; k++) G[j * d + k] = G[k * d + j] = 0.5 * (G[j * d + k]! + G[k * d + j]!);
  yield* P.design.tmul(ctx, P.tEng, q);
  let tt = 0;
  for (const x of P.t) tt += x * x;
  return { G, q, tt };
}

/** Primal, gap and −∇f = (q − h)/n at w with h = G·w. */
function gapOf(gr: Gram, n: number, R: Regularizer, w: Float64Array, h: Float64Array, gneg: Float64Array): { primal: number; gap: number | null } {
  let qw = 0, wh = 0;
  for (let j = 0; j < w.length; j++) {
    qw += gr.q[j]! * w[j]!;
    wh += w[j]! * h[j]!;
    gneg[j] = (gr.q[j]! - h[j]!) / n;
  }
  const rr = Math.max(0, gr.tt - 2 * qw + wh);
  const tr = gr.tt - qw;
  const primal = rr / (2 * n) + penaltyValue(R, w);
  if (isZero(R)) return { primal, gap: null };
  const [k, conj] = dualScale(R, gneg);
  return { primal, gap: Math.max(0, primal - ((k * tr) / n - (k * k * rr) / (2 * n) - conj)) };
}

/**
 * Minimizes (1/2n)‖t − Aw‖² + λ₁‖w‖₁ + λ₂‖w‖² from w (updated in place, with h = G·w kept in step).
 * `active` (optional) restricts the cycle to a screened set; KKT violators are added as found.
 */
export function cdSolve(
  gr: Gram, n: number, R: Regularizer, w: Float64Array, h: Float64Array, active: Uint8Array | null, tol: number, maxIter: number,
): SolveOut {
  const d = w.length;
  const [l1, l2] = l1l2(R);
  const nl1 = n * l1, nl2 = 2 * n * l2;
  const p0 = Math.max(gr.tt / (2 * n), 1e-300);
  const gneg = new Float64Array(d);
  let res = gapOf(gr, n, R, w, h, gneg);
  let it = 0, converged = false;
  for (it = 1; it <= maxIter; it++) {
    let maxDelta = 0;
    for (let j = 0; j < d; j++) {
      if (active && !active[j]) continue;
      const gjj = gr.G[j * d + j]!;
      const denom = gjj + nl2;
      if (!(denom > 0)) continue;
      const wj = w[j]!;
      const rho = gr.q[j]! - h[j]! + gjj * wj;
      const nw = (rho > nl1 ? rho - nl1 : rho < -nl1 ? rho + nl1 : 0) / denom;
      const delta = nw - wj;
      if (delta === 0) continue;
      w[j] = nw;
      maxDelta = Math.max(maxDelta, Math.abs(delta) * Math.sqrt(gjj));
      for (let k = 0, o = j * d; k < d; k++) h[k] = h[k]! + delta * gr.G[o + k]!;
    }
    res = gapOf(gr, n, R, w, h, gneg);
    if (res.gap !== null ? res.gap <= tol * p0 : maxDelta <= tol * Math.sqrt(gr.tt)) {
      converged = true;
      break;
    }
    if (active) {
      // KKT for a screened-out w_j = 0: |(q − Gw)_j|/n ≤ λ₁. Violators join the active set.
      for (let j = 0; j < d; j++) if (!active[j] && Math.abs(gneg[j]!) > l1) active[j] = 1;
    }
  }
  return { w, b: 0, objective: res.primal, gap: res.gap, iterations: Math.min(it, maxIter), converged };
}

/** h = G·w. */
export function gramTimes(gr: Gram, w: Float64Array): Float64Array {
  const d = w.length, h = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const wj = w[j]!;
    if (wj !== 0) for (let k = 0, o = j * d; k < d; k++) h[k] = h[k]! + wj * gr.G[o + k]!;
  }
  return h;
}
