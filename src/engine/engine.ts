// The Engine: owns the shared memory, the arena and an executor; validates every call before it
// writes anything, keeps async calls in issue order, and runs verbs' plans inline or on the pool.
import { DTYPES, dtypeOf, isFloatArray, type DType, type FloatArray } from '../dtype.js';
import { errClosed, errLength, errRange, errState, errType } from '../errors.js';
import type { Arena } from '../memory/arena.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import type { TaskCall } from './tasks.js';
import type { Backend, Executor } from './executor.js';
import type { PlanContext } from './plan-context.js';
import { checkRegularizer, moduleOf, nonNegative, type Regularizer } from './regularizers.js';
import { checkFitsDtype } from './limits.js';
import { checkOverlaps } from './overlap.js';
import { Bindings, Tensors, type Bound, type Captured } from './tensor.js';
import { addPenaltyGradPlan, penaltyPlan, proxPlan, statsPlan, type Stats } from './verbs.js';
import { projectPlan, prunePlan, checkProjection, checkPrune, type Projection, type PruneOptions, type PruneResult } from './verbs-select.js';

/** An argument of a planned call: the array, its name for errors, and whether the plan writes it. */
export interface Arg {
  /** The array (engine memory or a plain typed array, copied in and out). */
  array: FloatArray;
  /** Its name in error messages. */
  name: string;
  /** Whether the plan writes it (non-engine arrays are then copied back). */
  writes: boolean;
  /**
   * Arguments with the same unit (default 0) are read and written elementwise by one kernel call,
   * so they may be the very same array; any other overlap with a written argument is refused
   * (E_RANGE). An optimizer step gives each tensor its own unit.
   */
  unit?: number;
}

/**
 * Regularization verbs over arrays in one shared WebAssembly.Memory. Every async verb has a *Sync
 * twin that runs on the calling thread; create engines with {@link createEngine}.
 */
export class Engine {
  /** The backend that runs the kernels ('js' when wasm SIMD is missing or was not asked for). */
  readonly backend: Backend;
  /** The shared memory that holds every array from {@link Engine.alloc} and {@link Engine.from}. */
  readonly memory: WebAssembly.Memory;
  private readonly tensors: Tensors;
  private closed = false;
  private pending = 0;
  /** Byte ranges of engine memory that queued async calls use (free() refuses to free them). */
  private readonly queued = new Set<{ start: number; end: number }>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly arena: Arena,
    private readonly executor: Executor,
  ) {
    this.backend = executor.backend;
    this.memory = arena.memory;
    this.tensors = new Tensors(arena);
  }

  /** Threads that work on a sharded call (workers + the calling thread); 1 = inline only. */
  get threads(): number {
    return this.executor.threads;
  }

  /** Bytes of engine memory in live arrays. */
  get bytesInUse(): number {
    return this.arena.bytesInUse;
  }

  // ---- memory ------------------------------------------------------------------------------

  /** A zeroed array of n elements in engine memory (the fast path for every verb). */
  alloc(n: number, dtype: DType = 'float32'): FloatArray {
    this.open();
    if (typeof n !== 'number') throw errType('n', n, 'a number');
    if (!Number.isSafeInteger(n) || n < 0) throw errRange('n', n, 'an integer >= 0');
    if (!DTYPES.includes(dtype)) throw errType('dtype', dtype, "'float32' or 'float64'");
    return this.tensors.alloc(n, dtype);
  }

  /** Copies any ArrayLike<number> into engine memory (dtype: Float64Array → float64, else float32). */
  from(data: ArrayLike<number>, dtype?: DType): FloatArray {
    this.open();
    if (data === null || typeof data !== 'object' || typeof (data as ArrayLike<number>).length !== 'number')
      throw errType('data', data, 'an array or typed array of numbers');
    const dt = dtype ?? (data instanceof Float64Array ? 'float64' : 'float32');
    if (!DTYPES.includes(dt)) throw errType('dtype', dt, "'float32' or 'float64'");
    const n = data.length;
    if (!Number.isSafeInteger(n) || n < 0) throw errRange('data.length', n, 'an integer >= 0');
    const a = this.tensors.alloc(n, dt); // E_MEMORY before a long look at the elements
    if (isFloatArray(data)) {
      a.set(data);
      return a;
    }
    for (let i = 0; i < n; i++) {
      const v = data[i];
      if (typeof v !== 'number') {
        this.tensors.free(a);
        throw errType(`data[${i}]`, v, 'a number');
      }
      a[i] = v;
    }
    return a;
  }

  /**
   * Returns an engine array's memory to the arena; using it afterwards throws E_FREED. Throws
   * E_STATE while a queued async call still uses any part of its memory (through the array or any
   * view of it: await the call first).
   */
  free(a: FloatArray): void {
    this.open();
    if (this.inUse(a)) throw errState('free(): the array (or a view of it) is used by an async call that has not finished; await it first');
    this.tensors.free(a);
  }

  /** True while an async call that uses any byte of `a`'s memory (a view of it too) is queued or running. */
  inUse(a: FloatArray): boolean {
    if (!isFloatArray(a)) return false;
    const start = a.byteOffset, end = start + a.byteLength;
    for (const r of this.queued) if (r.start < end && start < r.end) return true;
    return false;
  }

  /** Waits for queued calls, then ends every worker. Further calls throw E_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail.catch(() => {});
    await this.executor.close();
  }

  // ---- verbs -------------------------------------------------------------------------------

  /** R(w) for a regularizer descriptor. */
  penalty(w: FloatArray, reg: Regularizer): Promise<number> {
    return this.async(() => this.penaltyArgs(w, reg));
  }
  /** Synchronous twin of {@link Engine.penalty}: runs on the calling thread only. */
  penaltySync(w: FloatArray, reg: Regularizer): number {
    return this.sync(this.penaltyArgs(w, reg));
  }

  /** g += ∇R(w) (subgradient sign(0) = 0 for L1), in place. */
  addPenaltyGrad(g: FloatArray, w: FloatArray, reg: Regularizer): Promise<void> {
    return this.async(() => this.gradArgs(g, w, reg));
  }
  /** Synchronous twin of {@link Engine.addPenaltyGrad}: runs on the calling thread only. */
  addPenaltyGradSync(g: FloatArray, w: FloatArray, reg: Regularizer): void {
    this.sync(this.gradArgs(g, w, reg));
  }

  /** w ← prox_{lr·R}(w), in place. */
  prox(w: FloatArray, reg: Regularizer, lr: number): Promise<void> {
    return this.async(() => this.proxArgs(w, reg, lr));
  }
  /** Synchronous twin of {@link Engine.prox}: runs on the calling thread only. */
  proxSync(w: FloatArray, reg: Regularizer, lr: number): void {
    this.sync(this.proxArgs(w, reg, lr));
  }

  /** Euclidean projection onto { ‖w‖ ≤ radius } for norm 'l1' or 'l2', in place. */
  project(w: FloatArray, ball: Projection): Promise<void> {
    return this.async(() => this.projectArgs(w, ball));
  }
  /** Synchronous twin of {@link Engine.project}: runs on the calling thread only. */
  projectSync(w: FloatArray, ball: Projection): void {
    this.sync(this.projectArgs(w, ball));
  }

  /** { n, nnz, l1, l2sq, linf } in one pass. */
  stats(w: FloatArray): Promise<Stats> {
    return this.async(() => this.statsArgs(w));
  }
  /** Synchronous twin of {@link Engine.stats}: runs on the calling thread only. */
  statsSync(w: FloatArray): Stats {
    return this.sync(this.statsArgs(w));
  }

  /** Magnitude pruning (or whole groups by group norm with `groupSize`), in place. */
  prune(w: FloatArray, opts: PruneOptions): Promise<PruneResult> {
    return this.async(() => this.pruneArgs(w, opts));
  }
  /** Synchronous twin of {@link Engine.prune}: runs on the calling thread only. */
  pruneSync(w: FloatArray, opts: PruneOptions): PruneResult {
    return this.sync(this.pruneArgs(w, opts));
  }

  // ---- argument checks: each returns a prepared call, nothing runs yet --------------------------

  private penaltyArgs(w: FloatArray, reg: Regularizer): Prepared<number> {
    const r = checkRegularizer(reg);
    this.tensors.check(w, 'w');
    groupFits(r, w.length);
    checkFitsDtype(r, dtypeOf(w));
    return [[{ array: w, name: 'w', writes: false }], (ctx, [b]) => penaltyPlan(ctx, b!, r)];
  }

  private gradArgs(g: FloatArray, w: FloatArray, reg: Regularizer): Prepared<void> {
    const r = checkRegularizer(reg);
    this.tensors.check(w, 'w');
    this.tensors.check(g, 'g', { n: w.length, dtype: dtypeOf(w) });
    groupFits(r, w.length);
    checkFitsDtype(r, dtypeOf(w));
    return [
      [{ array: g, name: 'g', writes: true }, { array: w, name: 'w', writes: false }],
      (ctx, [bg, bw]) => addPenaltyGradPlan(ctx, bg!, bw!, r),
    ];
  }

  private proxArgs(w: FloatArray, reg: Regularizer, lr: number): Prepared<void> {
    const r = checkRegularizer(reg);
    const step = nonNegative('lr', lr);
    this.tensors.check(w, 'w');
    groupFits(r, w.length);
    checkFitsDtype(r, dtypeOf(w), step);
    return [[{ array: w, name: 'w', writes: true }], (ctx, [b]) => proxPlan(ctx, b!, r, step)];
  }

  private projectArgs(w: FloatArray, ball: Projection): Prepared<void> {
    const p = checkProjection(ball);
    this.tensors.check(w, 'w');
    return [[{ array: w, name: 'w', writes: true }], (ctx, [b]) => projectPlan(ctx, b!, p)];
  }

  private statsArgs(w: FloatArray): Prepared<Stats> {
    this.tensors.check(w, 'w');
    return [[{ array: w, name: 'w', writes: false }], (ctx, [b]) => statsPlan(ctx, b!)];
  }

  private pruneArgs(w: FloatArray, opts: PruneOptions): Prepared<PruneResult> {
    const o = checkPrune(opts);
    this.tensors.check(w, 'w');
    if (o.groupSize !== undefined && w.length % o.groupSize !== 0)
      throw errLength('w', w.length, `a multiple of groupSize = ${o.groupSize}`);
    return [[{ array: w, name: 'w', writes: true }], (ctx, [b]) => prunePlan(ctx, b!, o)];
  }

  // ---- running plans -------------------------------------------------------------------------

  /** Checks arrays for use by a plan (for optimizers and models built on the engine). */
  checkArray(a: unknown, name: string, want?: { n?: number; dtype?: DType }): FloatArray {
    this.open();
    return this.tensors.check(a, name, want);
  }

  /**
   * Validates `args` as {@link Engine.runAsync} would (float arrays, live engine memory, no overlap
   * that a kernel does not allow) without running anything: for optimizers and models that want to
   * refuse bad arguments when they are configured rather than at their first call.
   */
  checkArgs(args: Arg[]): void {
    this.open();
    this.capture(args);
  }

  /**
   * Runs a plan over `args` on the calling thread. Throws E_STATE while async calls are queued:
   * they would otherwise run after this one.
   */
  runSync<R>(args: Arg[], plan: (ctx: PlanContext, bound: Bound[]) => Plan<R>): R {
    this.open();
    if (this.pending > 0) throw errState('a *Sync call was made while async calls are still queued; await them first');
    const captured = this.capture(args);
    const b = new Bindings(this.tensors);
    let ok = false;
    try {
      const gen = plan(this.context(b), captured.map((c) => b.bind(c)));
      let r = gen.next();
      while (!r.done) {
        this.executor.runSync(batch(r.value));
        r = gen.next();
      }
      ok = true;
      return r.value;
    } finally {
      b.finish(ok);
    }
  }

  /**
   * Queues a plan after every call issued before it; it may be sharded over the pool. The arguments
   * are validated and captured now (pointer, length, dtype): the plan runs on exactly those, and an
   * argument outside engine memory whose length changed meanwhile fails the call with E_LENGTH.
   */
  runAsync<R>(args: Arg[], plan: (ctx: PlanContext, bound: Bound[]) => Plan<R>): Promise<R> {
    this.open();
    const captured = this.capture(args);
    const ranges = captured.filter((c) => c.inEngine).map((c) => ({ start: c.offset, end: c.offset + c.array.byteLength }));
    this.pending++;
    for (const r of ranges) this.queued.add(r);
    const run = async (): Promise<R> => {
      try {
        const b = new Bindings(this.tensors);
        let ok = false;
        try {
          const gen = plan(this.context(b), captured.map((c) => b.bind(c)));
          let r = gen.next();
          while (!r.done) {
            await this.executor.run(batch(r.value));
            r = gen.next();
          }
          ok = true;
          return r.value;
        } finally {
          b.finish(ok);
        }
      } finally {
        this.pending--;
        for (const r of ranges) this.queued.delete(r);
      }
    };
    const p = this.tail.then(run);
    this.tail = p.catch(() => {});
    return p;
  }

  /** Validates every argument, refuses overlaps no kernel allows, and records what will run. */
  private capture(args: Arg[]): Captured[] {
    if (!Array.isArray(args)) throw errType('args', args, 'an array of { array, name, writes }');
    const captured = args.map((a) => this.tensors.capture(a.array, a.name, a.writes));
    checkOverlaps(captured.map((c, i) => this.tensors.span(c, args[i]!.unit ?? 0)));
    return captured;
  }

  /**
   * Queues tasks (src/engine/tasks.ts: whole plans, each run on one thread) after every call issued
   * before them; they run concurrently on the pool's threads (the calling thread takes a share) or
   * one after another without a pool. The memory they use was allocated by the caller beforehand.
   * `poll` is called whenever the caller can look at their progress.
   */
  runTasks(tasks: TaskCall[], poll?: () => void): Promise<void> {
    this.open();
    this.pending++;
    const p = this.tail.then(() => this.executor.runTasks(tasks, poll)).finally(() => {
      this.pending--;
    });
    this.tail = p.catch(() => {});
    return p;
  }

  private context(b: Bindings): PlanContext {
    const ex = this.executor;
    return {
      scratch: (len, zero) => b.scratch(len, zero),
      maxShards: ex.maxShards,
      shardSlots: (kernel, n) => ex.maxPieces([{ kernel, dtype: 'float64', ptrs: [], n, scalars: [] }]),
      lastPieces: () => ex.lastPieces,
    };
  }

  private sync<R>([args, plan]: Prepared<R>): R {
    return this.runSync(args, plan);
  }

  private async<R>(prepare: () => Prepared<R>): Promise<R> {
    try {
      this.open();
      const [args, plan] = prepare();
      return this.runAsync(args, plan);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private open(): void {
    if (this.closed) throw errClosed();
  }
}

type Prepared<R> = [Arg[], (ctx: PlanContext, bound: Bound[]) => Plan<R>];

const batch = (v: KernelCall | KernelCall[]): KernelCall[] => (Array.isArray(v) ? v : [v]);

function groupFits(r: Regularizer, n: number): void {
  const size = moduleOf(r).groupSize(r);
  if (n % size !== 0) throw errLength('w', n, `a multiple of groupSize = ${size}`);
}

