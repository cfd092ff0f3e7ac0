// The slice of the models API (src/models, issue 5 parts 2–4) that the CLI and the demo call.
// Loaded lazily so that `shrinkage info`, `bench` and `--help` start without the solvers, and so
// that a missing module is reported as one clear line instead of a crash at import time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine/engine.js';
import type { Regularizer } from '../engine/regularizers.js';

/** Row-major dense matrix. */
export interface DenseMatrix { kind: 'dense'; rows: number; cols: number; data: Float64Array | Float32Array }
/** Compressed sparse rows: row i holds indices[indptr[i] .. indptr[i+1]). */
export interface CsrMatrix {
  kind: 'csr'; rows: number; cols: number; indptr: Int32Array; indices: Int32Array; data: Float64Array | Float32Array;
}
export type Matrix = DenseMatrix | CsrMatrix;
export type Loss = 'squared' | 'logistic';
export type PathPenalty = 'l1' | 'l2' | 'elasticNet';

export interface FitResult {
  coef: Float64Array; intercept: number; nnz: number; objective: number; gap: number | null;
  iterations: number; converged: boolean; solver: string;
}
export interface FitOptions {
  X: Matrix; y: Float64Array | Float32Array; loss?: Loss; penalty: Regularizer; fitIntercept?: boolean;
  standardize?: boolean; solver?: string; tol?: number; maxIter?: number; warmStart?: FitResult;
}
export interface PathOptions {
  X: Matrix; y: Float64Array | Float32Array; loss: Loss; penalty: PathPenalty; l1Ratio?: number; nLambda?: number;
  lambdaMinRatio?: number; lambdas?: number[]; standardize?: boolean; fitIntercept?: boolean; tol?: number;
  maxIter?: number; onProgress?: (...args: unknown[]) => void;
}
export interface PathResult { lambdas: number[]; fits: FitResult[] }
export interface CvOptions extends PathOptions { folds?: number; seed?: number; metric?: 'mse' | 'deviance' | 'accuracy' }
export interface CvResult {
  lambdas: number[]; meanError: number[]; seError: number[]; lambdaMin: number; lambda1se: number; bestFit: FitResult;
}

export interface ModelsApi {
  fitLinear(engine: Engine, opts: FitOptions): Promise<FitResult>;
  fitPath(engine: Engine, opts: PathOptions): Promise<PathResult>;
  crossValidate(engine: Engine, opts: CvOptions): Promise<CvResult>;
}

let cached: ModelsApi | undefined;

/** Imports src/models (compiled: dist/src/models) once; throws a clear Error if it is missing. */
export async function loadModels(): Promise<ModelsApi> {
  if (cached) return cached;
  // Compiled: dist/src/models/index.js. From source (vitest, tsx): src/models/index.ts.
  const js = new URL('../models/index.js', import.meta.url);
  const spec = existsSync(fileURLToPath(js)) ? js.href : new URL('../models/index.ts', import.meta.url).href;
  let mod: Partial<ModelsApi>;
  try {
    mod = (await import(spec)) as Partial<ModelsApi>;
  } catch (e) {
    throw new Error(`the model solvers (src/models) could not be loaded: ${(e as Error).message}`, { cause: e });
  }
  if (typeof mod.fitLinear !== 'function' || typeof mod.fitPath !== 'function' || typeof mod.crossValidate !== 'function')
    throw new Error('src/models does not export fitLinear, fitPath and crossValidate');
  cached = mod as ModelsApi;
  return cached;
}
