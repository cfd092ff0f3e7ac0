// linear_xw: dense row-major z = X·w + b (rows shard; w shared by every shard).
import { roundTo } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';
import { dot8 } from './linear-dot.js';

export const linearXw = defineKernel({
  name: 'linear_xw',
  doc: 'z_i = Σ_j X[i, j]·w_j + b for row-major X (n rows × cols), accumulated in f64',
  arrays: 3,
  lengths: (n, [cols]) => [n * cols!, cols!, n],
  strides: ([cols]) => [cols!, 0, 1],
  writes: [2],
  scalars: ['cols', 'b'],
  cost: 2,
  js(dtype, [x, w, z], n, [cols, b]) {
    const round = roundTo(dtype);
    const d = cols!;
    for (let i = 0; i < n; i++) z![i] = round(dot8(x! as Float64Array, i * d, w! as Float64Array, 0, d) + b!);
  },
});

/** linearXw's test inputs (src/kernels/samples.ts). */
export const linearXwSamples: KernelSamples = {
  sample: (n, rand) => [1 + Math.floor(rand() * (n > 5000 ? 6 : 40)), rand() - 0.5],
};
