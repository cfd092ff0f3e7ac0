// The demo end to end: spam experiment, synthetic experiment, console tables, out/report.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Io } from '../cli/args.js';
import { loadModels } from '../cli/models-api.js';
import { createEngine } from '../engine/create.js';
import { progress } from './progress.js';
import { reportHtml, spamRows, syntheticRows, textTable } from './report.js';
import { runSpam, type SpamResult } from './spam.js';
import { runSynthetic, type SignalResult, type SyntheticOptions } from './synthetic.js';

export interface DemoOptions {
  /** Directory for report.html (created if missing). */
  outDir: string;
  /** Evenly spaced slice of the corpus (about this many messages); all 6046 when absent. */
  limit?: number;
  /** λ values per path (every fit at the library's default tolerance). */
  nLambda: number;
  /** Minimum training-document count of a vocabulary token. */
  minDocs: number;
  /** Also refit the chosen L1 model on the plain-JS backend (the speed comparison). */
  compareJs: boolean;
  synthetic: Omit<SyntheticOptions, 'seed'>;
  seed: number;
  /** Suppress progress lines. */
  quiet?: boolean;
}

export const FULL: Omit<DemoOptions, 'outDir'> = {
  nLambda: 20, minDocs: 5, compareJs: true, seed: 2026, synthetic: { n: 100, d: 200, k: 8, noise: 1, nLambda: 20 },
};
export const QUICK: Omit<DemoOptions, 'outDir'> = { ...FULL, limit: 1200, nLambda: 10 };

export interface DemoResult { spam: SpamResult; synthetic: SignalResult[]; reportPath: string; seconds: number }

/** Runs the demo, prints its tables on `io.out` and progress on `io.err`, writes the report. */
export async function runDemo(o: DemoOptions, io: Io): Promise<DemoResult> {
  const say = progress(io, o.quiet);
  say('shrinkage demo: L1 vs L2 regularization on real data');
  const models = await loadModels();
  const wasm = await createEngine({ backend: 'wasm', threads: 'auto' });
  const js = o.compareJs ? await createEngine({ backend: 'js', threads: 1 }) : undefined;
  let spam: SpamResult, synthetic: SignalResult[];
  try {
    spam = await runSpam(models, { limit: o.limit, minDocs: o.minDocs, nLambda: o.nLambda, seed: o.seed, wasm, js }, say);
    synthetic = await runSynthetic(models, wasm, { ...o.synthetic, seed: o.seed }, say);
  } finally {
    await wasm.close();
    await js?.close();
  }
  const seconds = say.elapsed();
  mkdirSync(o.outDir, { recursive: true });
  const reportPath = resolve(join(o.outDir, 'report.html'));
  writeFileSync(reportPath, reportHtml(spam, synthetic, seconds));
  say(`wrote ${reportPath}`);

  const tok = (t: [string, number][]) => t.map(([w, v]) => `${w} (${v.toFixed(2)})`).join(', ') || '(none)';
  io.out([
    '',
    `Spam filter: logistic regression, ${spam.messages} SpamAssassin messages (${spam.spam} spam), ` +
      `${spam.vocabulary.length} token features (in >= ${o.minDocs} training messages), λ chosen on validation`,
    textTable(spamRows(spam)),
    '',
    `Top ${spam.topSpam.length} spam tokens (largest positive L1 weights): ${tok(spam.topSpam)}`,
    `Top ${spam.topHam.length} ham tokens (largest negative L1 weights): ${tok(spam.topHam)}`,
    '',
    `Synthetic, squared loss, n = ${o.synthetic.n}, d = ${o.synthetic.d}, noise σ = ${o.synthetic.noise}: ` +
      'which penalty wins depends on the structure of the true signal',
    textTable(syntheticRows(synthetic)),
    '',
    `Report: ${reportPath}  (${seconds.toFixed(1)} s in all)`,
    '',
  ].join('\n'));
  return { spam, synthetic, reportPath, seconds };
}
