// The command line of `shrinkage fit`: its help text and planFit, which turns argv into a checked
// FitPlan (or a UsageError) without reading any file.
import { parseArgs } from 'node:util';
import { fromGlmnet, fromSklearn, type Regularizer } from '../engine/regularizers.js';
import {
  choiceOption, intOption, joinNegativeValues, numberOption, refuseConflictingRepeats, UsageError,
} from './args.js';
import type { Loss } from './models-api.js';
import type { IndexBase } from './svmlight.js';

export const FIT_HELP: string = `Usage: shrinkage fit (--csv FILE --target COL | --svmlight FILE) [options]

Fits a penalized linear (squared loss) or logistic regression and prints the coefficients.

Input:
  --csv FILE --target COL      numeric CSV with a header; every column but COL is a feature
  --svmlight FILE              "label index:value ... # comment" lines into a sparse matrix;
                               prints the nonzero coefficients by index; qid:N is ignored
  --index-base auto|0|1        svmlight numbering (auto: 0-based if an index is 0, else 1-based)

Penalty (pick one convention):
  --penalty l1|l2|elasticnet   default l1, or what --l1-ratio/--glmnet-alpha says
  --alpha A [--l1-ratio R]     scikit-learn: α·ρ‖w‖₁ + ½α(1−ρ)‖w‖₂²  (R in [0,1], default 0.5)
  --lambda L [--glmnet-alpha A] glmnet: λ·(A‖w‖₁ + ½(1−A)‖w‖₂²), X standardized as glmnet does
  --path                       fit glmnet's λ grid (warm starts); nnz/objective per λ
  --cv K                       K-fold CV over the grid: error ± SE at λ_min and λ_1se
  --cv-select min|1se          whose coefficients --cv prints (default min)
  --path/--cv use glmnet's λ: λ·(ρ‖w‖₁ + ½(1−ρ)‖w‖₂²) (scikit-learn's alpha for the same ρ)

Model:
  --loss squared|logistic      squared: (1/2n)‖y − Xw − b‖²; logistic: mean log-loss, labels
                               0/1 or -1/+1
  --no-intercept               fit without an intercept (the intercept is never penalized)
  --standardize                scale X columns to unit sd first (implied by --lambda and
                               --glmnet-alpha); coefficients are reported on X's scale
  --max-iter N, --tol T        solver limits
  --backend wasm|js            default wasm;  --threads N|auto (default auto; capped at what
                               the data can use)
  --json                       print JSON instead of a table
  -h, --help                   this text

Errors: one line on stderr, "shrinkage fit: E_CODE: message". Exit codes: 0 ok, 2 bad arguments,
a malformed file (FILE:LINE:COL) or data too large for float64, 1 anything else.
`;

const OPTIONS = {
  csv: { type: 'string' },
  svmlight: { type: 'string' },
  'index-base': { type: 'string' },
  target: { type: 'string' },
  penalty: { type: 'string' },
  alpha: { type: 'string' },
  'l1-ratio': { type: 'string' },
  lambda: { type: 'string' },
  'glmnet-alpha': { type: 'string' },
  loss: { type: 'string' },
  path: { type: 'boolean' },
  cv: { type: 'string' },
  'cv-select': { type: 'string' },
  json: { type: 'boolean' },
  'no-intercept': { type: 'boolean' },
  standardize: { type: 'boolean' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Penalty = 'l1' | 'l2' | 'elasticnet';
const VALUED = Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([k]) => `--${k}`);

/** Where the data comes from. */
export type FitInput = { kind: 'csv'; file: string; target: string } | { kind: 'svmlight'; file: string; indexBase: IndexBase };

/** The checked meaning of the command line. */
export interface FitPlan {
  input: FitInput;
  loss: Loss; penalty: Penalty; json: boolean; fitIntercept: boolean;
  mode: 'single' | 'path' | 'cv'; folds: number; cvSelect: 'min' | '1se'; standardize: boolean;
  /** The regularizer for a single fit. */
  regularizer?: Regularizer;
  /** l1 share of the penalty for paths (glmnet's alpha, scikit-learn's l1_ratio). */
  l1Ratio: number;
  maxIter?: number; tol?: number; backend: 'wasm' | 'js'; threads: 'auto' | number;
}

type Values = ReturnType<typeof parseArgs<{ args: string[]; strict: true; tokens: true; options: typeof OPTIONS }>>['values'];

function planInput(v: Values): FitInput {
  if (v.csv !== undefined && v.svmlight !== undefined) throw new UsageError('give either --csv FILE or --svmlight FILE, not both');
  if (v.svmlight !== undefined) {
    if (v.target !== undefined) throw new UsageError('--target applies to --csv only: an svmlight line starts with its label');
    const raw = v['index-base'] ?? 'auto';
    const base = choiceOption('index-base', raw, ['auto', '0', '1'] as const);
    return { kind: 'svmlight', file: v.svmlight, indexBase: base === 'auto' ? 'auto' : base === '0' ? 0 : 1 };
  }
  if (v['index-base'] !== undefined) throw new UsageError('--index-base applies to --svmlight only');
  if (!v.csv) throw new UsageError('give --csv FILE --target COL or --svmlight FILE (see shrinkage fit --help)');
  if (!v.target) throw new UsageError('--csv needs --target COL, the name of the response column (see shrinkage fit --help)');
  return { kind: 'csv', file: v.csv, target: v.target };
}

/**
 * The penalty family and its l1 share ρ. A redundant ρ that agrees with --penalty is accepted
 * (`--penalty l1 --l1-ratio 1`, `--penalty l2 --glmnet-alpha 0`); one that contradicts it is not.
 */
function planPenalty(v: Values): { penalty: Penalty; l1Ratio: number } {
  const mixName = v['l1-ratio'] !== undefined ? 'l1-ratio' : 'glmnet-alpha';
  const mixRaw = v[mixName];
  const mix = mixRaw === undefined ? undefined : numberOption(mixName, mixRaw, { min: 0, max: 1 });
  // Without --penalty a ρ of exactly 1 or 0 names its penalty, so outputs say l1 or l2.
  const byMix = mix === undefined || mix === 1 ? 'l1' : mix === 0 ? 'l2' : 'elasticnet';
  const penalty = choiceOption('penalty', v.penalty ?? byMix, ['l1', 'l2', 'elasticnet'] as const);
  const implied = penalty === 'l1' ? 1 : penalty === 'l2' ? 0 : undefined;
  if (implied !== undefined && mix !== undefined && mix !== implied)
    throw new UsageError(`--penalty ${penalty} means --${mixName} ${implied}, but --${mixName} ${mixRaw} was given (for a mix use --penalty elasticnet)`);
  return { penalty, l1Ratio: implied ?? mix ?? 0.5 };
}

/** Parses and checks the arguments of `fit` (throws UsageError, reads no file). */
export function planFit(argv: string[]): FitPlan | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, VALUED), strict: true, tokens: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see shrinkage fit --help)`);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  refuseConflictingRepeats(parsed.tokens);
  const input = planInput(v);
  const loss = choiceOption('loss', v.loss ?? 'squared', ['squared', 'logistic'] as const);
  const sk = v.alpha !== undefined || v['l1-ratio'] !== undefined;
  const gl = v.lambda !== undefined || v['glmnet-alpha'] !== undefined;
  if (sk && gl) throw new UsageError('use either --alpha/--l1-ratio (scikit-learn) or --lambda/--glmnet-alpha (glmnet), not both');
  const { penalty, l1Ratio } = planPenalty(v);
  const mode = v.cv !== undefined ? 'cv' : v.path ? 'path' : 'single';
  if (v.cv !== undefined && v.path) throw new UsageError('--path and --cv exclude each other (--cv fits the path itself)');
  const folds = v.cv === undefined ? 0 : intOption('cv', v.cv, 2, 1000);
  if (v['cv-select'] !== undefined && mode !== 'cv') throw new UsageError('--cv-select applies to --cv K only');
  const cvSelect = choiceOption('cv-select', v['cv-select'] ?? 'min', ['min', '1se'] as const);
  let regularizer: Regularizer | undefined;
  if (mode === 'single') {
    if (v.alpha !== undefined) regularizer = fromSklearn({ alpha: numberOption('alpha', v.alpha, { min: 0 }), l1Ratio });
    else if (v.lambda !== undefined) regularizer = fromGlmnet({ lambda: numberOption('lambda', v.lambda, { min: 0 }), alpha: l1Ratio });
    else throw new UsageError('give --alpha A or --lambda L (or --path / --cv K to scan λ)');
  } else if (v.alpha !== undefined || v.lambda !== undefined)
    throw new UsageError(`--${mode === 'cv' ? 'cv' : 'path'} chooses λ itself; drop --alpha/--lambda`);
  const threads = v.threads === undefined || v.threads === 'auto' ? 'auto' : intOption('threads', v.threads, 1, 1024);
  return {
    input, loss, penalty, json: v.json ?? false, fitIntercept: !v['no-intercept'], mode, folds, cvSelect,
    standardize: gl || (v.standardize ?? false), regularizer, l1Ratio,
    maxIter: v['max-iter'] === undefined ? undefined : intOption('max-iter', v['max-iter'], 1),
    tol: v.tol === undefined ? undefined : numberOption('tol', v.tol, { min: 0, aboveMin: true }),
    backend: choiceOption('backend', v.backend ?? 'wasm', ['wasm', 'js'] as const), threads,
  };
}
