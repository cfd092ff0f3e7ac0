// An independent naive oracle written from docs/design.md §1's formulas, in f64 over plain number arrays.
// It shares no code with the kernels or their registry references.

export type Reg =
  | { kind: 'l1'; lambda: number }
  | { kind: 'l2'; lambda: number }
  | { kind: 'elasticNet'; l1: number; l2: number }
  | { kind: 'groupLasso'; lambda: number; groupSize: number };

const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);
const soft = (v: number, t: number) => sign(v) * Math.max(Math.abs(v) - t, 0);
const norm2 = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

function groups(v: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < v.length; i += size) out.push(v.slice(i, i + size));
  return out;
}

export function penalty(w: number[], r: Reg): number {
  const l1 = w.reduce((s, x) => s + Math.abs(x), 0), l2sq = w.reduce((s, x) => s + x * x, 0);
  switch (r.kind) {
    case 'l1': return r.lambda * l1;
    case 'l2': return r.lambda * l2sq;
    case 'elasticNet': return r.l1 * l1 + r.l2 * l2sq;
    case 'groupLasso': return r.lambda * groups(w, r.groupSize).reduce((s, g) => s + norm2(g), 0);
  }
}

export function grad(g: number[], w: number[], r: Reg): number[] {
  switch (r.kind) {
    case 'l1': return g.map((x, i) => x + r.lambda * sign(w[i]!));
    case 'l2': return g.map((x, i) => x + 2 * r.lambda * w[i]!);
    case 'elasticNet': return g.map((x, i) => x + r.l1 * sign(w[i]!) + 2 * r.l2 * w[i]!);
    case 'groupLasso':
      return groups(w, r.groupSize).flatMap((wg, k) => {
        const n = norm2(wg);
        return wg.map((x, j) => g[k * r.groupSize + j]! + (n === 0 ? 0 : (r.lambda * x) / n));
      });
  }
}

export function prox(v: number[], r: Reg, t: number): number[] {
  switch (r.kind) {
    case 'l1': return v.map((x) => soft(x, t * r.lambda));
    case 'l2': return v.map((x) => x / (1 + 2 * t * r.lambda));
    case 'elasticNet': return v.map((x) => soft(x, t * r.l1) / (1 + 2 * t * r.l2));
    case 'groupLasso':
      return groups(v, r.groupSize).flatMap((vg) => {
        const n = norm2(vg);
        const f = n === 0 ? 0 : Math.max(0, 1 - (t * r.lambda) / n);
        return vg.map((x) => f * x);
      });
  }
}

/** Euclidean projection onto the L2 ball. */
export function projectL2(v: number[], radius: number): number[] {
  const n = norm2(v);
  return n <= radius ? v.slice() : v.map((x) => (x * radius) / n);
}

/** Duchi et al. (2008), Fig. 1: sort |v| descending, find ρ, θ = (Σ_{i≤ρ} u_i − r)/ρ. */
export function projectL1(v: number[], radius: number): number[] {
  const l1 = v.reduce((s, x) => s + Math.abs(x), 0);
  if (l1 <= radius) return v.slice();
  const u = v.map(Math.abs).sort((a, b) => b - a);
  let cum = 0, theta = 0;
  for (let j = 0; j < u.length; j++) {
    cum += u[j]!;
    const t = (cum - radius) / (j + 1);
    if (u[j]! - t > 0) theta = t;
  }
  return v.map((x) => soft(x, theta));
}

export function stats(v: number[]) {
  return {
    n: v.length,
    nnz: v.filter((x) => x !== 0).length,
    l1: v.reduce((s, x) => s + Math.abs(x), 0),
    l2sq: v.reduce((s, x) => s + x * x, 0),
    linf: v.reduce((m, x) => Math.max(m, Math.abs(x)), 0),
  };
}

/** Sort-based pruning: rank by (|x|, index) with NaN last, zero the first floor(fraction·n). */
export function prune(v: number[], fraction: number): { out: number[]; threshold: number; zeroed: number } {
  const k = Math.floor(fraction * v.length);
  const mag = (x: number) => (Number.isNaN(x) ? Infinity : Math.abs(x));
  const rank = v.map((_, i) => i).sort((a, b) => {
    const d = mag(v[a]!) - mag(v[b]!);
    if (d !== 0 && !Number.isNaN(d)) return d;
    if (Number.isNaN(v[a]!) !== Number.isNaN(v[b]!)) return Number.isNaN(v[a]!) ? 1 : -1;
    return a - b;
  });
  const out = v.slice();
  for (let j = 0; j < k; j++) out[rank[j]!] = 0;
  return { out, threshold: k === 0 ? 0 : Math.abs(v[rank[k - 1]!]!), zeroed: k };
}

/** Group pruning by L2 norm, ties by group index. */
export function pruneGroups(v: number[], fraction: number, size: number): { out: number[]; threshold: number; zeroed: number } {
  const norms = groups(v, size).map(norm2);
  const k = Math.floor(fraction * norms.length);
  const rank = norms.map((_, i) => i).sort((a, b) => norms[a]! - norms[b]! || a - b);
  const out = v.slice();
  for (let j = 0; j < k; j++) out.fill(0, rank[j]! * size, rank[j]! * size + size);
  return { out, threshold: k === 0 ? 0 : norms[rank[k - 1]!]!, zeroed: k };
}
