// The network experiments, each run trained on the same seeded batches from the same seeded
// initial weights, so differences come from the optimizer and its regularization alone:
// 1. Adam + L2 (coupled weightDecay) against AdamW (decoupled) at the same strengths;
// 2. L1 with exact zeros (decoupled and preconditioned thresholds) against magnitude pruning of the
//    unregularized network to the same sparsity per layer;
// 3. group lasso on the hidden units' incoming weights: whole units removed, the network shrunk;
// 4. model.fit (tfjs-layers) with shrinkage/tfjs AdamW against tfjs's own Adam.
import type * as TF from '@tensorflow/tfjs';
import type { Progress } from '../progress.js';
import { Adam, AdamW } from '../../tfjs/index.js';
import type { AdamOptions } from '../../optim/rules.js';
import type { TfjsOptions } from '../../tfjs/options.js';
import {
  accuracy, CLASSES, disposeMlp, inferenceMs, initMlp, INPUTS, magnitudePrune, shareCorrect, shrink, train, zeroShare,
  type Digits, type EpochStats, type Tf, type TrainSettings,
} from './mlp.js';

export interface NnOptions extends TrainSettings {
  hidden: number;
  lr: number;
  /** weightDecay values compared between Adam (coupled L2) and AdamW (decoupled). */
  decays: number[];
  l1Decoupled: number;
  l1Preconditioned: number;
  /** Group-lasso strengths on the hidden units. */
  groupLambdas: number[];
}

export interface Run { label: string; stats: EpochStats[]; seconds: number; final: number }
export interface DecayPair { decay: number; adamL2: Run; adamW: Run }
export interface L1Row { label: string; lambda: number; accuracy: number; zeros: { W1: number; W2: number }; pruned: number }
export interface GroupRow { lambda: number; kept: number; accuracy: number; shrunkAccuracy: number; fullMs: number; shrunkMs: number }
export interface FitRow { label: string; accuracy: number; seconds: number }

export interface NnResult {
  sizes: { train: number; test: number };
  options: NnOptions;
  baseline: Run;
  decay: DecayPair[];
  l1: L1Row[];
  groups: GroupRow[];
  fit: FitRow[];
}

// Biases take neither decay nor L1 (the usual practice; their groups are matched by name).
const noBiasPenalty = { match: /\/b\d$/, weightDecay: 0, l1: 0 };

export async function runNn(tf: Tf, data: { train: Digits; test: Digits }, o: NnOptions, say: Progress): Promise<NnResult> {
  const { train: tr, test: te } = data;
  const run = (label: string, opt: TF.Optimizer & { dispose(): void }, keep = false) => {
    const m = initMlp(tf, o.hidden, o.seed, label.replace(/[^a-zA-Z0-9]+/g, '_'));
    const t = performance.now();
    const stats = train(tf, m, opt, tr, te, o);
    const seconds = (performance.now() - t) / 1000;
    opt.dispose();
    const r: Run = { label, stats, seconds, final: stats.at(-1)!.testAccuracy };
    say(`network: ${label}: test accuracy ${(100 * r.final).toFixed(2)}% after ${o.epochs} epochs (${seconds.toFixed(1)} s)`);
    if (!keep) disposeMlp(m);
    return { r, m };
  };
  const adam = (opts: TfjsOptions<AdamOptions>) => new Adam({ lr: o.lr, ...opts, groups: [noBiasPenalty, ...(opts.groups ?? [])] });
  const adamW = (opts: TfjsOptions<AdamOptions>) => new AdamW({ lr: o.lr, ...opts, groups: [noBiasPenalty, ...(opts.groups ?? [])] });

  const { r: baseline, m: base } = run('Adam, no regularization', adam({}), true);
  const decay: DecayPair[] = o.decays.map((wd) => ({
    decay: wd,
    adamL2: run(`Adam + L2, weightDecay ${wd}`, adam({ weightDecay: wd })).r,
    adamW: run(`AdamW, weightDecay ${wd}`, adamW({ weightDecay: wd })).r,
  }));

  const l1: L1Row[] = [];
  for (const [mode, lambda] of [['decoupled', o.l1Decoupled], ['preconditioned', o.l1Preconditioned]] as const) {
    const { r, m } = run(`Adam + L1 (${mode}), λ ${lambda}`, adam({ l1: lambda, l1Mode: mode }), true);
    const zeros = { W1: zeroShare(m.W1), W2: zeroShare(m.W2) };
    const pruned = tf.tidy(() => accuracy(tf, { W1: magnitudePrune(tf, base.W1, zeros.W1), b1: base.b1, W2: magnitudePrune(tf, base.W2, zeros.W2), b2: base.b2 }, te));
    l1.push({ label: `L1 ${mode}`, lambda, accuracy: r.final, zeros, pruned });
    say(`network: L1 ${mode}: ${(100 * zeros.W1).toFixed(1)}% / ${(100 * zeros.W2).toFixed(1)}% exact zeros in W1 / W2; ` +
      `magnitude pruning of the unregularized network to the same sparsity: ${(100 * pruned).toFixed(2)}%`);
    disposeMlp(m);
  }

  const groups: GroupRow[] = [];
  for (const lambda of o.groupLambdas) {
    const { r, m } = run(`Adam + group lasso on units, λ ${lambda}`, adam({ groups: [{ match: /\/W1$/, groupLasso: { lambda, by: 'column' } }] }), true);
    const { net, kept } = shrink(tf, m);
    const row: GroupRow = {
      lambda, kept, accuracy: r.final, shrunkAccuracy: accuracy(tf, net, te), fullMs: inferenceMs(tf, m, te), shrunkMs: inferenceMs(tf, net, te),
    };
    groups.push(row);
    say(`network: group lasso λ ${lambda}: ${kept} of ${o.hidden} hidden units left; the shrunk network: ${(100 * row.shrunkAccuracy).toFixed(2)}%, ` +
      `inference ${row.shrunkMs.toFixed(2)} ms vs ${row.fullMs.toFixed(2)} ms on ${te.rows} digits`);
    tf.dispose([net.W1, net.b1, net.W2, net.b2]);
    disposeMlp(m);
  }
  disposeMlp(base);

  const fit: FitRow[] = [];
  for (const [label, make] of [
    ['model.fit, tf.train.adam', () => tf.train.adam(o.lr)],
    ['model.fit, shrinkage/tfjs AdamW', () => new AdamW({ lr: o.lr })],
  ] as const) fit.push(await fitWithLayers(tf, label, make(), data, o, say));
  return { sizes: { train: tr.rows, test: te.rows }, options: o, baseline, decay, l1, groups, fit };
}

/** The same network as a tfjs-layers model, compiled with `opt` and trained by model.fit. */
async function fitWithLayers(tf: Tf, label: string, opt: TF.Optimizer, data: { train: Digits; test: Digits }, o: NnOptions, say: Progress): Promise<FitRow> {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: o.hidden, activation: 'relu', inputShape: [INPUTS], kernelInitializer: tf.initializers.heNormal({ seed: o.seed }) }),
      tf.layers.dense({ units: CLASSES, kernelInitializer: tf.initializers.heNormal({ seed: o.seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: opt, loss: (y: TF.Tensor, z: TF.Tensor) => tf.losses.softmaxCrossEntropy(y, z) });
  const X = tf.tensor2d(data.train.x, [data.train.rows, INPUTS]), Y = tf.oneHot(tf.tensor1d(data.train.labels, 'int32'), CLASSES);
  const t = performance.now();
  // The rows are already a seeded shuffle; shuffle: false keeps the batches the same for both optimizers.
  await model.fit(X, Y, { epochs: o.epochs, batchSize: o.batch, shuffle: false, verbose: 0 });
  const seconds = (performance.now() - t) / 1000;
  const accuracyOnTest = tf.tidy(() => shareCorrect(tf, model.predict(tf.tensor2d(data.test.x, [data.test.rows, INPUTS])) as TF.Tensor, data.test));
  tf.dispose([X, Y]);
  model.dispose();
  (opt as { dispose?: () => void }).dispose?.();
  const row = { label, accuracy: accuracyOnTest, seconds };
  say(`network: ${label}: test accuracy ${(100 * row.accuracy).toFixed(2)}% (${seconds.toFixed(1)} s)`);
  return row;
}
