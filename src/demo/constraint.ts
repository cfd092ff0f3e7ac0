// The textbook picture of why L1 gives exact zeros: least-squares contours around the unpenalized
// solution c, the L1 ball (a diamond) and the L2 ball (a circle) of the same radius, and the
// constrained solution on each. The solutions are computed here by projected gradient, not drawn
// where they are expected to be.
import { esc, num } from './svg.js';

type Vec = [number, number];

/** Quadratic loss f(w) = ½ (w − c)ᵀ A (w − c) with A symmetric positive definite. */
export interface Quadratic { A: [[number, number], [number, number]]; c: Vec }

/** The default picture: correlated features, unpenalized optimum outside both balls of radius 1. */
export const PICTURE: Quadratic & { radius: number } = { A: [[1, 0.3], [0.3, 0.8]], c: [2.2, 0.6], radius: 1 };

/** Euclidean projection onto { ‖w‖₁ ≤ r } in 2-D (soft threshold by the Duchi et al. θ). */
export function projectL1(v: Vec, r: number): Vec {
  const a = [Math.abs(v[0]), Math.abs(v[1])];
  if (a[0]! + a[1]! <= r) return [v[0], v[1]];
  const [hi, lo] = a[0]! >= a[1]! ? [a[0]!, a[1]!] : [a[1]!, a[0]!];
  // θ from the sorted magnitudes: both stay active if lo > θ = (hi + lo − r)/2, else θ = hi − r.
  const both = (hi + lo - r) / 2;
  const theta = lo > both ? both : hi - r;
  const soft = (x: number) => Math.sign(x) * Math.max(Math.abs(x) - theta, 0);
  return [soft(v[0]), soft(v[1])];
}

/** Euclidean projection onto { ‖w‖₂ ≤ r }. */
export function projectL2(v: Vec, r: number): Vec {
  const n = Math.hypot(v[0], v[1]);
  return n <= r ? [v[0], v[1]] : [(v[0] * r) / n, (v[1] * r) / n];
}

/** Eigenvalues (descending) and unit eigenvectors of a symmetric 2×2 matrix. */
function eig2(A: Quadratic['A']): { values: Vec; vectors: [Vec, Vec] } {
  const [[a, b], [, d]] = A;
  const mean = (a + d) / 2, dev = Math.hypot((a - d) / 2, b);
  const l1 = mean + dev, l2 = mean - dev;
  const v1: Vec = Math.abs(b) > 1e-15 ? [l1 - d, b] : a >= d ? [1, 0] : [0, 1];
  const n = Math.hypot(v1[0], v1[1]);
  const u: Vec = [v1[0] / n, v1[1] / n];
  return { values: [l1, l2], vectors: [u, [-u[1], u[0]]] };
}

/** argmin f over a ball, by projected gradient with step 1/λ_max(A) until the iterate stops moving. */
export function constrainedMin(q: Quadratic, project: (v: Vec) => Vec): Vec {
  const step = 1 / eig2(q.A).values[0];
  let w: Vec = [0, 0];
  for (let it = 0; it < 100000; it++) {
    const r: Vec = [w[0] - q.c[0], w[1] - q.c[1]];
    const g: Vec = [q.A[0][0] * r[0] + q.A[0][1] * r[1], q.A[1][0] * r[0] + q.A[1][1] * r[1]];
    const next = project([w[0] - step * g[0], w[1] - step * g[1]]);
    const moved = Math.hypot(next[0] - w[0], next[1] - w[1]);
    w = next;
    if (moved < 1e-13) break;
  }
  return w;
}

export function lossAt(q: Quadratic, w: Vec): number {
  const r: Vec = [w[0] - q.c[0], w[1] - q.c[1]];
  return 0.5 * (r[0] * (q.A[0][0] * r[0] + q.A[0][1] * r[1]) + r[1] * (q.A[1][0] * r[0] + q.A[1][1] * r[1]));
}

/** The two solutions and the SVG figure. */
export function constraintPicture(q = PICTURE): { l1: Vec; l2: Vec; svg: string } {
  const l1 = constrainedMin(q, (v) => projectL1(v, q.radius));
  const l2 = constrainedMin(q, (v) => projectL2(v, q.radius));
  const S = 440, lo = -1.4, hi = 4.4, scale = S / (hi - lo);
  const X = (x: number) => ((x - lo) * scale).toFixed(1), Y = (y: number) => (S - (y - lo) * scale).toFixed(1);
  const { values, vectors } = eig2(q.A);
  // Contour f(w) = level: w = c + sqrt(2·level/λ_k)·cos/sin along eigenvector k.
  const ellipse = (level: number) => {
    const pts: string[] = [];
    for (let k = 0; k <= 96; k++) {
      const t = (2 * Math.PI * k) / 96;
      const a = Math.sqrt((2 * level) / values[0]) * Math.cos(t), b = Math.sqrt((2 * level) / values[1]) * Math.sin(t);
      pts.push(`${X(q.c[0] + a * vectors[0][0] + b * vectors[1][0])},${Y(q.c[1] + a * vectors[0][1] + b * vectors[1][1])}`);
    }
    return `<polyline points="${pts.join(' ')}" fill="none" stroke="#888" stroke-width="1"/>`;
  };
  const levels = [0.05, 0.25, lossAt(q, l2), lossAt(q, l1)];
  const r = q.radius;
  const dot = (w: Vec, fill: string, text: string, dy: number, anchor: 'start' | 'end') =>
    `<circle cx="${X(w[0])}" cy="${Y(w[1])}" r="5" fill="${fill}"/>` +
    `<text x="${(Number(X(w[0])) + (anchor === 'end' ? -8 : 8)).toFixed(1)}" y="${(Number(Y(w[1])) + dy).toFixed(1)}" ` +
    `text-anchor="${anchor}" fill="${fill}" font-weight="bold" ` +
    `stroke="#fff" stroke-width="4" paint-order="stroke">${esc(text)}</text>`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}" font-family="sans-serif" font-size="12">`,
    `<line x1="0" y1="${Y(0)}" x2="${S}" y2="${Y(0)}" stroke="#bbb"/>`,
    `<line x1="${X(0)}" y1="0" x2="${X(0)}" y2="${S}" stroke="#bbb"/>`,
    `<text x="${S - 24}" y="${Number(Y(0)) - 6}">w₁</text>`,
    `<text x="${Number(X(0)) + 6}" y="14">w₂</text>`,
    ...levels.map(ellipse),
    `<polygon points="${X(r)},${Y(0)} ${X(0)},${Y(r)} ${X(-r)},${Y(0)} ${X(0)},${Y(-r)}" fill="#D55E00" fill-opacity="0.15" stroke="#D55E00" stroke-width="2"/>`,
    `<circle cx="${X(0)}" cy="${Y(0)}" r="${(r * scale).toFixed(1)}" fill="#0072B2" fill-opacity="0.12" stroke="#0072B2" stroke-width="2"/>`,
    `<circle cx="${X(q.c[0])}" cy="${Y(q.c[1])}" r="4" fill="#000"/>`,
    `<text x="${X(q.c[0])}" y="${Number(Y(q.c[1])) - 10}" text-anchor="middle">least squares (${num(q.c[0])}, ${num(q.c[1])})</text>`,
    `<text x="${S - 8}" y="16" text-anchor="end" fill="#D55E00">diamond: ‖w‖₁ ≤ ${num(r)}</text>`,
    `<text x="${S - 8}" y="32" text-anchor="end" fill="#0072B2">circle: ‖w‖₂ ≤ ${num(r)}</text>`,
    dot(l1, '#D55E00', `L1: (${num(l1[0])}, ${num(l1[1])})`, 18, 'start'),
    dot(l2, '#0072B2', `L2: (${num(l2[0])}, ${num(l2[1])})`, -10, 'end'),
    '</svg>',
  ].join('\n');
  return { l1, l2, svg };
}
