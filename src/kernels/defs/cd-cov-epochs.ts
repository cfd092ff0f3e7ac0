// cd_cov_epochs: covariance-mode coordinate descent epochs (squared loss) on lazily built Gram
// columns; grad = q − G·w is kept for every variable.
import { defineKernel, type KernelSamples } from '../types.js';
import { cdUpdate, sampleIndices, subScaled } from './cd-common.js';

export const cdCovEpochs = defineKernel({
  name: 'cd_cov_epochs',
  doc: 'CD epochs over an active list with grad −= δ·G[:, slot_j] per step until max G_jj·δ_j² ≤ thr; state [0, maxChange, epochs]',
  arrays: 7,
  arrayTypes: ['i32', 'i32', 'f64', 'f64', 'f64', 'f64', 'f64'],
  lengths: (n, [cols, cap]) => [n, cols!, cap! * cols!, cols!, cols!, cols!, 4],
  writes: [3, 5, 6],
  scalars: ['cols', 'cap', 'l1', 'l2x2', 'thr', 'maxEpochs'],
  serial: true,
  cost: 4,
  work: (n, [cols, , , , , maxEpochs]) => 2 * n * cols! * maxEpochs!,
  js(_dtype, [active, slot, G, w, diag, grad, state], n, [cols, , l1, l2x2, thr, maxEpochs]) {
    const d = cols!;
    let dmax = 0, e = 0;
    while (e < maxEpochs!) {
      dmax = 0;
      for (let a = 0; a < n; a++) {
        const j = active![a]!, c = diag![j]!, den = c + l2x2!;
        if (!(den > 0)) continue;
        const wj = w![j]!;
        const nw = cdUpdate(grad![j]! + c * wj, l1!, den);
        const dl = nw - wj;
        if (dl === 0) continue;
        w![j] = nw;
        subScaled(grad! as Float64Array, G!, slot![j]! * d, dl, d);
        const ch = c * dl * dl;
        if (ch > dmax) dmax = ch;
      }
      e++;
      if (!(dmax > thr!)) break;
    }
    state![1] = dmax;
    state![2] = e;
  },
});

/** cdCovEpochs's test inputs (src/kernels/samples.ts). */
export const cdCovEpochsSamples: KernelSamples = {
  sample: (_n, rand) => [1 + Math.floor(rand() * 40), 1 + Math.floor(rand() * 4), rand() * 0.2, rand() < 0.3 ? 0 : rand(), rand() < 0.5 ? 0 : rand() * 1e-3, 1 + Math.floor(rand() * 3)],
  sampleArrays: (n, [cols, cap], rand) => [sampleIndices(n, cols!, rand), sampleIndices(cols!, cap!, rand)],
};
