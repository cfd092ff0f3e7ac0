// The models API (src/models) as the CLI and the demo use it. Loaded lazily so that `shrinkage
// info`, `bench` and `--help` start without the solvers.
import type { Engine } from '../engine/engine.js';
import type {
  CvOptions, CvResult, FitOptions, FitResult, PathOptions, PathResult,
} from '../models/index.js';

export type {
  CsrMatrix, CvOptions, CvResult, DenseMatrix, FitOptions, FitResult, Loss, Matrix, PathOptions, PathPenalty, PathResult,
} from '../models/index.js';

export interface ModelsApi {
  fitLinear(engine: Engine, opts: FitOptions): Promise<FitResult>;
  fitPath(engine: Engine, opts: PathOptions): Promise<PathResult>;
  crossValidate(engine: Engine, opts: CvOptions): Promise<CvResult>;
}

/** Imports src/models once. */
export async function loadModels(): Promise<ModelsApi> {
  const { fitLinear, fitPath, crossValidate } = await import('../models/index.js');
  return { fitLinear, fitPath, crossValidate };
}
