// The optimizer machinery shared by SGD, Adam and AdamW: PyTorch-style parameter groups, per-tensor
// state in engine memory, and a step that is ONE batch of fused kernel calls (one per tensor, all
// groups together) so the pool can shard the whole step in one dispatch.
import { dtypeOf, roundTo, type DType, type FloatArray } from '../dtype.js';
import type { Arg, Engine } from '../engine/engine.js';
import type { PlanContext } from '../engine/plan-context.js';
import type { Bound } from '../engine/tensor.js';
import { errRange, errState, errType, ShrinkageError } from '../errors.js';
import { kernel as kernelDef, type KernelName } from '../kernels/registry.js';
import { BLOCK } from '../kernels/layout.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import type { Rule, TensorState } from './rules.js';
import { loadState, saveState, type OptimizerStateDict, type StateAccess } from './state.js';

/**
 * One trainable tensor: the parameter θ and its gradient g (same length and dtype). `name` and
 * `shape` are optional metadata (used by decayGroups() and in error messages); θ is always flat.
 */
export interface ParamRef {
  param: FloatArray;
  grad: FloatArray;
  name?: string;
  shape?: readonly number[];
}

/** A parameter group as passed in: its tensors and any options that override the defaults. */
export type GroupSpec<O> = Partial<O> & { params: ParamRef[] };

/** A live parameter group (PyTorch's param_groups[i]): edit an option and the next step uses it. */
export type ParamGroup<O> = O & { params: ParamRef[] };

/** What the last completed step produced, counted inside the step's own pass. */
export interface StepStats {
  /** Elements updated. */
  n: number;
  /** Nonzero parameters after the step (NaN counts as nonzero). */
  nnz: number;
  /** Per tensor, in paramGroups order. */
  perTensor: { n: number; nnz: number }[];
}

interface Planned {
  /** θ, g, their length and dtype when step() was called: the step runs on these, whatever the ParamRef holds later. */
  param: FloatArray;
  grad: FloatArray;
  n: number;
  dtype: DType;
  state: TensorState;
  /** The group's fused kernel (rule.kernel of its options). */
  kernel: KernelName;
  scalars: number[];
  /** Kernel pointer roles after θ and g (buffer names, or 'param' for an unused slot). */
  slots: string[];
  /** Buffers this step allocates (zeroed); part of the state once committed. */
  fresh: Record<string, FloatArray>;
  /** State buffers plus fresh ones, by name. */
  buffers: Record<string, FloatArray>;
}

interface Prepared {
  args: Arg[];
  plan: (ctx: PlanContext, b: Bound[]) => Plan<void>;
  commit: () => void;
  rollback: () => void;
  /** Takes a committed step back (the engine refused it before it wrote anything). */
  undo: () => void;
}

/**
 * The machinery SGD, Adam and AdamW share: parameter groups, per-tensor state in engine memory, a
 * step that is one batch of fused kernel calls (one per tensor), state save/restore.
 */
export class Optimizer<O extends object> {
  /** PyTorch's param_groups: per-group options (mutable) and tensors. */
  readonly paramGroups: ParamGroup<O>[] = [];
  private readonly states = new Map<FloatArray, TensorState>();
  private lastStats: StepStats | null = null;
  private inFlight = 0;
  /** Steps issued by step(), to tell whether a refused step was the last one. */
  private issued = 0;
  /** A refused step had later steps planned from its state: steps refuse until loadStateDict(). */
  private broken = false;

  protected constructor(
    readonly engine: Engine,
    private readonly rule: Rule<O>,
    params: GroupSpec<O>[] | ParamRef[],
    private readonly defaults: Partial<O>,
  ) {
    if (!Array.isArray(params) || params.length === 0)
      throw errType('params', params, 'a non-empty array of { param, grad } or of parameter groups { params, ...options }');
    if (typeof defaults !== 'object' || defaults === null) throw errType('options', defaults, 'an object');
    for (const k of Object.keys(defaults))
      if (!(rule.optionNames as string[]).includes(k)) throw errType(`options.${k}`, k, `one of ${rule.optionNames.join(', ')}`);
    const isGroup = (x: unknown) => typeof x === 'object' && x !== null && 'params' in x;
    const specs = (params as unknown[]).every(isGroup) ? (params as GroupSpec<O>[]) : [{ params: params as ParamRef[] } as GroupSpec<O>];
    const groups = specs.map((s, i) => this.resolve(s, i));
    this.checkGroups(groups);
    this.paramGroups.push(...groups);
  }

  /** PyTorch's add_param_group: appends a group (options default to the constructor's). */
  addParamGroup(spec: GroupSpec<O>): void {
    const g = this.resolve(spec, this.paramGroups.length);
    this.checkGroups([...this.paramGroups, g]);
    this.paramGroups.push(g);
  }

  /** One optimizer step over every group and tensor, as one batch (shardable in one dispatch). */
  step(): Promise<void> {
    let prepared: Prepared;
    try {
      prepared = this.prepare();
    } catch (e) {
      return Promise.reject(e);
    }
    // Committed at call time: a second step() issued before this one runs must see its state.
    prepared.commit();
    this.inFlight++;
    const token = ++this.issued;
    let queued: Promise<void>;
    try {
      queued = this.engine.runAsync(prepared.args, prepared.plan);
    } catch (e) {
      this.inFlight--;
      prepared.undo();
      return Promise.reject(e);
    }
    return queued.then(
      () => {
        this.inFlight--;
      },
      (e: unknown) => {
        this.inFlight--;
        // A step refused before it ran wrote nothing: take its state change back, unless later
        // steps were already planned from that state. A worker failure (E_WORKER) may have written
        // part of it. In both of those cases only loadStateDict() can make the state whole.
        if (token === this.issued && (e as { code?: string }).code !== 'E_WORKER') prepared.undo();
        else this.broken = true;
        throw e;
      },
    );
  }

  /** The same step on the calling thread; bitwise equal to step(). */
  stepSync(): void {
    if (this.inFlight > 0) throw errState('stepSync() was called while step() is still running; await it first');
    const { args, plan, commit, rollback } = this.prepare();
    let committed = false;
    try {
      // Commits only once runSync has accepted the call (it refuses while async calls are queued).
      this.engine.runSync(args, (ctx, b) => {
        commit();
        committed = true;
        return plan(ctx, b);
      });
    } finally {
      if (!committed) rollback();
    }
  }

  /** Sets every gradient to zero (PyTorch's zero_grad(set_to_none=False)). */
  zeroGrad(): void {
    this.idle('zeroGrad()');
    const refs = this.refs();
    refs.forEach((r, i) => {
      if (this.engine.inUse(r.grad)) throw errState(`zeroGrad(): grad of tensor ${i} is used by an async call that has not finished; await it first`);
    });
    refs.forEach((r, i) => this.engine.checkArray(r.grad, `grad of tensor ${i}`));
    for (const r of refs) r.grad.fill(0);
  }

  /** Stats of the last completed step (null before the first): nonzeros counted in the step's pass. */
  lastStepStats(): StepStats | null {
    return this.lastStats;
  }

  /** Frees the state buffers in engine memory; the optimizer starts from zero state afterwards. */
  dispose(): void {
    this.idle('dispose()');
    for (const s of this.states.values()) for (const b of Object.values(s.buffers)) this.engine.free(b);
    this.states.clear();
  }

  /** The state as a JSON-safe value (see OptimizerStateDict; buffers are base64 little-endian). */
  stateDict(): OptimizerStateDict {
    this.idle('stateDict()');
    return saveState(this.access());
  }

  /** Restores options and state saved by stateDict(); resumed training equals uninterrupted training bitwise. */
  loadStateDict(sd: OptimizerStateDict): void {
    this.idle('loadStateDict()');
    this.checkGroups(this.paramGroups);
    loadState(this.access(), sd);
    this.broken = false;
  }

  private access(): StateAccess<O> {
    return {
      rule: this.rule,
      groups: this.paramGroups,
      get: (p) => this.states.get(p),
      set: (p, s) => {
        const old = this.states.get(p);
        if (old) for (const b of Object.values(old.buffers)) this.engine.free(b);
        this.states.set(p, s);
      },
      alloc: (n, d) => this.engine.alloc(n, d),
      free: (a) => this.engine.free(a),
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  private refs(): ParamRef[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  private idle(what: string): void {
    if (this.inFlight > 0) throw errState(`${what} was called while step() is still running; await it first`);
  }

  private resolve(spec: GroupSpec<O>, i: number): ParamGroup<O> {
    if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.params))
      throw errType(`paramGroups[${i}]`, spec, 'an object { params: [{ param, grad }, ...], ...options }');
    for (const k of Object.keys(spec))
      if (k !== 'params' && !(this.rule.optionNames as string[]).includes(k))
        throw errType(`paramGroups[${i}].${k}`, k, `one of params, ${this.rule.optionNames.join(', ')}`);
    const g = { ...this.rule.defaults, ...this.defaults, ...spec, params: [...spec.params] } as ParamGroup<O>;
    const withBetas = g as unknown as { betas?: unknown };
    if (Array.isArray(withBetas.betas)) withBetas.betas = [...(withBetas.betas as unknown[])]; // own copy per group
    return g;
  }

  /** Validates every option and tensor; throws before anything is written. */
  private checkGroups(groups: ParamGroup<O>[]): void {
    const seen = new Set<FloatArray>();
    const tensors: Arg[] = [];
    groups.forEach((g, gi) => {
      for (const k of this.rule.optionNames)
        if (g[k] === undefined) throw errType(`paramGroups[${gi}].${k}`, undefined, `a value (${k} has no default)`);
      this.rule.check(g, `paramGroups[${gi}].`);
      g.params.forEach((r, pi) => {
        const where = `paramGroups[${gi}].params[${pi}]`;
        if (typeof r !== 'object' || r === null) throw errType(where, r, 'an object { param, grad }');
        const p = this.engine.checkArray(r.param, `${where}.param`);
        this.engine.checkArray(r.grad, `${where}.grad`, { n: p.length, dtype: dtypeOf(p) });
        if (seen.has(p)) throw errRange(`${where}.param`, r.name ?? 'param', 'each parameter in one group, once');
        seen.add(p);
        const st = this.states.get(p);
        if (st) for (const b of Object.values(st.buffers))
          if (b.length !== p.length) throw errState(`${where}: state buffers have length ${b.length}, param ${p.length}`);
        // θ is written: no other tensor's θ or g may overlap it; a tensor's own g may be θ itself.
        tensors.push(
          { array: r.param, name: `${where}.param`, writes: true, unit: tensors.length },
          { array: r.grad, name: `${where}.grad`, writes: false, unit: tensors.length },
        );
      });
    });
    this.engine.checkArgs(tensors);
  }

  /**
   * Refuses options whose kernel scalars are not finite in the tensor's dtype (f32 kernels convert
   * them once): e.g. lr = 1e39 on float32. The kernels and the JS reference would disagree on the
   * Inf·0 that follows.
   */
  private checkScalars(kernel: KernelName, scalars: number[], dtype: DType, gi: number, tensor: number): void {
    const round = roundTo(dtype);
    const bad = scalars.findIndex((x) => !Number.isFinite(round(x)));
    if (bad < 0) return;
    const name = kernelDef(kernel).scalars[bad] ?? `#${bad}`;
    const g = this.paramGroups[gi] as Record<string, unknown>;
    const opts = this.rule.optionNames.filter((k) => typeof g[k] === 'number').map((k) => `${k} = ${String(g[k])}`).join(', ');
    throw new ShrinkageError('E_RANGE', `paramGroups[${gi}] (${opts}) gives tensor ${tensor} (${dtype}) the step scalar ${name} = ${round(scalars[bad]!)}: ` +
      `expected options whose step scalars are finite in ${dtype}`);
  }

  /**
   * Checks everything, computes each tensor's scalars from its state before the step, allocates
   * missing (zeroed) buffers, and returns the plan with commit (new step counts and buffers become
   * the state) and rollback (frees the new buffers) for the caller to pick.
   */
  private prepare(): Prepared {
    if (this.broken) throw errState('a queued step() was refused after later steps were issued from its state; restore one with loadStateDict()');
    this.checkGroups(this.paramGroups);
    const planned: Planned[] = [];
    const freeFresh = () => {
      for (const t of planned) for (const b of Object.values(t.fresh)) this.engine.free(b);
    };
    try {
      for (const [gi, g] of this.paramGroups.entries())
        for (const ref of g.params) {
          const { param, grad } = ref;
          const n = param.length, dtype = dtypeOf(param);
          const state = this.states.get(param) ?? { step: 0, buffers: {} };
          const scalars = this.rule.scalars(g, state.step + 1, state), kernel = this.rule.kernel(g);
          this.checkScalars(kernel, scalars, dtype, gi, planned.length);
          const fresh: Record<string, FloatArray> = {};
          planned.push({ param, grad, n, dtype, state, kernel, scalars, slots: this.rule.slots(g, state), fresh, buffers: { ...state.buffers } });
          for (const name of this.rule.buffers(g))
            if (!state.buffers[name]) fresh[name] = this.engine.alloc(n, dtype);
          Object.assign(planned[planned.length - 1]!.buffers, fresh);
        }
    } catch (e) {
      freeFresh(); // e.g. E_MEMORY part way: nothing allocated by this call stays behind
      throw e;
    }
    const commit = () => {
      for (const t of planned) {
        Object.assign(t.state.buffers, t.fresh);
        t.state.step += 1;
        this.states.set(t.param, t.state);
      }
    };
    const rollback = freeFresh;
    const undo = () => {
      for (const t of planned) {
        t.state.step -= 1;
        for (const name of Object.keys(t.fresh)) delete t.state.buffers[name];
        if (t.state.step === 0 && Object.keys(t.state.buffers).length === 0) this.states.delete(t.param);
      }
      freeFresh();
    };
    const args: Arg[] = [];
    const index: number[][] = planned.map((t, i) => {
      const base = args.length;
      args.push({ array: t.param, name: `tensor ${i} param`, writes: true, unit: i });
      args.push({ array: t.grad, name: `tensor ${i} grad`, writes: false, unit: i });
      const own = new Map<string, number>([['param', base]]);
      for (const s of t.slots)
        if (!own.has(s)) {
          own.set(s, args.length);
          args.push({ array: t.buffers[s]!, name: `tensor ${i} ${s}`, writes: true, unit: i });
        }
      return [base, base + 1, ...t.slots.map((s) => own.get(s)!)];
    });
    const record = (stats: StepStats) => {
      this.lastStats = stats;
    };
    function* plan(ctx: PlanContext, bound: Bound[]): Plan<void> {
      const blocks = planned.map((t) => Math.ceil(t.n / BLOCK));
      const scratch = ctx.scratch(blocks.reduce((a, b) => a + b, 0));
      const calls: KernelCall[] = [];
      let off = 0;
      planned.forEach((t, i) => {
        const ptrs = index[i]!.map((k) => bound[k]!.ptr);
        if (t.n > 0) calls.push({ kernel: t.kernel, dtype: t.dtype, ptrs, n: t.n, scalars: t.scalars, out: scratch.ptr + off * 8 });
        off += blocks[i]!;
      });
      yield calls;
      const perTensor: { n: number; nnz: number }[] = [];
      off = 0;
      let nnz = 0, n = 0;
      planned.forEach((t, i) => {
        let c = 0;
        for (let k = 0; k < blocks[i]!; k++) c += scratch.view[off + k]!;
        off += blocks[i]!;
        perTensor.push({ n: t.n, nnz: c });
        nnz += c;
        n += t.n;
      });
      record({ n, nnz, perTensor });
    }
    return { args, plan, commit, rollback, undo };
  }
}
