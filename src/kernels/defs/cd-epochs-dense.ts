// cd_epochs_dense / cd_wepochs_dense: whole coordinate-descent epochs over an active list of a
// column-major X (squared loss; the weighted quadratic model of a logistic Newton step).
import type { FloatArray } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { cdUpdate, dotTF, interceptStep, sampleIndices, subScaled, wstep } from './cd-common.js';

type A = FloatArray;
const STATE = 4;

/** Scalars shared by both variants: [cols, rows, l1, l2x2, thr, maxEpochs, invN]. */
function sampleBase(n: number, rand: () => number): number[] {
  const cols = 1 + Math.floor(rand() * 30), rows = 1 + Math.floor(rand() * (n > 5000 ? 6 : 24));
  return [cols, rows, rand() * 0.2, rand() < 0.3 ? 0 : rand(), rand() < 0.5 ? 0 : rand() * 1e-3, 1 + Math.floor(rand() * 3), 1 / rows];
}

function run(
  x: A, active: ArrayLike<number>, w: A, xv: A, r: A, v: A | undefined, eta: A | undefined, state: A, m: number,
  rows: number, l1: number, l2x2: number, thr: number, maxEpochs: number, invN: number, intercept: number, sumV: number,
): void {
  let dmax = 0, e = 0;
  while (e < maxEpochs) {
    dmax = 0;
    for (let a = 0; a < m; a++) {
      const j = active[a]!, c = xv[j]!, den = c + l2x2;
      if (!(den > 0)) continue;
      const wj = w[j]!;
      const nw = cdUpdate(dotTF(x, j * rows, r, 0, rows) * invN + c * wj, l1, den);
      const d = nw - wj;
      if (d === 0) continue;
      w[j] = nw;
      if (v) wstep(r, eta!, v, x, j * rows, d, rows);
      else subScaled(r, x, j * rows, d, rows);
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
  state[1] = dmax;
  state[2] = e;
}

export const cdEpochsDense = defineKernel({
  name: 'cd_epochs_dense',
  doc: 'squared-loss CD epochs over active list (n entries) of column-major X until max c_j·δ_j² ≤ thr; state [S, maxChange, epochs]',
  arrays: 6,
  arrayTypes: ['x', 'i32', 'f64', 'f64', 'f64', 'f64'],
  lengths: (n, [cols, rows]) => [cols! * rows!, n, cols!, cols!, rows!, STATE],
  writes: [2, 4, 5],
  scalars: ['cols', 'rows', 'l1', 'l2x2', 'thr', 'maxEpochs', 'invN'],
  serial: true,
  cost: 4,
  work: (n, [, rows, , , , maxEpochs]) => 4 * n * rows! * maxEpochs!,
  js(_dtype, [x, active, w, xv, r, state], n, [, rows, l1, l2x2, thr, maxEpochs, invN]) {
    run(x as A, active!, w as A, xv as A, r as A, undefined, undefined, state as A, n, rows!, l1!, l2x2!, thr!, maxEpochs!, invN!, 0, 0);
  },
});

/** cdEpochsDense's test inputs (src/kernels/samples.ts). */
export const cdEpochsDenseSamples: KernelSamples = {
  sample: sampleBase,
  sampleArrays: (n, [cols], rand) => [undefined, sampleIndices(n, cols!, rand)],
};

export const cdWepochsDense = defineKernel({
  name: 'cd_wepochs_dense',
  doc: 'weighted CD epochs (r −= δ·v∘x_j, η += δ·x_j; intercept b = state[0] per epoch) over an active list of column-major X',
  arrays: 8,
  arrayTypes: ['x', 'i32', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64'],
  lengths: (n, [cols, rows]) => [cols! * rows!, n, cols!, cols!, rows!, rows!, rows!, STATE],
  writes: [2, 4, 6, 7],
  scalars: ['cols', 'rows', 'l1', 'l2x2', 'thr', 'maxEpochs', 'invN', 'intercept', 'sumV'],
  serial: true,
  cost: 4,
  work: (n, [, rows, , , , maxEpochs]) => 6 * n * rows! * maxEpochs!,
  js(_dtype, [x, active, w, xv, r, v, eta, state], n, [, rows, l1, l2x2, thr, maxEpochs, invN, intercept, sumV]) {
    run(x as A, active!, w as A, xv as A, r as A, v as A, eta as A, state as A, n, rows!, l1!, l2x2!, thr!, maxEpochs!, invN!, intercept!, sumV!);
  },
});

/** cdWepochsDense's test inputs (src/kernels/samples.ts). */
export const cdWepochsDenseSamples: KernelSamples = {
  sample: (n, rand) => [...sampleBase(n, rand), rand() < 0.5 ? 1 : 0, rand() * 3],
  sampleArrays: (n, [cols], rand) => [undefined, sampleIndices(n, cols!, rand)],
};
