// Regularizer descriptors (docs/design.md §1), their modules and converters from other libraries'
// conventions. Each kind lives in its own module under regularizers/; table.ts maps kind → module.
export { nonNegative, positiveInt } from './regularizers/checks.js';
export { l1, type L1 } from './regularizers/l1.js';
export { l2, type L2 } from './regularizers/l2.js';
export { elasticNet, type ElasticNet } from './regularizers/elastic-net.js';
export { groupLasso, type GroupLasso } from './regularizers/group-lasso.js';
export { fromSklearn, fromGlmnet } from './regularizers/convert.js';
export { REGULARIZERS, checkRegularizer, moduleOf, type Regularizer } from './regularizers/table.js';
export type { CdView, RegularizerModule } from './regularizers/module.js';
