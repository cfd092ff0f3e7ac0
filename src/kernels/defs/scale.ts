// scale: x ← s·x (the L2 prox with s = 1/(1 + 2tλ), and the L2-ball projection).
import { roundTo } from '../../dtype.js';
import type { KernelDef } from '../types.js';

export const scale: KernelDef = {
  name: 'scale',
  doc: 'x ← s·x (s rounded to the dtype once)',
  arrays: 1,
  writes: [0],
  scalars: ['s'],
  cost: 1,
  sample: (_n, rand) => [0.25 + rand()],
  js(dtype, [x], n, [s]) {
    const k = roundTo(dtype)(s!);
    for (let i = 0; i < n; i++) x![i] = x![i]! * k;
  },
};
