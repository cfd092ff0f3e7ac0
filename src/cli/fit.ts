// `shrinkage fit`: reads a numeric CSV or an svmlight file, fits a penalized linear or logistic
// model (one λ, a path, or K-fold CV) and prints the coefficients as a table or as JSON. The
// command line is planned in fit-plan.ts; what is printed is built in fit-output.ts.
import { availableParallelism } from 'node:os';
import { createEngine } from '../engine/create.js';
import { ShrinkageError } from '../errors.js';
import { UsageError, type Io } from './args.js';
import { checkScale, readNumericCsv, toDataset } from './csv.js';
import { cvJson, cvReport, describe, fitJson, fitTable, gridIndex, pathTable, type FitData } from './fit-output.js';
import { FIT_HELP, planFit, type FitPlan } from './fit-plan.js';
import { missingClass } from './labels.js';
import { loadModels, type FitResult, type PathPenalty } from './models-api.js';
import { readSvmlight } from './svmlight.js';
import { plural } from './words.js';

/** Runs a reader, turning a file that cannot be opened into a one-line usage error. */
function readOrUsage<T>(option: string, file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ShrinkageError) throw e;
    throw new UsageError(`cannot read --${option} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Reads and validates the file named by the plan: E_PARSE errors name FILE:LINE:COL, data whose
 * squares overflow float64 is E_RANGE naming the cell, and logistic loss needs both classes.
 */
export function readData(plan: Pick<FitPlan, 'input' | 'loss'>): FitData {
  const binary = plan.loss === 'logistic';
  let data: FitData;
  const input = plan.input;
  if (input.kind === 'csv') {
    const table = readOrUsage('csv', input.file, () => readNumericCsv(input.file));
    const d = toDataset(table, input.target, input.file, binary);
    checkScale(table, input.target, input.file);
    data = {
      X: { kind: 'dense', rows: d.rows, cols: d.features.length, data: d.X }, y: d.y,
      name: (j) => d.features[j]!, target: d.target, nonzeroOnly: false,
    };
  } else {
    const s = readOrUsage('svmlight', input.file, () => readSvmlight(input.file, { indexBase: input.indexBase, binary }));
    data = { X: s.X, y: s.y, name: (j) => String(j + s.indexBase), target: 'label', nonzeroOnly: true };
  }
  const missing = binary ? missingClass(data.y) : undefined;
  if (missing !== undefined) throw new ShrinkageError('E_RANGE', `${input.file}: ${missing}`);
  return data;
}

/** Named numbers to check: one value, or an array of them ("coef" → coef[j]). */
type Checked = [string, number | ArrayLike<number>];

/**
 * Refuses a fit whose numbers overflowed anyway (E_NOT_FINITE naming the value): reporting an
 * intercept of Infinity, or a λ of NaN nobody gave, would look like a result.
 */
export function checkFinite(values: Checked[]): void {
  const refuse = (what: string, v: number) => {
    throw new ShrinkageError('E_NOT_FINITE', `the fit produced ${what} = ${v}: the data's magnitudes overflow float64 inside the solver; rescale the columns`);
  };
  for (const [what, v] of values) {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) refuse(what, v);
      continue;
    }
    for (let j = 0; j < v.length; j++) if (!Number.isFinite(v[j]!)) refuse(what.replace(/^(\w+)/, `$1[${j}]`), v[j]!);
  }
}

const fitValues = (f: FitResult, at = ''): Checked[] => [[`intercept${at}`, f.intercept], [`objective${at}`, f.objective], [`coef${at}`, f.coef]];

/** Values stored in X: what every pass of a solver reads. */
const storedValues = (d: FitData) => (d.X.kind === 'dense' ? d.X.rows * d.X.cols : d.X.data.length);

/**
 * Threads worth starting, and why fewer than asked: at most the CPUs; at most one per
 * `minShard` stored values (the engine runs a call with less work on the calling thread, so more
 * threads would only cost their start-up, seconds for dozens); for CV at most one per path (K + 1,
 * each path runs on one thread).
 */
export function usefulThreads(values: number, cpus: number, minShard: number, cvPaths = 0): { threads: number; why: string } {
  const byData = Math.max(1, Math.ceil(((cvPaths || 1) * values) / minShard));
  let threads = cpus, why = `this machine has ${plural(cpus, 'CPU')}`;
  if (cvPaths > 0 && cvPaths < threads) [threads, why] = [cvPaths, `--cv runs ${cvPaths} paths, one per thread`];
  if (byData < threads)
    [threads, why] = [byData, `${plural(values, 'stored value')}${cvPaths ? ` per path` : ''} are too few to share (the engine splits work from ${minShard} values on)`];
  return { threads, why };
}

/**
 * Runs `shrinkage fit`; returns the exit code. Its errors are thrown to main(), which prints them in
 * the CLI's one format, "shrinkage fit: E_CODE: message", with exit code 2.
 */
export async function runFit(argv: string[], io: Io): Promise<number> {
  const plan = planFit(argv);
  if (plan === 'help') {
    io.out(FIT_HELP);
    return 0;
  }
  const data = readData(plan);
  const rows = data.X.rows;
  if (plan.mode === 'cv' && plan.folds > rows)
    throw new UsageError(`--cv ${plan.folds} asks for more folds than the ${plural(rows, 'row')} of ${plan.input.file}`, 'E_RANGE');
  const models = await loadModels();
  const { DEFAULT_PARALLEL_MIN_ELEMENTS } = await import('../pool/pool-executor.js');
  const useful = usefulThreads(storedValues(data), availableParallelism(), DEFAULT_PARALLEL_MIN_ELEMENTS, plan.mode === 'cv' ? plan.folds + 1 : 0);
  let threads = useful.threads;
  if (plan.threads !== 'auto' && plan.threads > threads)
    io.err(`shrinkage fit: warning: --threads ${plan.threads}: using ${plural(threads, 'thread')}, as ${useful.why}\n`);
  else if (plan.threads !== 'auto') threads = plan.threads;
  const engine = await createEngine({ backend: plan.backend, threads });
  try {
    await fitAndPrint(plan, data, models, engine, io);
  } catch (e) {
    if (e instanceof ShrinkageError && e.code === 'E_MEMORY')
      throw new UsageError(`the fit needs more memory than the engine's 4 GiB (${e.message.replace(/^E_MEMORY: /, '')}); use fewer rows or features`, 'E_MEMORY');
    throw e;
  } finally {
    await engine.close();
  }
  return 0;
}

type Models = Awaited<ReturnType<typeof loadModels>>;
type Engine = Awaited<ReturnType<typeof createEngine>>;

async function fitAndPrint(plan: FitPlan, data: FitData, models: Models, engine: Engine, io: Io): Promise<void> {
  const common = { X: data.X, y: data.y, loss: plan.loss, fitIntercept: plan.fitIntercept, standardize: plan.standardize,
    ...(plan.maxIter === undefined ? {} : { maxIter: plan.maxIter }), ...(plan.tol === undefined ? {} : { tol: plan.tol }) };
  const pathPenalty: PathPenalty = plan.penalty === 'elasticnet' ? 'elasticNet' : plan.penalty;
  const head = { input: plan.input.kind, file: plan.input.file, target: data.target, rows: data.X.rows, cols: data.X.cols,
    ...(data.nonzeroOnly ? {} : { features: Array.from({ length: data.X.cols }, (_, j) => data.name(j)) }), loss: plan.loss, penalty: plan.penalty };
  const json = (o: object) => io.out(JSON.stringify(o, null, 2) + '\n');
  if (plan.mode === 'single') {
    const fit = await models.fitLinear(engine, { ...common, penalty: plan.regularizer! });
    checkFinite(fitValues(fit));
    if (plan.json) json({ ...head, regularizer: plan.regularizer, ...fitJson(data, fit) });
    else io.out(`${plan.loss} loss + ${describe(plan.regularizer!)}${plan.standardize ? ' (X standardized)' : ''}\n` + fitTable(data, fit));
  } else if (plan.mode === 'path') {
    const path = await models.fitPath(engine, { ...common, penalty: pathPenalty, l1Ratio: plan.l1Ratio });
    checkFinite([['lambda', path.lambdas], ...path.fits.flatMap((f, i) => fitValues(f, ` at lambda[${i}]`))]);
    if (plan.json) json({ ...head, l1Ratio: plan.l1Ratio, path: path.fits.map((f, i) => ({ lambda: path.lambdas[i], ...fitJson(data, f) })) });
    else io.out(pathTable(plan, path));
  } else {
    const metric = plan.loss === 'logistic' ? 'deviance' : 'mse';
    const cv = await models.crossValidate(engine, { ...common, penalty: pathPenalty, l1Ratio: plan.l1Ratio, folds: plan.folds, seed: 1, metric });
    const iMin = gridIndex(cv, cv.lambdaMin), i1se = gridIndex(cv, cv.lambda1se);
    checkFinite([['lambda_min', cv.lambdaMin], ['lambda_1se', cv.lambda1se],
      ['a CV error at lambda_min', cv.meanError[iMin]!], ['a standard error at lambda_min', cv.seError[iMin]!],
      ['a CV error at lambda_1se', cv.meanError[i1se]!], ['a standard error at lambda_1se', cv.seError[i1se]!]]);
    // crossValidate returns the whole full-data path: the fit at either choice is already there.
    const fit = cv.fits[plan.cvSelect === 'min' ? iMin : i1se]!;
    checkFinite(fitValues(fit));
    if (plan.json) json({ ...head, ...cvJson(plan, cv, metric), ...fitJson(data, fit) });
    else io.out(cvReport(plan, data, cv, metric, fit));
  }
}
