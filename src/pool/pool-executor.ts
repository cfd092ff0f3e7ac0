// The pool executor: splits each call (or batch) into chunks and runs them on piscina-managed
// workers and the calling thread over the engine's shared memory. Dispatch is a shared-memory
// wake-up: the caller writes the chunks into the job board and notifies; workers, parked in
// Atomics.wait inside a long-running piscina task, wake and claim chunks with compare-and-swap,
// as the caller does. Piscina starts, replaces and ends the threads.
import { suffixOf } from '../dtype.js';
import { errClosed, errWorker } from '../errors.js';
import { callWasm, InlineExecutor, type Executor } from '../engine/executor.js';
import { taskTable, type TaskCall } from '../engine/tasks.js';

type TaskTable = Awaited<ReturnType<typeof taskTable>>;
import { kernel } from '../kernels/registry.js';
import type { KernelCall } from '../kernels/types.js';
import type { KernelExports } from '../wasm/load.js';
import {
  callerCode, COUNT, createBoard, FAULT, FINISHED, FREE, GO, LINE, LIVE, loseChunks, MAX_CHUNKS,
  RAN, statesOf, STOP, tag, work, writeChunks, joinJob, type Board,
} from './mailbox.js';
import { autoKey, AutoPolicy, batchWork } from './auto.js';
import { planShards } from './planner.js';
import { workerFile } from './worker-path.js';

/** Tasks travel through the job board as calls of this pseudo-kernel name (no n, args as scalars). */
const TASK_PREFIX = 'task:';
/** What the job board carries: kernel calls, or tasks dressed as calls of a pseudo-kernel. */
type BoardCall = KernelCall | KernelCall<`${typeof TASK_PREFIX}${string}`>;

export interface PoolOptions {
  /** The task table (src/engine/tasks.ts); loaded by createPoolExecutor when not given. */
  tasks?: TaskTable;
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  exports: KernelExports;
  /** Worker threads + the calling thread (>= 2). */
  threads: number;
  /** Calls (batches) with less work than this run inline; work = Σ n · cost. */
  parallelMinElements: number | undefined;
  /**
   * Internal (benchmarks): false = the caller only waits, so every chunk goes through a worker's
   * wake-up; measures the shared-memory round trip. Default true.
   */
  callerClaims?: boolean;
}

/**
 * Default inline/sharded threshold in elements of cost 1 (a streaming in-place pass). Below it the
 * fork/join costs more than the other cores save; measured by bench/suites/pool.ts (docs/parallel.md).
 */
export const DEFAULT_PARALLEL_MIN_ELEMENTS = 1 << 18;
/** Chunks per thread: spare chunks let a thread that starts late (or a busy core) be covered by the others. */
export const CHUNKS_PER_THREAD = 16;
/** Smallest chunk in elements of cost 1 (about 10 µs of prox_l1: claim overhead stays under a few %). */
const MIN_CHUNK_WORK = 65536;
/** ms a worker loop stays parked waiting for the next job before it hands its thread back. */
const IDLE_MS = 250;
/** ms the caller waits at most for idle worker loops to restart before it claims tasks. */
const TASK_START_MS = 100;
/** ms between progress polls while the caller waits for tasks. */
const POLL_MS = 25;

type Piscina = import('piscina').Piscina;
type Fn = (...a: number[]) => unknown;

export async function createPoolExecutor(o: PoolOptions): Promise<PoolExecutor> {
  const { Piscina } = await import('piscina');
  const tasks = o.tasks ?? (await taskTable());
  const workers = o.threads - 1;
  const board = createBoard(workers);
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    recordTiming: false,
    workerData: { module: o.module, memory: o.memory, control: board.control, payload: board.payload, idleMs: IDLE_MS },
  });
  pool.on('error', () => {}); // a thread that dies between jobs: piscina replaces it
  const ex = new PoolExecutor({ ...o, tasks }, pool, board);
  try {
    await ex.ready();
  } catch (e) {
    await ex.close();
    throw e;
  }
  return ex;
}

export class PoolExecutor implements Executor {
  readonly backend = 'wasm' as const;
  readonly threads: number;
  /** Chunks one call may be cut into: slots of a 'shard' reduction. */
  readonly maxShards: number;
  /** Inline or sharded, per call. */
  readonly auto: AutoPolicy;
  private readonly inline: InlineExecutor;
  private readonly fnIndex = new Map<string, number>();
  private readonly fns: Fn[];
  private readonly control: Int32Array;
  private readonly payload: Float64Array;
  private readonly workers: number;
  private readonly callerClaims: boolean;
  private go = 0;
  private failure: Error | undefined;
  private closed = false;
  private busy: Promise<void> | undefined;
  /** The current dispatch yielded for a restarting worker loop (its timing is not recorded). */
  private restarted = false;
  /** Pieces the first call of the last batch was cut into (1 when it ran inline). */
  lastPieces = 1;
  /** ready() has returned: from then on a worker failure only fails the call in progress. */
  private started = false;
  /** A task queued to make piscina start a missing thread (see heal()). */
  private healing = false;

  constructor(o: PoolOptions & { tasks: TaskTable }, private readonly pool: Piscina, board: Board) {
    this.threads = o.threads;
    this.workers = o.threads - 1;
    this.callerClaims = o.callerClaims ?? true;
    this.maxShards = Math.min(MAX_CHUNKS, o.threads * CHUNKS_PER_THREAD);
    this.auto = new AutoPolicy(o.parallelMinElements ?? DEFAULT_PARALLEL_MIN_ELEMENTS, o.parallelMinElements === undefined);
    this.inline = new InlineExecutor('wasm', o.memory, o.exports);
    const names = Object.keys(o.exports).filter((k) => typeof o.exports[k] === 'function');
    names.forEach((k, i) => this.fnIndex.set(k, i));
    this.fns = names.map((k) => o.exports[k]!);
    // Then the tasks, in the same order as the workers' tables (src/pool/worker.ts).
    const ctx = { memory: o.memory, run: (c: KernelCall) => callWasm(o.exports, c) };
    for (const name of o.tasks.TASK_NAMES) {
      this.fnIndex.set(TASK_PREFIX + name, this.fns.length);
      const fn = o.tasks.TASKS[name]!;
      this.fns.push((_n: number, ...args: number[]) => fn(ctx, args));
    }
    this.control = board.control;
    this.payload = board.payload;
    for (let s = 0; s < this.workers; s++) this.startLoop(s);
  }

  /**
   * Inline below the threshold (returns nothing), else, as the auto policy picks, inline or one
   * dispatch for the whole batch.
   */
  run(calls: KernelCall[]): void | Promise<void> {
    if (this.closed) throw errClosed();
    if (this.busy) return this.busy.catch(() => {}).then(() => this.run(calls));
    const work = batchWork(calls);
    // Small calls, and serial ones (coordinate descent epochs: one thread runs each), run inline at
    // once: no timing, no key.
    if (work === 0 || work < this.auto.minWork || calls.every((c) => kernel(c.kernel).serial === true)) {
      this.runSync(calls);
      return;
    }
    const key = autoKey(calls);
    const mode = this.auto.choose(key, work);
    const t0 = performance.now();
    if (mode === 'inline') {
      this.runSync(calls);
      this.auto.record(key, work, mode, performance.now() - t0);
      return;
    }
    const chunks = this.chunksFor(work);
    this.restarted = false;
    const p = this.dispatch(calls, chunks).finally(() => {
      // A call that waited for a worker loop to restart measures the restart, not sharding.
      if (!this.restarted) this.auto.record(key, work, mode, performance.now() - t0);
      if (this.busy === p) this.busy = undefined;
    });
    this.busy = p;
    return p;
  }

  runSync(calls: KernelCall[]): void {
    this.lastPieces = 1;
    this.inline.runSync(calls);
  }

  /** Chunks a sharded dispatch of this much work is cut into (each call into at most as many pieces). */
  private chunksFor(work: number): number {
    return Math.max(this.threads, Math.min(this.maxShards, Math.ceil(work / MIN_CHUNK_WORK)));
  }

  maxPieces(calls: KernelCall[]): number {
    return this.chunksFor(batchWork(calls));
  }

  /** Ends the worker loops, then every thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.busy?.catch(() => {});
    this.closed = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, GO);
    await this.pool.destroy();
  }

  /**
   * Test hook (not public API): the next chunk a worker claims throws, or its thread exits right
   * after the claim, or right after the chunk is done (before it is counted).
   */
  injectFault(kind: 'throw' | 'exit' | 'exit-when-done'): void {
    Atomics.store(this.control, FAULT, ['throw', 'exit', 'exit-when-done'].indexOf(kind) + 1);
  }

  /** True while a worker loop has been asked to start and has not begun serving. */
  private loopStarting(): boolean {
    for (let s = 0; s < this.workers; s++) if (Atomics.load(this.control, (s + 1) * LINE + LIVE) === 2) return true;
    return false;
  }

  /** Test hook (not public API): chunks run by worker threads (not the caller) since the start. */
  workerChunks(): number {
    let sum = 0;
    for (let s = 0; s < this.workers; s++) sum += Atomics.load(this.control, (s + 1) * LINE + RAN);
    return sum;
  }

  /** Waits until every worker loop is up (its module instantiated), at most 10 s. */
  async ready(): Promise<void> {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      let up = 0;
      for (let s = 0; s < this.workers; s++) if (Atomics.load(this.control, (s + 1) * LINE + LIVE) === 1) up++;
      if (up === this.workers || this.failure) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    const f = this.failure;
    this.failure = undefined;
    if (f) throw f;
    this.started = true;
  }

  private async dispatch(calls: KernelCall[], chunks: number): Promise<void> {
    this.failure = undefined; // a loss reported after the previous call had finished is not this call's
    const pieces: number[] = [];
    const parts = planShards(calls, chunks, kernel, pieces).filter((p) => p.length > 0);
    this.lastPieces = pieces[0] ?? 1;
    if (!this.post(parts)) {
      // A batch too large for the board: two dispatches, in order. (One call always fits: at most
      // MAX_CHUNKS pieces of a few f64 each.)
      if (calls.length === 1) throw new Error('a kernel call too large for the job board');
      const half = Math.ceil(calls.length / 2);
      await this.dispatch(calls.slice(0, half), chunks);
      return this.dispatch(calls.slice(half), chunks);
    }
    // piscina hands a restarted loop to its thread from the event loop (it must first see the idle
    // loop's task end): while one is starting, yield a turn per call, or back-to-back calls that
    // never reach the event loop would leave every chunk to the caller.
    if (this.loopStarting()) {
      this.restarted = true;
      this.heal();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.claimAndJoin(parts.length);
  }

  /**
   * Runs tasks as the chunks of one job: one task per chunk, claimed by the workers and the caller,
   * so independent plans (cross-validation folds) run concurrently, each on one thread.
   */
  async runTasks(tasks: TaskCall[], poll?: () => void): Promise<void> {
    if (this.closed) throw errClosed();
    while (this.busy) await this.busy.catch(() => {});
    const p = this.dispatchTasks(tasks, poll).finally(() => {
      if (this.busy === p) this.busy = undefined;
    });
    this.busy = p;
    return p;
  }

  private async dispatchTasks(tasks: TaskCall[], poll?: () => void): Promise<void> {
    this.failure = undefined;
    const parts: BoardCall[][] = tasks.map((t) => [{ kernel: `${TASK_PREFIX}${t.task}`, dtype: 'float64', ptrs: [], n: 0, scalars: t.args }]);
    if (!this.post(parts)) throw new Error(`${tasks.length} tasks do not fit the job board`);
    // A worker loop that idled out restarts only once piscina sees, on this event loop, that the old
    // one ended; a caller that ran its tasks at once would keep every task to itself. Tasks are long:
    // wait (briefly) for the loops to be up before claiming.
    for (const until = performance.now() + TASK_START_MS; this.loopStarting() && performance.now() < until; ) {
      this.heal();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await this.claimAndJoin(parts.length, poll);
  }

  /**
   * The caller claims chunks like any worker (not while a test fault waits for a worker) until every
   * chunk is claimed (a chunk that throws is marked lost, and it claims on), then waits for the
   * rest; the first failure, on any thread, rejects the call.
   */
  private async claimAndJoin(count: number, poll?: () => void): Promise<void> {
    while (this.callerClaims && Atomics.load(this.control, FAULT) === 0) {
      try {
        work(this.control, this.payload, this.go, this.fns, callerCode(this.workers));
        break;
      } catch (e) {
        this.fail('the calling thread', e);
        loseChunks(this.control, this.go, callerCode(this.workers));
      }
    }
    poll?.();
    await joinJob(this.control, this.go, count, poll ? POLL_MS : Infinity, poll);
    const f = this.failure;
    this.failure = undefined;
    if (f) throw f;
  }

  /** The one path of a chunk error, on any thread: the call fails with the first one, as E_WORKER. */
  private fail(where: string, e: unknown): void {
    this.failure ??= errWorker(`${where}: ${e instanceof Error ? e.message : String(e)}`, e);
  }

  /** Writes the chunks into the board and wakes the workers; false if they do not fit. */
  private post(parts: BoardCall[][]): boolean {
    const fnOf = (c: BoardCall) => {
      const fn = this.fnIndex.get(c.kernel.startsWith(TASK_PREFIX) ? c.kernel : `${c.kernel}_${suffixOf(c.dtype)}`);
      if (fn === undefined) throw new Error(`kernel ${c.kernel} has no wasm export for ${c.dtype}`);
      return fn;
    };
    if (!writeChunks(this.payload, parts, fnOf)) return false;
    const ctl = this.control;
    this.go = (this.go + 1) | 0;
    // The states first: a worker still leaving the previous job (every chunk of which is settled)
    // sees another job's words and stops before it can see this job's larger COUNT; GO last
    // publishes the job.
    const states = statesOf(ctl), free = tag(this.go, FREE);
    for (let i = 0; i < parts.length; i++) Atomics.store(ctl, states + i, free);
    Atomics.store(ctl, COUNT, parts.length);
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, GO, this.go);
    Atomics.notify(ctl, GO, Math.min(this.workers, parts.length - 1));
    // Loops that handed their thread back while idle are started again (for the next jobs: this
    // one is covered by the threads that are up, the caller included).
    for (let s = 0; s < this.workers; s++) {
      const live = (s + 1) * LINE + LIVE;
      if (Atomics.load(ctl, live) === 0 && Atomics.compareExchange(ctl, live, 0, 2) === 0) this.startLoop(s);
    }
    return true;
  }

  private startLoop(slot: number): void {
    Atomics.store(this.control, (slot + 1) * LINE + LIVE, 2);
    this.pool.run(slot).then(
      () => {},
      (e: unknown) => this.loopFailed(slot, e),
    );
  }

  /**
   * piscina stops replacing threads once a replacement died while starting (its bootstrap-failure
   * latch), and the loop queued for that thread then waits forever: every chunk would fall to the
   * caller. Called while a loop is starting: if piscina holds fewer threads than the pool needs, one
   * more queued task makes it start a thread, which takes the queued loop first.
   */
  private heal(): void {
    if (this.healing || this.closed || this.pool.threads.length >= this.workers) return;
    this.healing = true;
    this.pool.run(0, { name: 'echo' }).catch(() => {}).finally(() => {
      this.healing = false;
    });
  }

  /**
   * A worker's task ended with an error (its chunk threw, piscina's task path) or its thread died:
   * a chunk it held (claimed, not done) is marked lost and fails the call with E_WORKER. A thread
   * that held none (it died between calls, or after its chunk was done) is just replaced.
   */
  private loopFailed(slot: number, e: unknown): void {
    const line = (slot + 1) * LINE, ctl = this.control;
    if (this.closed) return;
    const wasUp = Atomics.load(ctl, line + LIVE) === 1;
    Atomics.store(ctl, line + LIVE, 0);
    // The claim is in the chunk's state word, whenever the thread died: nothing else to recover.
    const held = loseChunks(ctl, this.go, slot + 1);
    if (held > 0 || !this.started) this.fail(`worker ${slot + 1}`, e);
    // A loop that was serving restarts at once on piscina's replacement thread and helps finish the
    // current job; one that failed to start (e.g. a broken install) is left to the next post.
    if (wasUp) this.startLoop(slot);
  }

}
