// loadStateDict refuses state that stateDict() did not write: malformed base64 (trailing garbage, a
// bad prefix, non-canonical padding), unknown or missing buffers, tensor indices out of place, a
// wrong encoding. Each refusal is coded, names the field, and leaves the optimizer as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, createEngine, SGD, ShrinkageError, type Engine, type OptimizerStateDict } from '../src/index.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ backend: 'wasm', threads: 1 });
});
afterAll(async () => {
  await engine.close();
});

const tensor = (n: number) => ({ param: engine.from(Array.from({ length: n }, (_, i) => i / 7 - 1)), grad: engine.from(new Float32Array(n).fill(0.25)) });

function adamWithState() {
  const opt = new Adam(engine, [{ params: [tensor(5)] }, { params: [tensor(3), tensor(4)] }], { lr: 0.01 });
  opt.stepSync();
  return { opt, sd: JSON.parse(JSON.stringify(opt.stateDict())) as OptimizerStateDict };
}

function refusal(opt: { loadStateDict(s: OptimizerStateDict): void; stateDict(): OptimizerStateDict }, sd: OptimizerStateDict): ShrinkageError {
  const before = JSON.stringify(opt.stateDict());
  try {
    opt.loadStateDict(sd);
  } catch (e) {
    expect(e).toBeInstanceOf(ShrinkageError);
    expect(JSON.stringify(opt.stateDict())).toBe(before);
    return e as ShrinkageError;
  }
  throw new Error('loadStateDict accepted tampered state');
}

type Tamper = [string, (sd: OptimizerStateDict) => void, string, string];
const buf = (sd: OptimizerStateDict, i: number) => sd.state[i]!.buffers;

const TAMPERED: Tamper[] = [
  ['trailing garbage after the padding', (sd) => { buf(sd, 0)['exp_avg'] += 'AAAA'; }, 'E_TYPE', 'state[0].buffers.exp_avg'],
  ['trailing whole base64 quads', (sd) => { buf(sd, 1)['exp_avg'] += 'AAAA'; }, 'E_LENGTH', 'state[1].buffers.exp_avg (bytes)'],
  ['characters outside base64', (sd) => { buf(sd, 0)['exp_avg'] = '!!' + buf(sd, 0)['exp_avg']!.slice(2); }, 'E_TYPE', 'state[0].buffers.exp_avg'],
  ['a base64 prefix of another length', (sd) => { buf(sd, 1)['exp_avg_sq'] = 'AAAA' + buf(sd, 1)['exp_avg_sq']!.slice(4) + '='; }, 'E_TYPE', 'state[1].buffers.exp_avg_sq'],
  ['non-canonical padding bits', (sd) => { const s = buf(sd, 1)['exp_avg']!; buf(sd, 1)['exp_avg'] = s.slice(0, -2) + 'B='; }, 'E_TYPE', 'state[1].buffers.exp_avg'],
  ['an unknown buffer key', (sd) => { buf(sd, 2)['momentum'] = buf(sd, 2)['exp_avg']!; }, 'E_TYPE', 'state[2].buffers.momentum'],
  ['a missing exp_avg_sq', (sd) => { delete buf(sd, 2)['exp_avg_sq']; }, 'E_TYPE', 'state[2].buffers.exp_avg_sq'],
  ['out-of-range params indices', (sd) => { sd.paramGroups[1]!.params = [1, 7]; }, 'E_RANGE', 'paramGroups[1].params[1] = 7'],
  ['swapped params indices', (sd) => { sd.paramGroups[1]!.params = [2, 1]; }, 'E_RANGE', 'paramGroups[1].params[0] = 2'],
  ['another encoding', (sd) => { (sd as { encoding: string }).encoding = 'hex'; }, 'E_TYPE', 'stateDict.encoding'],
  ['a fractional step', (sd) => { sd.state[0]!.step = 1.5; }, 'E_TYPE', 'state[0].step'],
];

describe('loadStateDict refuses tampered state with a coded error and changes nothing', () => {
  it.each(TAMPERED)('%s', (_what, tamper, code, names) => {
    const { opt, sd } = adamWithState();
    tamper(sd);
    const e = refusal(opt, sd);
    expect(e.code).toBe(code);
    expect(e.message).toContain(names);
    opt.dispose();
  });

  it('the untampered state loads, and SGD state without a momentum buffer (momentum switched on later) stays valid', () => {
    const { opt, sd } = adamWithState();
    opt.loadStateDict(sd);
    expect(opt.stateDict()).toEqual(sd);
    opt.dispose();
    const sgd = new SGD(engine, [tensor(4)], { lr: 0.1 });
    sgd.stepSync();
    const s = sgd.stateDict();
    expect(s.state[0]!.buffers).toEqual({});
    sgd.paramGroups[0]!.momentum = 0.9;
    sgd.loadStateDict({ ...s, paramGroups: [{ ...s.paramGroups[0]!, momentum: 0.9 }] });
    sgd.stepSync();
    expect(Object.keys(sgd.stateDict().state[0]!.buffers)).toEqual(['momentum_buffer']);
    sgd.dispose();
  });
});
