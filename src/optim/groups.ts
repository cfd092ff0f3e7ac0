// decayGroups: the decay / no-decay split every training script writes by hand.
import { errType } from '../errors.js';
import type { ParamRef } from './optimizer.js';

/** Options of `decayGroups`: the decay of the decay group and which tensors get none. */
export interface DecayGroupsOptions {
  /** Weight decay of the decay group (the no-decay group gets 0). */
  weightDecay: number;
  /**
   * True for tensors that get NO weight decay. Default: tensors whose `shape` has at most one
   * dimension (biases, LayerNorm/BatchNorm scales and shifts). A tensor without `shape` needs this
   * predicate (flat arrays carry no shape), e.g. `(p) => p.name?.endsWith('.bias') ?? false`.
   */
  noDecay?: (p: ParamRef) => boolean;
}

/**
 * Splits tensors into two parameter groups: `[{ params: decayed, weightDecay }, { params: rest,
 * weightDecay: 0 }]` (both always present, possibly empty, so group indices are stable). Pass the
 * result as the optimizer's `params`. Each ParamRef may carry `name` and `shape` metadata.
 */
export function decayGroups(params: ParamRef[], opts: DecayGroupsOptions): [
  { params: ParamRef[]; weightDecay: number },
  { params: ParamRef[]; weightDecay: number },
] {
  if (!Array.isArray(params)) throw errType('params', params, 'an array of { param, grad, name?, shape? }');
  if (typeof opts !== 'object' || opts === null) throw errType('options', opts, '{ weightDecay, noDecay? }');
  if (opts.noDecay !== undefined && typeof opts.noDecay !== 'function') throw errType('noDecay', opts.noDecay, 'a function (p) => boolean');
  const decay: ParamRef[] = [], noDecay: ParamRef[] = [];
  params.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) throw errType(`params[${i}]`, p, 'an object { param, grad, name?, shape? }');
    let skip: boolean;
    if (opts.noDecay) skip = opts.noDecay(p) === true;
    else {
      if (!Array.isArray(p.shape))
        throw errType(`params[${i}].shape`, p.shape, `an array of dimensions (or pass noDecay) for ${p.name ?? `tensor ${i}`}`);
      skip = p.shape.length <= 1;
    }
    (skip ? noDecay : decay).push(p);
  });
  return [{ params: decay, weightDecay: opts.weightDecay }, { params: noDecay, weightDecay: 0 }];
}
