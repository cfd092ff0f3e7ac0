// Validation of model inputs: everything is checked before any engine memory is written.
import { isFloatArray } from '../dtype.js';
import { errLength, errNotFinite, errRange, errType } from '../errors.js';
import { checkRegularizer, moduleOf, type Regularizer } from '../engine/regularizers.js';
import type { FitOptions, Loss, Matrix } from './types.js';


function dim(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw errRange(name, v, 'an integer >= 0');
  return v;
}

function finiteAll(name: string, a: ArrayLike<number>): void {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw errNotFinite(`${name}[${i}]`, a[i]);
}

/** Checks shape, types, CSR structure (indices in range: kernels index memory with them) and finiteness. */
export function checkMatrix(X: unknown, name = 'X'): Matrix {
  const m = X as Matrix;
  if (typeof m !== 'object' || m === null) throw errType(name, X, "{ kind: 'dense' | 'csr', rows, cols, ... }");
  const rows = dim(`${name}.rows`, m.rows), cols = dim(`${name}.cols`, m.cols);
  if (rows < 1) throw errRange(`${name}.rows`, rows, '>= 1');
  if (cols < 1) throw errRange(`${name}.cols`, cols, '>= 1');
  if (!isFloatArray(m.data)) throw errType(`${name}.data`, m.data, 'a Float32Array or Float64Array');
  if (m.kind === 'dense') {
    if (m.data.length !== rows * cols) throw errLength(`${name}.data`, m.data.length, `rows·cols = ${rows * cols}`);
  } else if (m.kind === 'csr') {
    if (!(m.indptr instanceof Int32Array)) throw errType(`${name}.indptr`, m.indptr, 'an Int32Array');
    if (!(m.indices instanceof Int32Array)) throw errType(`${name}.indices`, m.indices, 'an Int32Array');
    if (m.indptr.length !== rows + 1) throw errLength(`${name}.indptr`, m.indptr.length, `rows + 1 = ${rows + 1}`);
    const nnz = m.data.length;
    if (m.indices.length !== nnz) throw errLength(`${name}.indices`, m.indices.length, `data.length = ${nnz}`);
    if (m.indptr[0] !== 0) throw errRange(`${name}.indptr[0]`, m.indptr[0], '0');
    if (m.indptr[rows] !== nnz) throw errRange(`${name}.indptr[${rows}]`, m.indptr[rows], `data.length = ${nnz}`);
    for (let i = 0; i < rows; i++)
      if (m.indptr[i + 1]! < m.indptr[i]!) throw errRange(`${name}.indptr[${i + 1}]`, m.indptr[i + 1], `>= indptr[${i}] = ${m.indptr[i]}`);
    for (let k = 0; k < nnz; k++) {
      const j = m.indices[k]!;
      if (j < 0 || j >= cols) throw errRange(`${name}.indices[${k}]`, j, `in [0, ${cols})`);
    }
  } else throw errType(`${name}.kind`, (m as { kind?: unknown }).kind, "'dense' or 'csr'");
  finiteAll(`${name}.data`, m.data);
  return m;
}

/** Default relative tolerance: the objective ends within 1e-6 (relative) of the optimum (duality gap). */
export const DEFAULT_TOL = 1e-6;

export interface Checked {
  X: Matrix;
  y: Float64Array;
  loss: Loss;
  fitIntercept: boolean;
  standardize: boolean;
  solver: 'auto' | 'fista' | 'cd';
  tol: number;
  maxIter: number;
  warmStart: { coef: Float64Array; intercept: number } | undefined;
}

/** Checks everything in FitOptions except the penalty. */
export function checkCommon(opts: Omit<FitOptions, 'penalty'>): Checked {
  if (typeof opts !== 'object' || opts === null) throw errType('options', opts, 'an object');
  const X = checkMatrix(opts.X);
  const yIn = opts.y;
  if (yIn === null || typeof yIn !== 'object' || typeof yIn.length !== 'number') throw errType('y', yIn, 'an array of numbers');
  if (yIn.length !== X.rows) throw errLength('y', yIn.length, `X.rows = ${X.rows}`);
  const y = Float64Array.from(yIn);
  finiteAll('y', y);
  const loss = opts.loss ?? 'squared';
  if (loss !== 'squared' && loss !== 'logistic') throw errType('loss', loss, "'squared' or 'logistic'");
  if (loss === 'logistic') {
    let ones = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw errRange(`y[${i}]`, y[i], '0 or 1 for logistic loss');
      ones += y[i]!;
    }
    // One class only: the intercept runs off to ±∞ and no λ grid exists (glmnet refuses too).
    if (ones === 0 || ones === y.length) throw errRange('y', `all ${ones === 0 ? 0 : 1}`, 'both classes 0 and 1 for logistic loss');
  }
  const bool = (name: string, v: unknown, def: boolean): boolean => {
    if (v === undefined) return def;
    if (typeof v !== 'boolean') throw errType(name, v, 'true or false');
    return v;
  };
  const solver = opts.solver ?? 'auto';
  if (solver !== 'auto' && solver !== 'fista' && solver !== 'cd') throw errType('solver', solver, "'auto', 'fista' or 'cd'");
  const tol = opts.tol ?? DEFAULT_TOL;
  if (typeof tol !== 'number' || !(tol > 0) || !Number.isFinite(tol)) throw errRange('tol', tol, 'a finite number > 0');
  const maxIter = opts.maxIter ?? 20000;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw errRange('maxIter', maxIter, 'an integer >= 1');
  let warmStart = opts.warmStart;
  if (warmStart !== undefined) {
    if (!(warmStart.coef instanceof Float64Array) || warmStart.coef.length !== X.cols)
      throw errLength('warmStart.coef', (warmStart.coef as { length?: number })?.length ?? 0, `a Float64Array of X.cols = ${X.cols}`);
    finiteAll('warmStart.coef', warmStart.coef);
    if (!Number.isFinite(warmStart.intercept)) throw errNotFinite('warmStart.intercept', warmStart.intercept);
    warmStart = { coef: warmStart.coef, intercept: warmStart.intercept };
  }
  return {
    X, y, loss, solver, tol, maxIter, warmStart,
    fitIntercept: bool('fitIntercept', opts.fitIntercept, true),
    standardize: bool('standardize', opts.standardize, false),
  };
}

/** The penalty, checked against the problem (group sizes must divide cols; CD needs a separable penalty). */
export function checkPenalty(reg: unknown, c: Checked): Regularizer {
  const r = checkRegularizer(reg);
  const mod = moduleOf(r);
  const size = mod.groupSize(r);
  if (c.X.cols % size !== 0) throw errLength('X.cols', c.X.cols, `a multiple of groupSize = ${size}`);
  if (c.solver === 'cd' && mod.cd(r).kind !== 'separable')
    throw errRange('solver', 'cd', `a separable penalty (l1, l2 or elasticNet; ${mod.signature} needs 'fista' or 'auto')`);
  return r;
}

/**
 * The solver's target for squared loss: ȳ subtracted (with an intercept) and divided by y's
 * population sd (standardize, as glmnet does); logistic loss keeps y (mean 0, scale 1).
 */
export function targetScaling(c: Pick<Checked, 'y' | 'loss' | 'fitIntercept' | 'standardize'>): { mean: number; scale: number } {
  let mean = 0, scale = 1;
  if (c.loss === 'squared') {
    if (c.fitIntercept) mean = c.y.reduce((a, b) => a + b, 0) / c.y.length;
    if (c.standardize) {
      let s = 0;
      for (const v of c.y) s += (v - mean) * (v - mean);
      scale = Math.sqrt(s / c.y.length) || 1;
    }
  }
  return { mean, scale };
}
