// The regularizer table: kind → module. Adding a regularizer is one module file (plus its kernels
// and their registry lines) and one line here; every verb and solver reads the module.
import { errType } from '../../errors.js';
import { ELASTIC_NET_MODULE, type ElasticNet } from './elastic-net.js';
import { GROUP_LASSO_MODULE, type GroupLasso } from './group-lasso.js';
import { L1_MODULE, type L1 } from './l1.js';
import { L2_MODULE, type L2 } from './l2.js';
import type { RegularizerModule } from './module.js';

/** Any regularizer descriptor; build one with `l1`, `l2`, `elasticNet` or `groupLasso`. */
export type Regularizer = L1 | L2 | ElasticNet | GroupLasso;

type Table = { [K in Regularizer['kind']]: RegularizerModule<Extract<Regularizer, { kind: K }>> };

export const REGULARIZERS: Table = {
  l1: L1_MODULE,
  l2: L2_MODULE,
  elasticNet: ELASTIC_NET_MODULE,
  groupLasso: GROUP_LASSO_MODULE,
};

const KINDS = Object.keys(REGULARIZERS) as Regularizer['kind'][];

/** The module of a (checked) descriptor. */
export function moduleOf<R extends Regularizer>(r: R): RegularizerModule<R> {
  return REGULARIZERS[r.kind] as unknown as RegularizerModule<R>;
}

/** Validates a user-supplied descriptor (it may be a plain object from JSON) and returns a frozen copy. */
export function checkRegularizer(reg: unknown): Regularizer {
  const kind = (reg as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind as Regularizer['kind'])) {
    throw errType('regularizer', reg, KINDS.map((k) => REGULARIZERS[k].signature).join(', ').replace(/, ([^,]*)$/, ' or $1'));
  }
  const r = reg as Regularizer;
  return moduleOf(r).check(r);
}
