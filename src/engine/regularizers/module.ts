// What one regularizer is, as the engine verbs and the model solvers use it: a descriptor (a frozen
// plain object with a `kind`) and a module that knows everything about that kind. The table in
// table.ts maps each kind to its module; nothing else in the package branches on the kind.
import type { KernelCall, Plan } from '../../kernels/types.js';
import type { PlanContext } from '../plan-context.js';
import type { Bound } from '../tensor.js';

/**
 * The coordinate-descent view of a penalty:
 * - 'separable': R(w) = Σ_j (λ₁|w_j| + λ₂w_j²), so a coordinate update is soft(u, λ₁)/(c + 2λ₂);
 * - 'group': R(w) = λ·Σ_g‖w_g‖ over consecutive groups of `size`, a block update per group.
 */
export type CdView = { kind: 'separable'; l1: number; l2: number } | { kind: 'group'; lambda: number; size: number };

export interface RegularizerModule<R extends { readonly kind: string }> {
  readonly kind: R['kind'];
  /** One line for docs and error messages, e.g. "l1(λ)". */
  readonly signature: string;
  /** Rebuilds a descriptor from a value that claims this kind (e.g. parsed JSON), validating it. */
  check(r: R): R;
  /** Elements per group: array lengths must be a multiple (1 for separable penalties). */
  groupSize(r: R): number;

  // Engine plans: the kernels that compute R, ∇R and prox over an array in engine memory.
  /** R(x). */
  valuePlan(ctx: PlanContext, x: Bound, r: R): Plan<number>;
  /** g += ∇R(w) (sign(0) = 0). */
  gradCall(g: Bound, w: Bound, r: R): KernelCall;
  /** x ← prox_{t·R}(x). */
  proxCall(x: Bound, r: R, t: number): KernelCall;
  /**
   * The λ-derived values the gradient kernel receives (2λ for the ‖·‖² terms): each must stay finite
   * once rounded to the array's dtype.
   */
  scalars(r: R): number[];

  // Solver arithmetic over plain f64 vectors (O(d) bookkeeping next to the kernels).
  /** R(w). */
  value(r: R, w: Float64Array): number;
  /** out ← prox_{t·R}(v). */
  prox(r: R, v: Float64Array, t: number, out: Float64Array): void;
  /**
   * Dual feasibility for the duality gap: for v = Aᵀθ (θ a dual point of the data term), the
   * largest κ ≤ 1 with R*(κv) < ∞, and R*(κv).
   */
  dual(r: R, v: Float64Array): [number, number];
  /** R with every λ multiplied by f. */
  scale(r: R, f: number): R;
  /** How coordinate descent updates a coordinate (or block) under R. */
  cd(r: R): CdView;
  /** True when R ≡ 0 (no dual bound: the gap is undefined). */
  isZero(r: R): boolean;
  /** R in words with its λ values (CLI output). */
  describe(r: R, fmt: (x: number) => string): string;
}

/** Σ|w|, Σw² in f64. */
export function norms(w: Float64Array): { l1: number; l2sq: number } {
  let a = 0, q = 0;
  for (let j = 0; j < w.length; j++) {
    a += Math.abs(w[j]!);
    q += w[j]! * w[j]!;
  }
  return { l1: a, l2sq: q };
}

/** out ← soft(v, τ)·shrink, elementwise. */
export function softInto(v: Float64Array, tau: number, shrink: number, out: Float64Array): void {
  for (let j = 0; j < v.length; j++) {
    const x = v[j]!;
    out[j] = (x > tau ? x - tau : x < -tau ? x + tau : 0) * shrink;
  }
}

/**
 * Dual of λ₁‖·‖₁ + λ₂‖·‖²: with λ₂ > 0, R* is finite everywhere (κ = 1, R*(v) = Σ (|v_j| − λ₁)₊²/(4λ₂));
 * with λ₂ = 0 it is the indicator of ‖v‖∞ ≤ λ₁, so κ = min(1, λ₁/‖v‖∞) and R* = 0.
 */
export function separableDual(l1: number, l2: number, v: Float64Array): [number, number] {
  if (l2 > 0) {
    let s = 0;
    for (let j = 0; j < v.length; j++) {
      const e = Math.abs(v[j]!) - l1;
      if (e > 0) s += e * e;
    }
    return [1, s / (4 * l2)];
  }
  let inf = 0;
  for (let j = 0; j < v.length; j++) inf = Math.max(inf, Math.abs(v[j]!));
  return [inf > l1 ? l1 / inf : 1, 0];
}
