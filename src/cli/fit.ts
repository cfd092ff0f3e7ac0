// `shrinkage fit`: reads a numeric CSV, fits a penalized linear or logistic model (one λ, a path,
// or K-fold CV) and prints the coefficients as a table or as JSON.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine/create.js';
import { fromGlmnet, fromSklearn, moduleOf, type Regularizer } from '../engine/regularizers.js';
import { ShrinkageError } from '../errors.js';
import { choiceOption, INPUT_CODES, intOption, joinNegativeValues, numberOption, UsageError, type Io } from './args.js';
import { checkScale, readNumericCsv, toDataset, type Dataset } from './csv.js';
import { loadModels, type FitResult, type Loss, type PathPenalty } from './models-api.js';

export const FIT_HELP = `Usage: shrinkage fit --csv FILE --target COL [options]

Fits a penalized linear (squared loss) or logistic regression on a numeric CSV file with a
header row. Every column except the target is a feature.

Penalty (pick one convention):
  --penalty l1|l2|elasticnet   default: elasticnet if --l1-ratio/--glmnet-alpha is given, else l1
  --alpha A [--l1-ratio R]     scikit-learn: α·ρ‖w‖₁ + ½α(1−ρ)‖w‖₂²  (R in [0,1], default 0.5)
  --lambda L [--glmnet-alpha A] glmnet: λ·(A‖w‖₁ + ½(1−A)‖w‖₂²), X standardized as glmnet does
  --path                       fit glmnet's λ grid (warm starts) and print nnz/objective per λ
  --cv K                       K-fold cross-validation over the grid; prints λ_min, λ_1se and the
                               coefficients at λ_min

Model:
  --loss squared|logistic      squared: (1/2n)‖y − Xw − b‖²; logistic: mean log-loss, y in {0,1}
  --no-intercept               fit without an intercept (the intercept is never penalized)
  --standardize                scale X columns to unit sd first, as glmnet does (implied by
                               --lambda/--glmnet-alpha); coefficients are reported on X's scale
  --max-iter N, --tol T        solver limits
  --backend wasm|js            default wasm;  --threads N|auto (default auto)
  --json                       print JSON instead of a table
  -h, --help                   this text

Errors are one line on stderr, "shrinkage fit: E_CODE: message". Exit codes: 0 ok, 2 bad
arguments, a malformed CSV (file:line:column named) or data too large for float64, 1 anything else.
`;

const OPTIONS = {
  csv: { type: 'string' },
  target: { type: 'string' },
  penalty: { type: 'string' },
  alpha: { type: 'string' },
  'l1-ratio': { type: 'string' },
  lambda: { type: 'string' },
  'glmnet-alpha': { type: 'string' },
  loss: { type: 'string' },
  path: { type: 'boolean' },
  cv: { type: 'string' },
  json: { type: 'boolean' },
  'no-intercept': { type: 'boolean' },
  standardize: { type: 'boolean' },
  'max-iter': { type: 'string' },
  tol: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Penalty = 'l1' | 'l2' | 'elasticnet';
const VALUED = Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([k]) => `--${k}`);

/** The checked meaning of the command line. */
export interface FitPlan {
  csv: string; target: string; loss: Loss; penalty: Penalty; json: boolean; fitIntercept: boolean;
  mode: 'single' | 'path' | 'cv'; folds: number; standardize: boolean;
  /** The regularizer for a single fit. */
  regularizer?: Regularizer;
  /** l1 share of the penalty for paths (glmnet's alpha, scikit-learn's l1_ratio). */
  l1Ratio: number;
  maxIter?: number; tol?: number; backend: 'wasm' | 'js'; threads: 'auto' | number;
}

/** Parses and checks the arguments of `fit` (throws UsageError, reads no file). */
export function planFit(argv: string[]): FitPlan | 'help' {
  let v: ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: typeof OPTIONS }>>['values'];
  try {
    v = parseArgs({ args: joinNegativeValues(argv, VALUED), strict: true, options: OPTIONS }).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see shrinkage fit --help)`);
  }
  if (v.help) return 'help';
  if (!v.csv) throw new UsageError('--csv FILE is required (see shrinkage fit --help)');
  if (!v.target) throw new UsageError('--target COL is required (see shrinkage fit --help)');
  const loss = choiceOption('loss', v.loss ?? 'squared', ['squared', 'logistic'] as const);
  const sk = v.alpha !== undefined || v['l1-ratio'] !== undefined;
  const gl = v.lambda !== undefined || v['glmnet-alpha'] !== undefined;
  if (sk && gl) throw new UsageError('use either --alpha/--l1-ratio (scikit-learn) or --lambda/--glmnet-alpha (glmnet), not both');
  const mixRaw = v['l1-ratio'] ?? v['glmnet-alpha'];
  const mixName = v['l1-ratio'] !== undefined ? 'l1-ratio' : 'glmnet-alpha';
  const penalty = choiceOption('penalty', v.penalty ?? (mixRaw !== undefined ? 'elasticnet' : 'l1'), ['l1', 'l2', 'elasticnet'] as const);
  if (mixRaw !== undefined && penalty !== 'elasticnet')
    throw new UsageError(`--${mixName} only applies to --penalty elasticnet (got --penalty ${penalty})`);
  const l1Ratio = penalty === 'l1' ? 1 : penalty === 'l2' ? 0 : mixRaw === undefined ? 0.5 : numberOption(mixName, mixRaw, 0, 1);
  const mode = v.cv !== undefined ? 'cv' : v.path ? 'path' : 'single';
  if (v.cv !== undefined && v.path) throw new UsageError('--path and --cv exclude each other (--cv fits the path itself)');
  const folds = v.cv === undefined ? 0 : intOption('cv', v.cv, 2, 1000);
  let regularizer: Regularizer | undefined;
  if (mode === 'single') {
    if (v.alpha !== undefined) regularizer = fromSklearn({ alpha: numberOption('alpha', v.alpha, 0), l1Ratio });
    else if (v.lambda !== undefined) regularizer = fromGlmnet({ lambda: numberOption('lambda', v.lambda, 0), alpha: l1Ratio });
    else throw new UsageError('give --alpha A or --lambda L (or --path / --cv K to scan λ)');
  } else if (v.alpha !== undefined || v.lambda !== undefined)
    throw new UsageError(`--${mode === 'cv' ? 'cv' : 'path'} chooses λ itself; drop --alpha/--lambda`);
  const threads = v.threads === undefined || v.threads === 'auto' ? 'auto' : intOption('threads', v.threads, 1, 1024);
  return {
    csv: v.csv, target: v.target, loss, penalty, json: v.json ?? false, fitIntercept: !v['no-intercept'], mode, folds,
    standardize: gl || (v.standardize ?? false), regularizer, l1Ratio,
    maxIter: v['max-iter'] === undefined ? undefined : intOption('max-iter', v['max-iter'], 1),
    tol: v.tol === undefined ? undefined : numberOption('tol', v.tol, Number.MIN_VALUE),
    backend: choiceOption('backend', v.backend ?? 'wasm', ['wasm', 'js'] as const), threads,
  };
}

/**
 * Reads and validates the CSV named by the plan (E_PARSE errors name file, line, column), and
 * refuses data whose squares overflow float64 (E_RANGE naming the cell).
 */
export function readDataset(plan: Pick<FitPlan, 'csv' | 'target' | 'loss'>): Dataset {
  let table;
  try {
    table = readNumericCsv(plan.csv);
  } catch (e) {
    if (e instanceof ShrinkageError) throw e;
    throw new UsageError(`cannot read --csv ${plan.csv}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const data = toDataset(table, plan.target, plan.csv, plan.loss === 'logistic');
  checkScale(table, plan.target, plan.csv);
  return data;
}

/**
 * Refuses a fit whose numbers overflowed anyway (E_NOT_FINITE naming the value): reporting an
 * intercept of Infinity, or a λ of NaN nobody gave, would look like a result.
 */
export function checkFinite(values: [string, number][]): void {
  for (const [what, v] of values)
    if (!Number.isFinite(v))
      throw new ShrinkageError('E_NOT_FINITE', `the fit produced ${what} = ${v}: the data's magnitudes overflow float64 inside the solver; rescale the columns`);
}

const fitValues = (f: FitResult, at = ''): [string, number][] =>
  [[`intercept${at}`, f.intercept], [`objective${at}`, f.objective], ...Array.from(f.coef, (c, j): [string, number] => [`coef[${j}]${at}`, c])];

const fmt = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(4));

/** R(w) in words: "λ₁‖w‖₁ + λ₂‖w‖₂² with λ₁ = …, λ₂ = …". */
function describe(r: Regularizer): string {
  return moduleOf(r).describe(r, fmt);
}

function fitJson(d: Dataset, f: FitResult) {
  return {
    intercept: f.intercept,
    coef: Object.fromEntries(d.features.map((name, j) => [name, f.coef[j] ?? 0])),
    nnz: f.nnz, objective: f.objective, gap: f.gap, iterations: f.iterations, converged: f.converged, solver: f.solver,
  };
}

function fitTable(d: Dataset, f: FitResult): string {
  const w = Math.max('(intercept)'.length, ...d.features.map((s) => s.length));
  const lines = [`${'feature'.padEnd(w)}  coefficient`, `${'(intercept)'.padEnd(w)}  ${fmt(f.intercept)}`];
  d.features.forEach((name, j) => lines.push(`${name.padEnd(w)}  ${fmt(f.coef[j] ?? 0)}`));
  lines.push('', `nonzero ${f.nnz} of ${d.features.length}, objective ${fmt(f.objective)}, gap ${f.gap === null ? 'n/a' : fmt(f.gap)}, ` +
    `${f.iterations} iterations (${f.solver}), ${f.converged ? 'converged' : 'NOT converged'}`);
  return lines.join('\n') + '\n';
}

/**
 * Runs `shrinkage fit`; returns the exit code. Its errors have one format, "shrinkage fit: E_CODE:
 * message" on one line and exit code 2, whether the command line, the file or the fit is at fault.
 */
export async function runFit(argv: string[], io: Io): Promise<number> {
  try {
    return await fit(argv, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`shrinkage fit: ${e.code}: ${e.message}\n`);
    else if (e instanceof ShrinkageError && INPUT_CODES.has(e.code)) io.err(`shrinkage fit: ${e.message}\n`);
    else throw e;
    return 2;
  }
}

async function fit(argv: string[], io: Io): Promise<number> {
  const plan = planFit(argv);
  if (plan === 'help') {
    io.out(FIT_HELP);
    return 0;
  }
  const data = readDataset(plan);
  const models = await loadModels();
  // More threads than CPUs only costs (starting 63 workers for a 30-row fit took 10 s): capped.
  const cpus = availableParallelism();
  let threads = plan.threads;
  if (threads !== 'auto' && threads > cpus) {
    io.err(`shrinkage fit: --threads ${threads} is more than the ${cpus} CPUs here; using ${cpus}\n`);
    threads = cpus;
  }
  const engine = await createEngine({ backend: plan.backend, threads });
  try {
    const X = { kind: 'dense' as const, rows: data.rows, cols: data.features.length, data: data.X };
    const common = { X, y: data.y, loss: plan.loss, fitIntercept: plan.fitIntercept, standardize: plan.standardize,
      ...(plan.maxIter === undefined ? {} : { maxIter: plan.maxIter }), ...(plan.tol === undefined ? {} : { tol: plan.tol }) };
    const pathPenalty: PathPenalty = plan.penalty === 'elasticnet' ? 'elasticNet' : plan.penalty;
    const head = { target: data.target, rows: data.rows, features: data.features, loss: plan.loss, penalty: plan.penalty };
    if (plan.mode === 'single') {
      const fit = await models.fitLinear(engine, { ...common, penalty: plan.regularizer! });
      checkFinite(fitValues(fit));
      if (plan.json) io.out(JSON.stringify({ ...head, regularizer: plan.regularizer, ...fitJson(data, fit) }, null, 2) + '\n');
      else io.out(`${plan.loss} loss + ${describe(plan.regularizer!)}${plan.standardize ? ' (X standardized)' : ''}\n` + fitTable(data, fit));
    } else if (plan.mode === 'path') {
      const path = await models.fitPath(engine, { ...common, penalty: pathPenalty, l1Ratio: plan.l1Ratio });
      checkFinite(path.fits.flatMap((f, i) => [[`lambda[${i}]`, path.lambdas[i]!] as [string, number], ...fitValues(f, ` at lambda[${i}]`)]));
      if (plan.json)
        io.out(JSON.stringify({ ...head, l1Ratio: plan.l1Ratio, path: path.fits.map((f, i) => ({ lambda: path.lambdas[i], ...fitJson(data, f) })) }, null, 2) + '\n');
      else {
        const lines = ['lambda        nnz  objective     iterations  converged'];
        path.fits.forEach((f, i) =>
          lines.push(`${fmt(path.lambdas[i]!).padEnd(12)}  ${String(f.nnz).padStart(3)}  ${fmt(f.objective).padEnd(12)}  ${String(f.iterations).padStart(10)}  ${f.converged}`));
        io.out(lines.join('\n') + '\n');
      }
    } else {
      const metric = plan.loss === 'logistic' ? 'deviance' : 'mse';
      const cv = await models.crossValidate(engine, { ...common, penalty: pathPenalty, l1Ratio: plan.l1Ratio, folds: plan.folds, seed: 1, metric });
      checkFinite([['lambda_min', cv.lambdaMin], ['lambda_1se', cv.lambda1se], ...fitValues(cv.bestFit)]);
      if (plan.json)
        io.out(JSON.stringify({ ...head, l1Ratio: plan.l1Ratio, folds: plan.folds, metric, lambdaMin: cv.lambdaMin, lambda1se: cv.lambda1se,
          lambdas: cv.lambdas, meanError: cv.meanError, seError: cv.seError, ...fitJson(data, cv.bestFit) }, null, 2) + '\n');
      else io.out(`${plan.folds}-fold CV (${metric}): lambda_min ${fmt(cv.lambdaMin)}, lambda_1se ${fmt(cv.lambda1se)}\n` + fitTable(data, cv.bestFit));
    }
  } finally {
    await engine.close();
  }
  return 0;
}
