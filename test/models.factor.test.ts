// The Newton polish's kept Cholesky factor (src/models/cd/support-factor.ts): removing and appending
// support columns must give the factor of the reduced or extended Hessian, in the order the cache
// reports, with the intercept wherever it sits.
import { describe, expect, it } from 'vitest';
import { SupportFactor } from '../src/models/cd/support-factor.js';
import { rng } from './support/data.js';

/** A random symmetric positive definite M × M matrix (row-major, full). */
function spd(M: number, seed: number): Float64Array {
  const u = rng(seed), A = Float64Array.from({ length: M * M }, () => u() - 0.5), H = new Float64Array(M * M);
  for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) {
    let s = i === j ? 0.5 : 0;
    for (let k = 0; k < M; k++) s += A[i * M + k]! * A[j * M + k]!;
    H[i * M + j] = s;
  }
  return H;
}

/** The Cholesky factor of the principal submatrix of H (size N) on `idx`, row-major, stride idx.length. */
function cholOf(H: Float64Array, N: number, idx: number[]): Float64Array {
  const M = idx.length, L = new Float64Array(M * M);
  for (let i = 0; i < M; i++) for (let j = 0; j <= i; j++) {
    let s = H[idx[i]! * N + idx[j]!]!;
    for (let k = 0; k < j; k++) s -= L[i * M + k]! * L[j * M + k]!;
    L[i * M + j] = i === j ? Math.sqrt(s) : s / L[j * M + j]!;
  }
  return L;
}

function lowerDiff(a: Float64Array, b: Float64Array, M: number): number {
  let d = 0;
  for (let i = 0; i < M; i++) for (let j = 0; j <= i; j++) d = Math.max(d, Math.abs(a[i * M + j]! - b[i * M + j]!));
  return d;
}

describe('SupportFactor', () => {
  // Design "columns" 10..16 map to indices 0..6 of H, the intercept to index 7.
  const N = 8, H = spd(N, 5), ix = (j: number) => (j < 0 ? 7 : j - 10);

  it('removes columns by rank-1 updates: the factor of the kept submatrix, intercept moved along', () => {
    const f = new SupportFactor();
    const L = new Float64Array(64);
    L.set(cholOf(H, N, [0, 1, 2, 3, 4, 5, 6, 7]));
    f.record([10, 11, 12, 13, 14, 15, 16], 7, true, 0);
    f.remove(L, [1, 4]);
    expect(f.cols).toEqual([10, 12, 13, 15, 16]);
    expect(f.bpos).toBe(5);
    expect(lowerDiff(L, cholOf(H, N, [0, 2, 3, 5, 6, 7]), 6)).toBeLessThan(1e-12);
  });

  it('appends columns after the intercept, and orders right-hand sides to match', () => {
    const f = new SupportFactor();
    const L = new Float64Array(64);
    L.set(cholOf(H, N, [0, 2, 7]));
    f.record([10, 12], 2, true, 0);
    for (const j of [15, 11]) {
      // The new row's entries in cols order, then the intercept's.
      const h = Float64Array.from([...f.cols.map((c) => H[ix(j) * N + ix(c)]!), H[ix(j) * N + 7]!]);
      expect(f.append(L, j, h, H[ix(j) * N + ix(j)]!)).toBe(true);
    }
    expect(f.cols).toEqual([10, 12, 15, 11]);
    expect(f.bpos).toBe(2);
    expect(lowerDiff(L, cholOf(H, N, [0, 2, 7, 5, 1]), 5)).toBeLessThan(1e-12);
    const x = Float64Array.from([1, 2, 3, 4, 9]);
    f.toFactor(x);
    expect([...x]).toEqual([1, 2, 9, 3, 4]);
    f.fromFactor(x);
    expect([...x]).toEqual([1, 2, 3, 4, 9]);
    // Removing the first column shifts the intercept.
    f.remove(L, [0]);
    expect(f.bpos).toBe(1);
    expect(lowerDiff(L, cholOf(H, N, [2, 7, 5, 1]), 4)).toBeLessThan(1e-12);
  });

  it('refuses a column that makes the matrix singular and drops the factor', () => {
    const f = new SupportFactor();
    const L = new Float64Array(64);
    L.set(cholOf(H, N, [0, 1]));
    f.record([10, 11], 2, false, 0);
    // A duplicate of column 10: its row equals column 10's and the pivot cancels to 0.
    const h = Float64Array.from([H[0]!, H[1]!, 0]);
    expect(f.append(L, 17, h, H[0]!)).toBe(false);
    expect(f.valid).toBe(false);
    expect(f.cols).toEqual([10, 11]);
  });
});
