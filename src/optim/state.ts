// stateDict / loadStateDict: the optimizer's state as a JSON-safe value. Buffers are base64 of their
// little-endian bytes (exact, and 4/3 the binary size); everything else is plain JSON. Layout follows
// PyTorch's state_dict(): parameter groups list tensor indices (in paramGroups order), and `state`
// holds one entry per tensor index (null before its first step).
import { bytesOf, dtypeOf, type DType, type FloatArray } from '../dtype.js';
import { errDtype, errLength, errRange, errType } from '../errors.js';
import type { Rule, TensorState } from './rules.js';

export const STATE_FORMAT = 'shrinkage.optim/1';

/** Serialised optimizer state (JSON.stringify-safe). */
export interface OptimizerStateDict {
  format: typeof STATE_FORMAT;
  optimizer: 'SGD' | 'Adam' | 'AdamW';
  /** How `buffers` are encoded: base64 of the little-endian bytes of the typed array. */
  encoding: 'base64-le';
  /** Options per group, with `params` = indices of the group's tensors in the flat tensor order. */
  paramGroups: (Record<string, number | boolean | string | number[]> & { params: number[] })[];
  /** Per tensor: step count, dtype, length and named buffers; null before the tensor's first step. */
  state: ({ step: number; dtype: DType; n: number; buffers: Record<string, string> } | null)[];
}

/** What save/load need from an optimizer. */
export interface StateAccess<O> {
  rule: Rule<O>;
  groups: (O & { params: { param: FloatArray }[] })[];
  get(p: FloatArray): TensorState | undefined;
  set(p: FloatArray, s: TensorState): void;
  alloc(n: number, dtype: DType): FloatArray;
  free(a: FloatArray): void;
}

/** Canonical base64 (what Buffer writes): nothing else decodes, so trailing garbage is an error. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decode(where: string, b64: unknown, bytes: number): Uint8Array {
  const want = `canonical base64 of ${bytes} bytes`;
  if (typeof b64 !== 'string') throw errType(where, b64, want);
  if (!BASE64.test(b64)) throw errType(where, b64.length > 24 ? `${b64.slice(0, 24)}…` : b64, want);
  const buf = Buffer.from(b64, 'base64');
  if (buf.toString('base64') !== b64) throw errType(where, `${b64.slice(0, 24)}…`, want); // non-zero padding bits
  if (buf.length !== bytes) throw errLength(`${where} (bytes)`, buf.length, String(bytes));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

function encode(a: FloatArray): string {
  const bytes = new Uint8Array(a.byteLength);
  bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return Buffer.from(bytes.buffer).toString('base64');
}

export function saveState<O>(acc: StateAccess<O>): OptimizerStateDict {
  let index = 0;
  const state: OptimizerStateDict['state'] = [];
  const paramGroups = acc.groups.map((g) => {
    const opts: Record<string, number | boolean | string | number[]> = {};
    for (const k of acc.rule.optionNames) {
      const v = g[k] as unknown;
      opts[k] = Array.isArray(v) ? [...(v as number[])] : (v as number | boolean | string);
    }
    const params = g.params.map((r) => {
      const s = acc.get(r.param);
      state.push(s ? {
        step: s.step, dtype: dtypeOf(r.param), n: r.param.length,
        buffers: Object.fromEntries(Object.entries(s.buffers).map(([k, b]) => [k, encode(b)])),
      } : null);
      return index++;
    });
    return { ...opts, params };
  });
  return { format: STATE_FORMAT, optimizer: acc.rule.kind, encoding: 'base64-le', paramGroups, state };
}

/**
 * Checks `sd` completely against the optimizer (kind, groups, tensor counts, lengths, dtypes,
 * options), then replaces options and state. Nothing changes when a check fails.
 */
export function loadState<O>(acc: StateAccess<O>, sd: unknown): void {
  const d = sd as OptimizerStateDict;
  if (typeof sd !== 'object' || sd === null || d.format !== STATE_FORMAT)
    throw errType('stateDict', sd, `an object from stateDict() with format '${STATE_FORMAT}'`);
  if (d.optimizer !== acc.rule.kind) throw errType('stateDict.optimizer', d.optimizer, `'${acc.rule.kind}'`);
  if (d.encoding !== 'base64-le') throw errType('stateDict.encoding', d.encoding, "'base64-le'");
  if (!Array.isArray(d.paramGroups) || d.paramGroups.length !== acc.groups.length)
    throw errLength('stateDict.paramGroups', Array.isArray(d.paramGroups) ? d.paramGroups.length : 0, String(acc.groups.length));
  const refs = acc.groups.flatMap((g) => g.params);
  if (!Array.isArray(d.state) || d.state.length !== refs.length)
    throw errLength('stateDict.state', Array.isArray(d.state) ? d.state.length : 0, String(refs.length));
  let first = 0;
  const newOpts = d.paramGroups.map((g, gi) => {
    if (!Array.isArray(g?.params) || g.params.length !== acc.groups[gi]!.params.length)
      throw errLength(`stateDict.paramGroups[${gi}].params`, Array.isArray(g?.params) ? g.params.length : 0, String(acc.groups[gi]!.params.length));
    // stateDict() numbers the tensors in paramGroups order: anything else is not its output.
    g.params.forEach((index, k) => {
      if (index !== first + k) throw errRange(`stateDict.paramGroups[${gi}].params[${k}]`, index, `${first + k} (tensors are numbered in paramGroups order)`);
    });
    first += g.params.length;
    const o = { ...acc.groups[gi]! } as O & { params: unknown };
    for (const k of acc.rule.optionNames) {
      const v = (g as Record<string, unknown>)[k];
      (o as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
    }
    acc.rule.check(o, `stateDict.paramGroups[${gi}].`);
    return o;
  });
  const decoded = d.state.map((s, i) => {
    if (s === null) return null;
    const p = refs[i]!.param, dt = dtypeOf(p), where = `stateDict.state[${i}]`;
    if (typeof s !== 'object' || typeof s.buffers !== 'object' || s.buffers === null) throw errType(where, s, '{ step, dtype, n, buffers }');
    if (!Number.isSafeInteger(s.step) || s.step < 0) throw errType(`${where}.step`, s.step, 'an integer >= 0');
    if (s.dtype !== dt) throw errDtype(where, String(s.dtype), dt);
    if (s.n !== p.length) throw errLength(where, s.n, String(p.length));
    const { all, required } = acc.rule.stateBuffers;
    for (const k of Object.keys(s.buffers))
      if (!all.includes(k)) throw errType(`${where}.buffers.${k}`, k, `one of ${all.join(', ')} (${acc.rule.kind} keeps no other state)`);
    if (s.step > 0)
      for (const k of required)
        if (!(k in s.buffers)) throw errType(`${where}.buffers.${k}`, undefined, `a base64 buffer (${acc.rule.kind} has one from the first step on)`);
    const bufs: Record<string, Uint8Array> = {};
    for (const [k, b64] of Object.entries(s.buffers)) bufs[k] = decode(`${where}.buffers.${k}`, b64, p.length * bytesOf(dt));
    return { step: s.step, bufs };
  });
  // Every check passed. Allocate every new buffer before replacing anything, so that running out of
  // engine memory (E_MEMORY) leaves the optimizer as it was.
  const made: FloatArray[] = [];
  let states: TensorState[];
  try {
    states = decoded.map((s, i) => {
      const p = refs[i]!.param;
      const buffers: Record<string, FloatArray> = {};
      if (s) for (const [k, bytes] of Object.entries(s.bufs)) {
        const a = acc.alloc(p.length, dtypeOf(p));
        made.push(a);
        new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(bytes);
        buffers[k] = a;
      }
      return { step: s ? s.step : 0, buffers };
    });
  } catch (e) {
    for (const a of made) acc.free(a);
    throw e;
  }
  newOpts.forEach((o, gi) => {
    const g = acc.groups[gi]! as Record<string, unknown>;
    for (const k of acc.rule.optionNames) g[k] = (o as Record<string, unknown>)[k];
  });
  states.forEach((s, i) => acc.set(refs[i]!.param, s));
}
