// O(d) penalty arithmetic for the solvers, in plain f64 JS: value, proximal step, the dual value
// R*(κ·v) with the feasibility scaling κ of the duality gap, and λ scaling.
import { elasticNet, groupLasso, l1, l2, type Regularizer } from '../engine/regularizers.js';

/** Pure (λ₁, λ₂, group λ) view of a regularizer. */
interface Parts { l1: number; l2: number; group: number; groupSize: number }

function parts(r: Regularizer): Parts {
  switch (r.kind) {
    case 'l1': return { l1: r.lambda, l2: 0, group: 0, groupSize: 1 };
    case 'l2': return { l1: 0, l2: r.lambda, group: 0, groupSize: 1 };
    case 'elasticNet': return { l1: r.l1, l2: r.l2, group: 0, groupSize: 1 };
    case 'groupLasso': return { l1: 0, l2: 0, group: r.lambda, groupSize: r.groupSize };
  }
}

/** R(w). */
export function penaltyValue(r: Regularizer, w: Float64Array): number {
  const p = parts(r);
  let a = 0, q = 0;
  if (p.group > 0) {
    for (let g = 0; g < w.length; g += p.groupSize) {
      let s = 0;
      for (let j = g; j < g + p.groupSize; j++) s += w[j]! * w[j]!;
      a += Math.sqrt(s);
    }
    return p.group * a;
  }
  for (let j = 0; j < w.length; j++) {
    a += Math.abs(w[j]!);
    q += w[j]! * w[j]!;
  }
  return p.l1 * a + p.l2 * q;
}

/** out ← prox_{t·R}(v) (DESIGN §1 formulas). */
export function proxInto(r: Regularizer, v: Float64Array, t: number, out: Float64Array): void {
  const p = parts(r);
  if (p.group > 0) {
    const tl = t * p.group;
    for (let g = 0; g < v.length; g += p.groupSize) {
      let s = 0;
      for (let j = g; j < g + p.groupSize; j++) s += v[j]! * v[j]!;
      const norm = Math.sqrt(s);
      const f = norm > tl ? 1 - tl / norm : 0;
      for (let j = g; j < g + p.groupSize; j++) out[j] = f * v[j]!;
    }
    return;
  }
  const tau = t * p.l1, shrink = 1 / (1 + 2 * t * p.l2);
  for (let j = 0; j < v.length; j++) {
    const x = v[j]!;
    out[j] = (x > tau ? x - tau : x < -tau ? x + tau : 0) * shrink;
  }
}

/** True when R ≡ 0 (no dual bound: the gap is not defined). */
export function isZero(r: Regularizer): boolean {
  const p = parts(r);
  return p.l1 === 0 && p.l2 === 0 && p.group === 0;
}

/**
 * For the dual point κ·ρ/n of the squared loss, with v = Aᵀρ/n: κ = 1 where R* is finite
 * everywhere (λ₂ > 0), else the largest κ ≤ 1 with κ·v in dom R*; returns [κ, R*(κ·v)].
 */
export function dualScale(r: Regularizer, v: Float64Array): [number, number] {
  const p = parts(r);
  if (p.group > 0) {
    let worst = 0;
    for (let g = 0; g < v.length; g += p.groupSize) {
      let s = 0;
      for (let j = g; j < g + p.groupSize; j++) s += v[j]! * v[j]!;
      worst = Math.max(worst, Math.sqrt(s));
    }
    return [worst > p.group ? p.group / worst : 1, 0];
  }
  if (p.l2 > 0) {
    let s = 0;
    for (let j = 0; j < v.length; j++) {
      const e = Math.abs(v[j]!) - p.l1;
      if (e > 0) s += e * e;
    }
    return [1, s / (4 * p.l2)];
  }
  let inf = 0;
  for (let j = 0; j < v.length; j++) inf = Math.max(inf, Math.abs(v[j]!));
  return [inf > p.l1 ? p.l1 / inf : 1, 0];
}

/** R with every λ multiplied by f (the y-scaling of glmnet's gaussian standardization). */
export function scaleRegularizer(r: Regularizer, f: number): Regularizer {
  switch (r.kind) {
    case 'l1': return l1(r.lambda * f);
    case 'l2': return l2(r.lambda * f);
    case 'elasticNet': return elasticNet({ l1: r.l1 * f, l2: r.l2 * f });
    case 'groupLasso': return groupLasso(r.lambda * f, r.groupSize);
  }
}

/** [λ₁, λ₂] of an l1/l2/elasticNet regularizer (coordinate descent's view). */
export function l1l2(r: Regularizer): [number, number] {
  const p = parts(r);
  return [p.l1, p.l2];
}
