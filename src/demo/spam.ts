// The main real-data experiment: logistic-regression spam filters with L1, L2 and elastic-net
// penalties on SpamAssassin token features (messages decoded first), λ chosen by K-fold CV on the
// training split (λ_min and λ_1se), each choice scored once on the held-out test split.
import type { Engine } from '../engine/engine.js';
import type { FitResult, ModelsApi } from '../cli/models-api.js';
import { l1 } from '../engine/regularizers.js';
import { cvPath, PENALTIES, scoreFit, type CvRun, type CvSettings, type Data } from './cvfit.js';
import { split } from './evaluate.js';
import { buildVocabulary, toCsr } from './features.js';
import { timed, type Progress } from './progress.js';

/** The corpus as the experiments use it: tokens and labels per message, in corpus order. */
export interface TokenCorpus { docs: Set<string>[]; spam: boolean[]; groups: string[] }

export interface SpamOptions extends CvSettings {
  /** Minimum number of training messages a token must occur in to become a feature. */
  minDocs: number;
  /** Engines: `wasm` (all threads) for every path, `js` for the L1 refit once more. */
  wasm: Engine;
  js?: Engine;
}

/**
 * The chosen L1 model fitted once more by itself on one backend: fitLinear at λ_1se, warm-started
 * from the path's fit at the previous λ (cold at the first λ). The same call on both backends, so
 * its time compares them.
 */
export interface Refit { backend: string; threads: number; lambda: number; fit: FitResult; seconds: number }

/** A CV run scored on the test split at both choices. */
export interface ScoredRun extends CvRun {
  testMin: { accuracy: number; f1: number };
  test1se: { accuracy: number; f1: number };
}

export interface SpamResult {
  messages: number;
  spam: number;
  sizes: { train: number; test: number };
  vocabulary: string[];
  minDocs: number;
  featureNonzeros: number;
  /** Error rate of always answering the majority class (ham) on the test split. */
  majorityError: number;
  runs: ScoredRun[];
  refits: Refit[];
  topSpam: [string, number][];
  topHam: [string, number][];
}

/** The `k` largest positive and `k` most negative weights with their tokens. */
export function topTokens(coef: Float64Array, tokens: string[], k: number): { spam: [string, number][]; ham: [string, number][] } {
  const order = Array.from(coef.keys()).filter((j) => coef[j] !== 0);
  order.sort((a, b) => coef[b]! - coef[a]! || a - b);
  const pick = (js: number[]) => js.map((j) => [tokens[j]!, coef[j]!] as [string, number]);
  return {
    spam: pick(order.filter((j) => coef[j]! > 0).slice(0, k)),
    ham: pick(order.filter((j) => coef[j]! < 0).reverse().slice(0, k)),
  };
}

/** Binary CSR features of the messages `rows` over a vocabulary built from `vocabRows`. */
export function featurize(c: TokenCorpus, vocabRows: number[], minDocs: number) {
  const vocab = buildVocabulary(vocabRows.map((i) => c.docs[i]!), minDocs);
  const part = (rows: number[]): Data => ({ X: toCsr(rows.map((i) => c.docs[i]!), vocab), y: Float64Array.from(rows, (i) => (c.spam[i] ? 1 : 0)) });
  return { vocab, part };
}

/** Splits 80 / 20, chooses λ by CV on the training part for every penalty, scores on the test part. */
export async function runSpam(models: ModelsApi, c: TokenCorpus, o: SpamOptions, say: Progress): Promise<SpamResult> {
  const [train, test] = split(c.docs.length, [0.8, 0.2], o.seed) as [number[], number[]];
  const { vocab, part } = featurize(c, train, o.minDocs);
  const tr = part(train), te = part(test);
  say(`random split: vocabulary of ${vocab.tokens.length} of ${vocab.distinct} distinct tokens (in >= ${o.minDocs} training messages); ` +
    `train ${train.length} / test ${test.length}; ${tr.X.indices.length} nonzeros in X_train`);
  const runs: ScoredRun[] = [];
  for (const spec of PENALTIES) {
    const run = await cvPath(models, o.wasm, spec, tr, o, say, 'random split');
    runs.push({ ...run, testMin: scoreFit(run.fits[run.iMin]!, te), test1se: scoreFit(run.fits[run.i1se]!, te) });
  }

  const l1Run = runs[0]!;
  const refit = async (engine: Engine): Promise<Refit> => {
    const lambda = l1Run.lambdas[l1Run.i1se]!;
    const prev = l1Run.i1se > 0 ? l1Run.fits[l1Run.i1se - 1]! : undefined;
    say(`refitting L1 at λ_1se = ${lambda.toPrecision(3)} on ${engine.backend}…`);
    const { value: fit, seconds } = await timed(() =>
      models.fitLinear(engine, {
        X: tr.X, y: tr.y, loss: 'logistic', penalty: l1(lambda), standardize: false,
        ...(prev ? { warmStart: { coef: prev.coef, intercept: prev.intercept } } : {}),
      }),
    );
    say(`L1 refit on ${engine.backend}: ${fit.iterations} iteration${fit.iterations === 1 ? '' : 's'} in ${seconds.toFixed(2)} s, ${fit.nnz} nonzero weights`);
    return { backend: engine.backend, threads: engine.threads, lambda, fit, seconds };
  };
  const refits = [await refit(o.wasm)];
  if (o.js) refits.push(await refit(o.js));
  const top = topTokens(l1Run.fits[l1Run.i1se]!.coef, vocab.tokens, 20);
  const testSpam = te.y.reduce((a, v) => a + v, 0);
  return {
    messages: c.docs.length, spam: c.spam.filter(Boolean).length, sizes: { train: train.length, test: test.length },
    vocabulary: vocab.tokens, minDocs: o.minDocs, featureNonzeros: tr.X.indices.length,
    majorityError: Math.min(testSpam, te.y.length - testSpam) / te.y.length, runs, refits, topSpam: top.spam, topHam: top.ham,
  };
}
