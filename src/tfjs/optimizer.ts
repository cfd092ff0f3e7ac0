// The tf.Optimizer that runs shrinkage's fused kernels: for each variable in a step, its values and
// gradient are copied once into engine arrays, the core optimizer (src/optim) steps them, a group
// lasso (if its group has one) shrinks them, and the result is copied back once with
// variable.assign. Same gradients, same result as the core optimizer: it IS the core optimizer.
import * as tf from '@tensorflow/tfjs-core';
import type { Engine } from '../engine/engine.js';
import { errDtype, errLength, errRange, errType } from '../errors.js';
import type { Rule } from '../optim/rules.js';
import { STATE_FORMAT } from '../optim/state.js';
import { createInlineEngine } from './engine.js';
import { configOf, resolveOptions, type ResolvedGroup } from './options.js';
import { copyIn, copyOut, freeSlot, makeSlot, type CoreCtor, type Slot } from './slot.js';

/** tfjs's { name, tensor } pair (tensor_types' NamedTensor, which tfjs-core does not export). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function encode(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
function decode(b64: string, n: number): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Float32Array(n);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** The machinery of shrinkage/tfjs's SGD, Adam and AdamW (see docs/tfjs.md). */
export abstract class ShrinkageOptimizer<O extends object> extends tf.Optimizer {
  private engineRef: Engine | undefined;
  private readonly ownsEngine: boolean;
  private readonly top: ResolvedGroup<O>;
  private readonly groups: ResolvedGroup<O>[];
  /** Per variable name, in the order the variables were first stepped. */
  private readonly slots = new Map<string, Slot<O>>();

  protected constructor(
    private readonly rule: Rule<O>,
    private readonly Core: CoreCtor<O>,
    options: unknown,
  ) {
    super();
    const r = resolveOptions(rule, options);
    this.engineRef = r.engine;
    this.ownsEngine = r.engine === undefined;
    this.top = r.top;
    this.groups = r.groups;
  }

  /** The engine that holds the state (made on first use when none was given). */
  get engine(): Engine {
    this.engineRef ??= createInlineEngine();
    return this.engineRef;
  }

  /** Variables this optimizer has state for, by name. */
  get variableNames(): string[] {
    return [...this.slots.keys()];
  }

  /**
   * Sets the learning rate of the top-level options and of every group that does not set its own
   * (schedules call it between steps, as they set tfjs optimizers' learningRate).
   */
  setLearningRate(lr: number): void {
    const o = { ...this.top.options, lr } as O;
    this.rule.check(o, 'setLearningRate: ');
    (this.top.options as { lr: number }).lr = lr;
    for (const g of this.groups) if (!('lr' in g.own)) (g.options as { lr: number }).lr = lr;
  }

  /** One step for every variable that has a gradient; tfjs calls it from minimize() and model.fit(). */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs = Array.isArray(variableGradients)
      ? variableGradients.map((x) => ({ name: x?.name, grad: x?.tensor }))
      : Object.entries(variableGradients ?? {}).map(([name, grad]) => ({ name, grad }));
    const vars = tf.engine().registeredVariables;
    const work: { v: tf.Variable; grad: tf.Tensor; slot?: Slot<O> }[] = [];
    const seen = new Set<string>();
    // Every check before anything is allocated or written.
    pairs.forEach(({ name, grad }, i) => {
      if (grad == null) return; // tfjs optimizers skip variables without a gradient
      const where = `variableGradients[${Array.isArray(variableGradients) ? i : JSON.stringify(name)}]`;
      const v = typeof name === 'string' ? vars[name] : undefined;
      if (!v) throw errType(`${where}.name`, name, 'the name of a registered tf.Variable');
      if (seen.has(v.name)) throw errRange(`${where}.name`, name, 'each variable once per step');
      seen.add(v.name);
      if (v.dtype !== 'float32') throw errDtype(`variable ${v.name}`, v.dtype, 'float32');
      if (!(grad instanceof tf.Tensor)) throw errType(`${where}.tensor`, grad, 'a tf.Tensor');
      if (grad.dtype !== 'float32') throw errDtype(`gradient of ${v.name}`, grad.dtype, 'float32');
      if (!sameShape(grad.shape, v.shape)) throw errLength(`gradient of ${v.name} (shape [${grad.shape.join(', ')}])`, grad.size, `${v.size} (shape [${v.shape.join(', ')}])`);
      const old = this.slots.get(v.name);
      if (old && !sameShape(old.shape, v.shape))
        throw errLength(`variable ${v.name} (shape [${v.shape.join(', ')}])`, v.size, `${old.n} (shape [${old.shape.join(', ')}]) as when this optimizer first stepped it`);
      work.push({ v, grad });
    });
    for (const w of work) w.slot = this.slotFor(w.v.name, w.v.shape);
    for (const { v, grad, slot } of work) this.stepOne(slot!, v, grad);
    this.incrementIterations();
  }

  private stepOne(s: Slot<O>, v: tf.Variable, grad: tf.Tensor): void {
    copyIn(s, s.param, v.dataSync() as Float32Array);
    copyIn(s, s.grad, grad.dataSync() as Float32Array);
    const g = s.core.paramGroups[0]!;
    Object.assign(g, s.group.options); // setLearningRate() reaches the next step
    s.core.stepSync();
    if (s.lasso) this.engine.proxSync(s.param, s.lasso, (s.group.options as { lr: number }).lr);
    const out = copyOut(s, s.param);
    tf.tidy(() => {
      v.assign(tf.tensor(out, v.shape, 'float32'));
    });
  }

  private groupOf(name: string): ResolvedGroup<O> {
    return this.groups.find((g) => g.matches(name)) ?? this.top;
  }

  private slotFor(name: string, shape: readonly number[]): Slot<O> {
    let s = this.slots.get(name);
    if (!s) {
      s = makeSlot(this.engine, this.Core, this.groupOf(name), name, shape);
      this.slots.set(name, s);
    }
    return s;
  }

  /** The options and groups as a tfjs ConfigDict (the engine is not part of it). */
  override getConfig(): tf.serialization.ConfigDict {
    return configOf(this.top, this.groups) as unknown as tf.serialization.ConfigDict;
  }

  /**
   * tfjs's weight list: `iter`, then per variable with state `<name>/step` (int32 scalar) and one
   * tensor per state buffer, `<name>/<buffer>` (exp_avg, exp_avg_sq, max_exp_avg_sq,
   * momentum_buffer: PyTorch's names), in the variable's shape.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const s of this.slots.values()) {
      const st = s.core.stateDict().state[0];
      if (!st) continue;
      out.push({ name: `${s.name}/step`, tensor: tf.scalar(st.step, 'int32') });
      for (const [k, b64] of Object.entries(st.buffers)) {
        const layout = decode(b64, s.n);
        out.push({ name: `${s.name}/${k}`, tensor: tf.tensor(s.transposed ? copyOut(s, layout) : layout, [...s.shape], 'float32') });
      }
    }
    return out;
  }

  /** Restores what getWeights() returned; every variable named must be a registered tf.Variable. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    if (!Array.isArray(weightValues) || weightValues.length === 0) throw errType('weightValues', weightValues, 'the array getWeights() returned');
    const entries = new Map<string, { step?: number; buffers: Record<string, Float32Array> }>();
    const { all } = this.rule.stateBuffers;
    for (const [i, w] of weightValues.slice(1).entries()) {
      const where = `weightValues[${i + 1}]`;
      const name = w?.name, cut = typeof name === 'string' ? name.lastIndexOf('/') : -1;
      if (cut <= 0) throw errType(`${where}.name`, name, "'<variable name>/<step or buffer name>'");
      const key = name.slice(cut + 1), e = entries.get(name.slice(0, cut)) ?? { buffers: {} };
      entries.set(name.slice(0, cut), e);
      if (!(w.tensor instanceof tf.Tensor)) throw errType(`${where}.tensor`, w.tensor, 'a tf.Tensor');
      if (key === 'step') e.step = (await w.tensor.data())[0];
      else if (all.includes(key)) {
        if (w.tensor.dtype !== 'float32') throw errDtype(where, w.tensor.dtype, 'float32');
        e.buffers[key] = (await w.tensor.data()) as Float32Array;
      } else throw errType(`${where}.name`, name, `'<variable>/step' or '<variable>/<${all.join(' | ')}>' (${this.rule.kind} keeps no other state)`);
    }
    const vars = tf.engine().registeredVariables;
    // Every check first (names, shapes, steps), then the loads.
    const plans = [...entries].map(([vname, e]) => {
      const v = vars[vname];
      if (!v) throw errType('weightValues', vname, 'state of a registered tf.Variable (create the model before loading its optimizer)');
      if (e.step === undefined || !Number.isSafeInteger(e.step) || e.step < 0) throw errType(`weightValues ${vname}/step`, e.step, 'an integer step count >= 0');
      for (const [k, a] of Object.entries(e.buffers)) if (a.length !== v.size) throw errLength(`weightValues ${vname}/${k}`, a.length, String(v.size));
      return { v, e };
    });
    await this.extractIterations(weightValues);
    for (const { v, e } of plans) {
      const s = this.slotFor(v.name, v.shape);
      const sd = s.core.stateDict();
      const buffers = Object.fromEntries(Object.entries(e.buffers).map(([k, a]) => {
        const layout = new Float32Array(s.n);
        copyIn(s, layout, a);
        return [k, encode(layout)];
      }));
      s.core.loadStateDict({ ...sd, format: STATE_FORMAT, state: [{ step: e.step!, dtype: 'float32', n: s.n, buffers }] });
    }
  }

  /** Frees the state (and closes the engine this optimizer made); the next step starts from zero state. */
  override dispose(): void {
    super.dispose();
    const engine = this.engineRef;
    if (!engine) return;
    for (const s of this.slots.values()) freeSlot(engine, s);
    this.slots.clear();
    if (this.ownsEngine) {
      this.engineRef = undefined;
      void engine.close();
    }
  }
}
