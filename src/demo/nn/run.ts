// The network demo end to end: TensorFlow.js on its wasm backend, the digits, the experiments, the
// console summary and out/nn-report.html. tfjs is loaded here, lazily: the library never needs it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Io } from '../../cli/args.js';
import { CorpusMissingError } from '../corpus.js';
import { progress } from '../progress.js';
import { textTable } from '../tables.js';
import { loadDigits } from './data.js';
import { runNn, type NnOptions, type NnResult } from './experiments.js';
import type { Tf } from './mlp.js';
import { nnReportHtml, nnRows } from './report.js';

export interface NnDemoOptions { outDir: string; train: number; test: number; nn: Omit<NnOptions, 'seed'>; seed: number; quiet?: boolean }

export const NN_FULL: Omit<NnDemoOptions, 'outDir'> = {
  train: 6000, test: 2000, seed: 2026,
  nn: { hidden: 64, epochs: 5, batch: 100, lr: 1e-3, decays: [1e-2, 1e-1, 1], l1Decoupled: 0.3, l1Preconditioned: 1e-4, groupLambdas: [6, 12] },
};
export const NN_QUICK: Omit<NnDemoOptions, 'outDir'> = { ...NN_FULL, train: 1500, test: 500, nn: { ...NN_FULL.nn, epochs: 2, decays: [1e-2] } };

/** TensorFlow.js (the union package: gradients and layers) on the wasm backend, CPU as the fallback. */
async function loadTf(): Promise<{ tf: Tf; backend: string }> {
  let tf: Tf;
  try {
    tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  } catch (cause) {
    throw new CorpusMissingError('the network demo needs @tensorflow/tfjs (a devDependency of shrinkage): run it from a clone after "npm install"', { cause });
  }
  // Production mode: no per-op debug checks, and no "install tfjs-node" banner on stderr.
  tf.enableProdMode();
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    if (await tf.setBackend('wasm')) return { tf, backend: 'wasm' };
  } catch {
    // fall through to the CPU backend
  }
  await tf.setBackend('cpu');
  return { tf, backend: 'cpu' };
}

export async function runNnDemo(o: NnDemoOptions, io: Io): Promise<{ result: NnResult; reportPath: string; seconds: number; backend: string }> {
  const say = progress(io, o.quiet);
  say('shrinkage network demo: Adam + L2 vs AdamW, L1 sparsity and group-lasso pruning on an MLP (TensorFlow.js)');
  const { tf, backend } = await loadTf();
  const data = loadDigits(o.train, o.test, o.seed);
  say(`loaded ${data.train.rows} training and ${data.test.rows} test digits (mnist package); tfjs ${tf.version.tfjs} on its ${backend} backend`);
  const result = await runNn(tf, data, { ...o.nn, seed: o.seed }, say);
  const seconds = say.elapsed();
  mkdirSync(o.outDir, { recursive: true });
  const reportPath = resolve(join(o.outDir, 'nn-report.html'));
  writeFileSync(reportPath, nnReportHtml(result, { seconds, backend, tfjs: tf.version.tfjs }));
  say(`wrote ${reportPath}`);
  const rows = nnRows(result);
  io.out(['', textTable(rows.decay), '', textTable(rows.l1), '', textTable(rows.groups), '', textTable(rows.fit), '',
    `Report: ${reportPath}  (${seconds.toFixed(1)} s in all)`, ''].join('\n'));
  return { result, reportPath, seconds, backend };
}
