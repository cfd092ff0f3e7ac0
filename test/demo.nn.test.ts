// The network demo: its pieces (shrinking a network, magnitude pruning, the digits) and a tiny end
// to end run through TensorFlow.js (cpu backend) and shrinkage/tfjs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../src/demo/nn/data.js';
import { runNn } from '../src/demo/nn/experiments.js';
import { accuracy, disposeMlp, initMlp, INPUTS, magnitudePrune, shrink, zeroShare, type Tf } from '../src/demo/nn/mlp.js';
import { nnReportHtml } from '../src/demo/nn/report.js';
import { NN_QUICK, runNnDemo } from '../src/demo/nn/run.js';

const TF = tf as unknown as Tf;
const quietSay = Object.assign(() => {}, { elapsed: () => 0 });

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});

describe('network pieces', () => {
  const digits = loadDigits(200, 60, 7);

  it('loads a seeded split of distinct digits with pixels in [0, 1]', () => {
    expect([digits.train.rows, digits.test.rows]).toEqual([200, 60]);
    expect(digits.train.x.length).toBe(200 * INPUTS);
    expect(digits.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(digits.train.labels).size).toBe(10);
    expect(loadDigits(200, 60, 7).train.labels).toEqual(digits.train.labels);
    expect(loadDigits(200, 60, 8).train.labels).not.toEqual(digits.train.labels);
  });

  it('shrink removes units with zero incoming weights, folds them into b2 and keeps the function', () => {
    const m = initMlp(TF, 6, 3, 'shrink');
    const W1 = Float32Array.from(m.W1.dataSync());
    for (const j of [1, 4]) for (let i = 0; i < INPUTS; i++) W1[i * 6 + j] = 0;
    m.W1.assign(tf.tensor2d(W1, [INPUTS, 6]));
    m.b1.assign(tf.tensor1d([0.1, 0.7, -0.2, 0, -0.5, 0.3])); // unit 1 outputs relu(0.7), unit 4 relu(−0.5) = 0
    const { net, kept } = shrink(TF, m);
    expect(kept).toBe(4);
    expect(net.W1.shape).toEqual([INPUTS, 4]);
    const x = tf.tensor2d(digits.test.x, [digits.test.rows, INPUTS]);
    const full = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, m.W1), m.b1)), m.W2), m.b2).dataSync();
    const small = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, net.W1), net.b1)), net.W2), net.b2).dataSync();
    for (let i = 0; i < full.length; i++) expect(small[i]).toBeCloseTo(full[i]!, 5);
    expect(accuracy(TF, net, digits.test)).toBe(accuracy(TF, m, digits.test));
    disposeMlp(m);
  });

  it('magnitude pruning zeroes the requested share, smallest |w| first', () => {
    const w = tf.tensor1d([0.5, -0.1, 3, -2, 0.05, 1]);
    const p = magnitudePrune(TF, w, 0.5);
    expect(Array.from(p.dataSync())).toEqual([0, 0, 3, -2, 0, 1]);
    expect(zeroShare(p)).toBe(0.5);
  });
});

describe('the network experiments, tiny', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-nn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every experiment, removes units under a strong group lasso, and writes a well-formed report', async () => {
    const data = loadDigits(300, 100, 1);
    const r = await runNn(TF, data, {
      hidden: 8, epochs: 1, batch: 50, lr: 1e-2, seed: 1, decays: [0.1], l1Decoupled: 1, l1Preconditioned: 1e-3, groupLambdas: [200],
    }, quietSay);
    expect(r.decay).toHaveLength(1);
    expect(r.decay[0]!.adamW.stats).toHaveLength(1);
    // Coupled L2 and decoupled decay at the same weightDecay are different optimizers.
    expect(r.decay[0]!.adamL2.stats[0]!.norms.W1).not.toBe(r.decay[0]!.adamW.stats[0]!.norms.W1);
    for (const row of r.l1) expect(row.zeros.W1).toBeGreaterThan(0);
    expect(r.groups[0]!.kept).toBeLessThan(8);
    expect(r.groups[0]!.shrunkAccuracy).toBe(r.groups[0]!.accuracy);
    expect(r.fit.map((f) => f.label)).toEqual(['model.fit, tf.train.adam', 'model.fit, shrinkage/tfjs AdamW']);
    for (const f of r.fit) expect(f.accuracy).toBeGreaterThan(0.2);
    const html = nnReportHtml(r, { seconds: 1, backend: 'cpu', tfjs: tf.version.tfjs });
    expect(html.match(/<svg /g)?.length).toBe(4);
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it('the command writes nn-report.html with the quick settings', async () => {
    let out = '';
    const res = await runNnDemo({ ...NN_QUICK, train: 300, test: 100, nn: { ...NN_QUICK.nn, epochs: 1, hidden: 8 }, outDir: dir, quiet: true },
      { out: (t) => void (out += t), err: () => {} });
    expect(readFileSync(res.reportPath, 'utf8')).toContain('<h1>Regularizing a neural network');
    expect(out).toContain('model.fit, shrinkage/tfjs AdamW');
  });
});
