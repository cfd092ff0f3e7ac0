// The models layer's public surface.
export { fitLinear } from './fit.js';
export { fitPath, lambdaGrid } from './path.js';
export { crossValidate } from './cv.js';
export { fromSklearnLogistic } from './conventions.js';
export type {
  DenseMatrix, CsrMatrix, Matrix, Loss, FitOptions, FitResult, PathPenalty, PathOptions, PathResult,
  CvMetric, CvOptions, CvResult, StopReason,
} from './types.js';
