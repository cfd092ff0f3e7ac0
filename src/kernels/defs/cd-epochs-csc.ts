// cd_epochs_csc / cd_wepochs_csc: whole coordinate-descent epochs over an active list of a CSC X
// (squared loss with implicit centring through the column means; the weighted Newton model).
import type { FloatArray } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { sampleCsrArrays } from './csr-sample.js';
import { cdUpdate, interceptStep, sampleIndices, sparseDot } from './cd-common.js';

type A = FloatArray;
type I = ArrayLike<number>;
const STATE = 4;

interface Csc { colptr: I; rowidx: I; vals: I }

function run(
  X: Csc, cmean: I | undefined, active: I, w: A, xv: A, r: A, v: A | undefined, eta: A | undefined, state: A, m: number,
  rows: number, l1: number, l2x2: number, thr: number, maxEpochs: number, invN: number, intercept: number, sumV: number,
): void {
  let S = 0;
  if (!v) for (let i = 0; i < rows; i++) S += r[i]!;
  let dmax = 0, e = 0;
  while (e < maxEpochs) {
    dmax = 0;
    for (let a = 0; a < m; a++) {
      const j = active[a]!, c = xv[j]!, den = c + l2x2;
      if (!(den > 0)) continue;
      const start = X.colptr[j]!, end = X.colptr[j + 1]!;
      const wj = w[j]!;
      let g = sparseDot(X.rowidx, X.vals, r, start, end);
      const mj = v ? 0 : cmean![j]!;
      if (!v) g -= mj * S;
      const nw = cdUpdate(g * invN + c * wj, l1, den);
      const d = nw - wj;
      if (d === 0) continue;
      w[j] = nw;
      for (let k = start; k < end; k++) {
        const i = X.rowidx[k]!, kx = X.vals[k]! * d;
        if (v) {
          r[i] = r[i]! - kx * v[i]!;
          eta![i] = eta![i]! + kx;
        } else r[i] = r[i]! - kx;
      }
      if (!v) S -= d * (rows * mj);
      const ch = c * d * d;
      if (ch > dmax) dmax = ch;
    }
    if (v && intercept !== 0 && sumV > 0) {
      const ch = interceptStep(r, v, eta!, state, rows, invN, sumV);
      if (ch > dmax) dmax = ch;
    }
    e++;
    if (!(dmax > thr)) break;
  }
  if (!v) state[0] = S;
  state[1] = dmax;
  state[2] = e;
}

/** Scalars [cols, nnz, rows, l1, l2x2, thr, maxEpochs, invN]. */
function sampleBase(n: number, rand: () => number): number[] {
  const cols = 1 + Math.floor(rand() * 30), rows = 1 + Math.floor(rand() * 40);
  const nnz = Math.floor(cols * (0.5 + 3 * rand()));
  return [cols, nnz, rows, rand() * 0.2, rand() < 0.3 ? 0 : rand(), rand() < 0.5 ? 0 : rand() * 1e-3, 1 + Math.floor(rand() * 3), 1 / rows];
}

const work = (n: number, [cols, nnz, , , , , maxEpochs]: number[]) => 4 * n * Math.max(1, nnz! / cols!) * maxEpochs!;

export const cdEpochsCsc = defineKernel({
  name: 'cd_epochs_csc',
  doc: 'squared-loss CD epochs over an active list of CSC X with implicit centring (S = Σr, cmean); state [S, maxChange, epochs]',
  arrays: 9,
  arrayTypes: ['i32', 'i32', 'x', 'f64', 'i32', 'f64', 'f64', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows]) => [cols! + 1, nnz!, nnz!, cols!, n, cols!, cols!, rows!, STATE],
  writes: [5, 7, 8],
  scalars: ['cols', 'nnz', 'rows', 'l1', 'l2x2', 'thr', 'maxEpochs', 'invN'],
  serial: true,
  cost: 4,
  work,
  js(_dtype, [colptr, rowidx, vals, cmean, active, w, xv, r, state], n, [, , rows, l1, l2x2, thr, maxEpochs, invN]) {
    run({ colptr: colptr!, rowidx: rowidx!, vals: vals! }, cmean!, active!, w as A, xv as A, r as A, undefined, undefined, state as A, n,
      rows!, l1!, l2x2!, thr!, maxEpochs!, invN!, 0, 0);
  },
});

/** cdEpochsCsc's test inputs (src/kernels/samples.ts). */
export const cdEpochsCscSamples: KernelSamples = {
  sample: sampleBase,
  sampleArrays: (n, [cols, nnz, rows], rand) => [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, undefined, sampleIndices(n, cols!, rand)],
};

export const cdWepochsCsc = defineKernel({
  name: 'cd_wepochs_csc',
  doc: 'weighted CD epochs (r −= δ·v∘a_j, η += δ·a_j on the column rows; intercept b = state[0] per epoch) over an active list of CSC X',
  arrays: 10,
  arrayTypes: ['i32', 'i32', 'x', 'i32', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64'],
  lengths: (n, [cols, nnz, rows]) => [cols! + 1, nnz!, nnz!, n, cols!, cols!, rows!, rows!, rows!, STATE],
  writes: [4, 6, 8, 9],
  scalars: ['cols', 'nnz', 'rows', 'l1', 'l2x2', 'thr', 'maxEpochs', 'invN', 'intercept', 'sumV'],
  serial: true,
  cost: 4,
  work,
  js(_dtype, [colptr, rowidx, vals, active, w, xv, r, v, eta, state], n, [, , rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV]) {
    run({ colptr: colptr!, rowidx: rowidx!, vals: vals! }, undefined, active!, w as A, xv as A, r as A, v as A, eta as A, state as A, n,
      rows!, l1!, l2x2!, thr!, maxEpochs!, invN!, intercept!, sumV!);
  },
});

/** cdWepochsCsc's test inputs (src/kernels/samples.ts). */
export const cdWepochsCscSamples: KernelSamples = {
  sample: (n, rand) => [...sampleBase(n, rand), rand() < 0.5 ? 1 : 0, rand() * 3],
  sampleArrays: (n, [cols, nnz, rows], rand) => [...sampleCsrArrays(cols!, nnz!, rows!, rand), undefined, sampleIndices(n, cols!, rand)],
};
