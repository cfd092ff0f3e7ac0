// cd_sweep_dense: the full gradient g_j = x_jᵀr/rows over the columns of a column-major X.
import { defineKernel, type KernelSamples } from '../types.js';
import { dotTF } from './cd-common.js';

export const cdSweepDense = defineKernel({
  name: 'cd_sweep_dense',
  doc: 'g_j = x_jᵀr·invN for each column j of column-major X (rows × n, T); r and g are f64',
  arrays: 3,
  arrayTypes: ['x', 'f64', 'f64'],
  lengths: (n, [rows]) => [n * rows!, rows!, n],
  strides: ([rows]) => [rows!, 0, 1],
  writes: [2],
  scalars: ['rows', 'invN'],
  cost: 2,
  work: (n, [rows]) => 2 * n * rows!,
  js(_dtype, [x, r, g], n, [rows, invN]) {
    const m = rows!;
    for (let j = 0; j < n; j++) g![j] = dotTF(x!, j * m, r!, 0, m) * invN!;
  },
});

/** cdSweepDense's test inputs (src/kernels/samples.ts). */
export const cdSweepDenseSamples: KernelSamples = {
  sample: (n, rand) => [1 + Math.floor(rand() * (n > 5000 ? 6 : 40)), 1 / (1 + rand() * 100)],
};
