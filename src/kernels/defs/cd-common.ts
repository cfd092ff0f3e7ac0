// Plain-JS twins of assembly/cd.ts (the coordinate-descent helpers): the same f64 operations in the
// same order, so the CD kernels' written arrays match wasm bitwise. Arrays are plain views; an f32
// element read in JS is the f64 value wasm promotes it to.
import type { KernelSamples } from '../types.js';

type Arr = ArrayLike<number> & { [i: number]: number };

/** Σ x[xo + i]·r[ro + i], i < n, in dotTF's order (the lanes of four f64x2 accumulators). */
export function dotTF(x: ArrayLike<number>, xo: number, r: ArrayLike<number>, ro: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = xo + i, q = ro + i;
    s0 += x[p]! * r[q]!;
    s1 += x[p + 1]! * r[q + 1]!;
    s2 += x[p + 2]! * r[q + 2]!;
    s3 += x[p + 3]! * r[q + 3]!;
    s4 += x[p + 4]! * r[q + 4]!;
    s5 += x[p + 5]! * r[q + 5]!;
    s6 += x[p + 6]! * r[q + 6]!;
    s7 += x[p + 7]! * r[q + 7]!;
  }
  let s = 0;
  for (; i < n; i++) s += x[xo + i]! * r[ro + i]!;
  return ((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7)) + s;
}

/** Σ v[i]·x[xo + i]², in dotTF's order. */
export function wsqTF(x: ArrayLike<number>, xo: number, v: ArrayLike<number>, n: number): number {
  const a = [0, 0, 0, 0, 0, 0, 0, 0];
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    for (let l = 0; l < 8; l++) {
      const xi = x[xo + i + l]!;
      a[l] = a[l]! + (xi * xi) * v[i + l]!;
    }
  }
  let s = 0;
  for (; i < n; i++) {
    const xi = x[xo + i]!;
    s += xi * xi * v[i]!;
  }
  return ((a[0]! + a[2]!) + (a[4]! + a[6]!)) + ((a[1]! + a[3]!) + (a[5]! + a[7]!)) + s;
}

/** r[i] ← r[i] − k·x[xo + i], i < n. */
export function subScaled(r: Arr, x: ArrayLike<number>, xo: number, k: number, n: number): void {
  for (let i = 0; i < n; i++) r[i] = r[i]! - x[xo + i]! * k;
}

/** r[i] −= (k·x[xo + i])·v[i], η[i] += k·x[xo + i]. */
export function wstep(r: Arr, eta: Arr, v: ArrayLike<number>, x: ArrayLike<number>, xo: number, k: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const kx = x[xo + i]! * k;
    r[i] = r[i]! - kx * v[i]!;
    eta[i] = eta[i]! + kx;
  }
}

/** Σ vals[k]·r[rowidx[k]], k ∈ [start, end), in sparseDot's order (accumulators by k − start mod 4). */
export function sparseDot(rowidx: ArrayLike<number>, vals: ArrayLike<number>, r: ArrayLike<number>, start: number, end: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, k = start;
  for (; k + 4 <= end; k += 4) {
    a0 += vals[k]! * r[rowidx[k]!]!;
    a1 += vals[k + 1]! * r[rowidx[k + 1]!]!;
    a2 += vals[k + 2]! * r[rowidx[k + 2]!]!;
    a3 += vals[k + 3]! * r[rowidx[k + 3]!]!;
  }
  let s = 0;
  for (; k < end; k++) s += vals[k]! * r[rowidx[k]!]!;
  return ((a0 + a1) + (a2 + a3)) + s;
}

/** Σ v[rowidx[k]]·vals[k]², in sparseDot's order. */
export function sparseWsq(rowidx: ArrayLike<number>, vals: ArrayLike<number>, v: ArrayLike<number>, start: number, end: number): number {
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, k = start;
  const t = (q: number) => vals[q]! * vals[q]! * v[rowidx[q]!]!;
  for (; k + 4 <= end; k += 4) {
    a0 += t(k);
    a1 += t(k + 1);
    a2 += t(k + 2);
    a3 += t(k + 3);
  }
  let s = 0;
  for (; k < end; k++) s += t(k);
  return ((a0 + a1) + (a2 + a3)) + s;
}

/** soft(u, l1)/den. */
export function cdUpdate(u: number, l1: number, den: number): number {
  return (u > l1 ? u - l1 : u < -l1 ? u + l1 : 0) / den;
}

/**
 * The weighted epochs' intercept step: δb = Σr/sumV, r −= δb·v, η += δb, b (state[0]) += δb;
 * returns its change measure sumV·invN·δb² (0 when nothing moved).
 */
export function interceptStep(r: Arr, v: ArrayLike<number>, eta: Arr, state: Arr, rows: number, invN: number, sumV: number): number {
  let s = 0;
  for (let i = 0; i < rows; i++) s += r[i]!;
  const db = s / sumV;
  if (db === 0) return 0;
  for (let i = 0; i < rows; i++) {
    r[i] = r[i]! - db * v[i]!;
    eta[i] = eta[i]! + db;
  }
  state[0] = state[0]! + db;
  return sumV * invN * db * db;
}

/** Random structure for the test matrix: `n` indices in [0, bound). */
export function sampleIndices(n: number, bound: number, rand: () => number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.floor(rand() * bound);
  return a;
}

/**
 * Test inputs of the kernels over a list of columns of a dense column-major X (scalars rows, cols,
 * invN; arrays X and the list): cd_wnorms_dense and cd_grad_list_dense. The list may repeat an
 * index (distinct indices are the real use; a repeat writes the same value twice).
 */
export const denseColumnListSamples: KernelSamples = {
  sample: (n, rand) => {
    const rows = 1 + Math.floor(rand() * (n > 5000 ? 6 : 40));
    return [rows, 1 + Math.floor(rand() * 30), 1 / rows];
  },
  sampleArrays: (n, [, cols], rand) => [undefined, sampleIndices(n, cols!, rand)],
};
