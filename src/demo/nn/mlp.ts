// A one-hidden-layer MLP (784 → H → 10, ReLU, softmax cross-entropy) in TensorFlow.js, trained by
// any tf.Optimizer (shrinkage/tfjs's or tfjs's own) on seeded mini-batches, with what the
// experiments measure per epoch: test accuracy, weight norms and exact zeros per layer.
import type * as TF from '@tensorflow/tfjs';
import { rng, shuffle } from '../../random.js';

export type Tf = typeof TF;

/** Inputs (rows of 784 pixels in [0, 1]) and labels 0–9. */
export interface Digits { x: Float32Array; labels: Int32Array; rows: number }

export const INPUTS = 784, CLASSES = 10;

/** A network's parameters: W1 [784, H], b1 [H], W2 [H, 10], b2 [10]. */
export interface Net { W1: TF.Tensor; b1: TF.Tensor; W2: TF.Tensor; b2: TF.Tensor }

/** The parameters as tfjs variables; names are what optimizer groups match on. */
export interface Mlp extends Net { W1: TF.Variable; b1: TF.Variable; W2: TF.Variable; b2: TF.Variable; hidden: number }

/** He-normal weights (seeded), zero biases. */
export function initMlp(tf: Tf, hidden: number, seed: number, tag: string): Mlp {
  return tf.tidy(() => ({
    W1: tf.variable(tf.randomNormal([INPUTS, hidden], 0, Math.sqrt(2 / INPUTS), 'float32', seed), true, `${tag}/W1`),
    b1: tf.variable(tf.zeros([hidden]), true, `${tag}/b1`),
    W2: tf.variable(tf.randomNormal([hidden, CLASSES], 0, Math.sqrt(2 / hidden), 'float32', seed + 1), true, `${tag}/W2`),
    b2: tf.variable(tf.zeros([CLASSES]), true, `${tag}/b2`),
    hidden,
  }));
}

export function disposeMlp(m: Mlp): void {
  for (const v of [m.W1, m.b1, m.W2, m.b2]) v.dispose();
}

function logits(tf: Tf, m: Net, x: TF.Tensor): TF.Tensor2D {
  return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, m.W1), m.b1)), m.W2), m.b2) as TF.Tensor2D;
}

/** Share of rows whose arg-max class (of `scores`, [rows, 10]) is the label. */
export function shareCorrect(tf: Tf, scores: TF.Tensor, d: Digits): number {
  const pred = tf.tidy(() => tf.argMax(scores, 1).dataSync());
  let right = 0;
  for (let i = 0; i < d.rows; i++) if (pred[i] === d.labels[i]) right++;
  return right / d.rows;
}

/** Share of rows the network classifies correctly. */
export function accuracy(tf: Tf, m: Net, d: Digits): number {
  return tf.tidy(() => shareCorrect(tf, logits(tf, m, tf.tensor2d(d.x, [d.rows, INPUTS])), d));
}

export interface EpochStats { epoch: number; testAccuracy: number; norms: { W1: number; W2: number } }

export interface TrainSettings { epochs: number; batch: number; seed: number }

/**
 * Trains with `opt` on seeded shuffles (the same batches for every optimizer given the same seed),
 * recording test accuracy and the weight matrices' Frobenius norms after every epoch.
 */
export function train(tf: Tf, m: Mlp, opt: TF.Optimizer, tr: Digits, te: Digits, o: TrainSettings): EpochStats[] {
  const X = tf.tensor2d(tr.x, [tr.rows, INPUTS]), Y = tf.oneHot(tf.tensor1d(tr.labels, 'int32'), CLASSES);
  const rand = rng(o.seed), vars = [m.W1, m.b1, m.W2, m.b2];
  const stats: EpochStats[] = [];
  try {
    for (let e = 1; e <= o.epochs; e++) {
      const order = shuffle(Array.from({ length: tr.rows }, (_, i) => i), rand);
      for (let s = 0; s + o.batch <= tr.rows; s += o.batch) {
        tf.tidy(() => {
          const idx = tf.tensor1d(order.slice(s, s + o.batch), 'int32');
          const xb = tf.gather(X, idx) as TF.Tensor2D, yb = tf.gather(Y, idx);
          opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, logits(tf, m, xb)) as TF.Scalar, false, vars);
        });
      }
      stats.push({ epoch: e, testAccuracy: accuracy(tf, m, te), norms: { W1: frobenius(tf, m.W1), W2: frobenius(tf, m.W2) } });
    }
  } finally {
    X.dispose();
    Y.dispose();
  }
  return stats;
}

export function frobenius(tf: Tf, w: TF.Tensor): number {
  return tf.tidy(() => tf.norm(w).dataSync()[0]!);
}

/** Share of entries that are exactly zero. */
export function zeroShare(w: TF.Tensor): number {
  const v = w.dataSync();
  let z = 0;
  for (const x of v) if (x === 0) z++;
  return z / v.length;
}

/**
 * The network physically shrunk: hidden units whose incoming weights are all exactly zero output
 * the constant relu(b1ⱼ), so they are removed and relu(b1ⱼ)·W2[j, :] is folded into b2. Returns
 * plain tensors (not variables) of the smaller network and the units kept.
 */
export function shrink(tf: Tf, m: Mlp): { net: Net; kept: number } {
  const W1 = m.W1.dataSync(), b1 = m.b1.dataSync(), W2 = m.W2.dataSync(), b2 = Float32Array.from(m.b2.dataSync());
  const H = m.hidden, keep: number[] = [];
  for (let j = 0; j < H; j++) {
    let alive = false;
    for (let i = 0; i < INPUTS && !alive; i++) alive = W1[i * H + j] !== 0;
    if (alive) keep.push(j);
    else for (let c = 0; c < CLASSES; c++) b2[c] = b2[c]! + Math.max(b1[j]!, 0) * W2[j * CLASSES + c]!;
  }
  const k = keep.length;
  const w1 = new Float32Array(INPUTS * k), w2 = new Float32Array(k * CLASSES);
  for (let i = 0; i < INPUTS; i++) keep.forEach((j, n) => (w1[i * k + n] = W1[i * H + j]!));
  keep.forEach((j, n) => w2.set(W2.subarray(j * CLASSES, (j + 1) * CLASSES), n * CLASSES));
  return {
    net: { W1: tf.tensor2d(w1, [INPUTS, k]), b1: tf.tensor1d(keep.map((j) => b1[j]!)), W2: tf.tensor2d(w2, [k, CLASSES]), b2: tf.tensor1d(b2) },
    kept: k,
  };
}

/** Median wall time (ms) of a forward pass over `d`, after warm-up. */
export function inferenceMs(tf: Tf, m: Net, d: Digits, repeats = 15): number {
  const x = tf.tensor2d(d.x, [d.rows, INPUTS]);
  const once = () => tf.tidy(() => logits(tf, m, x).dataSync());
  for (let i = 0; i < 3; i++) once();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  x.dispose();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Zeroes the smallest-magnitude entries of `w` so that `share` of them are zero (magnitude pruning). */
export function magnitudePrune(tf: Tf, w: TF.Tensor, share: number): TF.Tensor {
  const v = Float32Array.from(w.dataSync());
  const k = Math.round(share * v.length);
  const order = Array.from(v.keys()).sort((a, b) => Math.abs(v[a]!) - Math.abs(v[b]!) || a - b);
  for (let i = 0; i < k; i++) v[order[i]!] = 0;
  return tf.tensor(v, w.shape);
}
