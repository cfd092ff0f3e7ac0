// The pool executor: shards each call (or batch) over piscina-managed workers on the engine's shared
// memory and runs one shard on the calling thread. Dispatch is a shared-memory wake-up: the job is
// encoded into the worker's mailbox and the worker, parked in Atomics.wait inside a long-running
// piscina task, wakes; piscina starts, replaces and ends the threads.
import { suffixOf } from '../dtype.js';
import { errClosed, errWorker } from '../errors.js';
import { InlineExecutor, type Executor } from '../engine/executor.js';
import { kernel } from '../kernels/registry.js';
import type { KernelCall } from '../kernels/types.js';
import type { KernelExports } from '../wasm/load.js';
import { createMailboxes, DONE, FAILED, FAULT, GO, LINE, LIVE, PAYLOAD, readMessage, STOP, type Mailboxes } from './mailbox.js';
import { planShards } from './planner.js';
import { workerFile } from './worker-path.js';

export interface PoolOptions {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  exports: KernelExports;
  /** Worker threads + the calling thread (>= 2). */
  threads: number;
  /** Calls (batches) with less work than this run inline; work = Σ n · cost. */
  parallelMinElements: number | undefined;
}

/**
 * Default inline/sharded threshold in elements of cost 1 (a streaming in-place pass). Below it the
 * fork/join costs more than the second core saves; measured by bench/suites/pool.ts (docs/parallel.md).
 */
export const DEFAULT_PARALLEL_MIN_ELEMENTS = 65536;
/** ms a worker loop stays parked waiting for the next job before it hands its thread back. */
const IDLE_MS = 250;
/** ms the caller spins on the workers' done flags before it awaits them asynchronously. */
const SPIN_MS = 0.05;

type Piscina = import('piscina').Piscina;

export async function createPoolExecutor(o: PoolOptions): Promise<Executor> {
  const { Piscina } = await import('piscina');
  const workers = o.threads - 1;
  const boxes = createMailboxes(workers);
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    recordTiming: false,
    workerData: { module: o.module, memory: o.memory, control: boxes.control, payload: boxes.payload, idleMs: IDLE_MS },
  });
  pool.on('error', () => {}); // a thread that dies between jobs: piscina replaces it, the next job restarts its loop
  const ex = new PoolExecutor(o, pool, boxes);
  await ex.warmUp();
  return ex;
}

export class PoolExecutor implements Executor {
  readonly backend = 'wasm' as const;
  readonly threads: number;
  readonly maxShards: number;
  /** Work (Σ n · cost) from which a call is sharded. */
  readonly minWork: number;
  private readonly inline: InlineExecutor;
  private readonly fnIndex = new Map<string, number>();
  private readonly control: Int32Array;
  private readonly payload: Float64Array;
  private readonly jobs: number[];
  private readonly failures: (Error | undefined)[];
  private closed = false;
  private busy: Promise<void> | undefined;

  constructor(o: PoolOptions, private readonly pool: Piscina, boxes: Mailboxes) {
    this.threads = o.threads;
    this.maxShards = o.threads;
    this.minWork = o.parallelMinElements ?? DEFAULT_PARALLEL_MIN_ELEMENTS;
    this.inline = new InlineExecutor('wasm', o.memory, o.exports);
    Object.keys(o.exports)
      .filter((k) => typeof o.exports[k] === 'function')
      .forEach((k, i) => this.fnIndex.set(k, i));
    this.control = boxes.control;
    this.payload = boxes.payload;
    this.jobs = new Array<number>(o.threads - 1).fill(0);
    this.failures = new Array<Error | undefined>(o.threads - 1).fill(undefined);
    for (let s = 0; s < this.jobs.length; s++) this.startLoop(s);
  }

  runSync(calls: KernelCall[]): void {
    this.inline.runSync(calls);
  }

  /** Inline below the threshold (returns nothing), else one sharded dispatch for the batch. */
  run(calls: KernelCall[]): void | Promise<void> {
    if (this.closed) throw errClosed();
    if (this.busy) return this.busy.then(() => this.run(calls));
    let work = 0;
    for (const c of calls) work += c.n * kernel(c.kernel).cost;
    if (work < this.minWork || work === 0) return this.inline.runSync(calls);
    const p = this.dispatch(calls).finally(() => {
      if (this.busy === p) this.busy = undefined;
    });
    this.busy = p;
    return p;
  }

  /** Ends the worker loops, then every thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.busy?.catch(() => {});
    this.closed = true;
    // Wake every live loop with an empty job; it sees STOP after it and returns its thread.
    const live = this.jobs.map((_, s) => s).filter((s) => Atomics.load(this.control, s * LINE + LIVE) !== 0);
    for (let s = 0; s < this.jobs.length; s++) Atomics.store(this.control, s * LINE + STOP, 1);
    for (const s of live) this.post(s, []);
    await this.join(live);
    await this.pool.destroy();
  }

  /** Test hook (not public API): the next job on mailbox `slot` throws or exits its thread. */
  injectFault(kind: 'throw' | 'exit', slot = 0): void {
    Atomics.store(this.control, slot * LINE + FAULT, kind === 'throw' ? 1 : 2);
  }

  /** Posts an empty job to every worker and waits: the threads are up and their module instantiated. */
  async warmUp(): Promise<void> {
    const slots = this.jobs.map((_, s) => s);
    for (const s of slots) this.post(s, []);
    await this.join(slots);
    this.throwFailures(slots);
  }

  private async dispatch(calls: KernelCall[]): Promise<void> {
    const parts = planShards(calls, this.threads, kernel);
    if (parts.some((p) => encodedSize(p) > PAYLOAD - 1)) {
      // A batch too large for one mailbox: run it as two dispatches, in order.
      const half = Math.ceil(calls.length / 2);
      await this.dispatch(calls.slice(0, half));
      return this.dispatch(calls.slice(half));
    }
    const used: number[] = [];
    for (let k = 1; k < parts.length; k++) {
      if (parts[k]!.length === 0) continue;
      this.post(k - 1, parts[k]!);
      used.push(k - 1);
    }
    let own: unknown;
    try {
      this.inline.runSync(parts[0]!);
    } catch (e) {
      own = e;
    }
    await this.join(used);
    this.throwFailures(used);
    if (own !== undefined) throw own;
  }

  private post(slot: number, calls: KernelCall[]): void {
    const base = slot * PAYLOAD, line = slot * LINE, pl = this.payload;
    pl[base] = calls.length;
    let p = base + 1;
    for (const c of calls) {
      const fn = this.fnIndex.get(`${c.kernel}_${suffixOf(c.dtype)}`);
      if (fn === undefined) throw new Error(`kernel ${c.kernel} has no wasm export for ${c.dtype}`);
      pl[p++] = fn;
      pl[p++] = c.ptrs.length;
      for (const x of c.ptrs) pl[p++] = x;
      pl[p++] = c.n;
      pl[p++] = c.scalars.length;
      for (const x of c.scalars) pl[p++] = x;
      pl[p++] = c.out ?? -1;
    }
    Atomics.store(this.control, line + GO, ++this.jobs[slot]!);
    Atomics.notify(this.control, line + GO, 1);
    // The loop may have handed its thread back while idle: then start a new one for this mailbox.
    if (Atomics.load(this.control, line + LIVE) === 0 && Atomics.compareExchange(this.control, line + LIVE, 0, 2) === 0)
      this.startLoop(slot);
  }

  private startLoop(slot: number): void {
    const line = slot * LINE;
    Atomics.store(this.control, line + LIVE, 2);
    this.pool.run(slot).then(
      () => {},
      (e: unknown) => this.loopFailed(slot, e),
    );
  }

  /** The loop's thread threw or died: fail its pending job with E_WORKER and mark the mailbox unserved. */
  private loopFailed(slot: number, e: unknown): void {
    const line = slot * LINE;
    const threw = Atomics.exchange(this.control, line + FAILED, 0) === 1;
    const detail = threw ? readMessage(this.payload, slot * PAYLOAD) : e instanceof Error ? e.message : String(e);
    Atomics.store(this.control, line + FAULT, 0);
    Atomics.store(this.control, line + LIVE, 0);
    const go = Atomics.load(this.control, line + GO);
    if (go !== Atomics.load(this.control, line + DONE)) {
      this.failures[slot] = errWorker(`worker ${slot + 1} ${threw ? 'threw' : 'died'} (${detail})`, e);
      Atomics.store(this.control, line + DONE, go);
      Atomics.notify(this.control, line + DONE);
    }
  }

  /** Waits until every mailbox in `slots` reports its current job done: a short spin, then async waits. */
  private async join(slots: number[]): Promise<void> {
    const c = this.control;
    const pending = () => slots.filter((s) => Atomics.load(c, s * LINE + DONE) !== this.jobs[s]);
    const until = performance.now() + SPIN_MS;
    let left = pending();
    while (left.length > 0 && performance.now() < until) left = pending();
    for (const s of left) {
      for (;;) {
        const done = Atomics.load(c, s * LINE + DONE);
        if (done === this.jobs[s]) break;
        const w = waitAsync(c, s * LINE + DONE, done);
        if (w.async) await w.value;
      }
    }
  }

  private throwFailures(slots: number[]): void {
    const errs = slots.map((s) => this.failures[s]).filter((e): e is Error => e !== undefined);
    for (const s of slots) this.failures[s] = undefined;
    if (errs.length > 0) throw errs[0]!;
  }
}

/** Atomics.waitAsync (Node >= 16; typed in lib es2024, which this package does not target). */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

/** f64 values a list of calls takes in a mailbox payload. */
function encodedSize(calls: KernelCall[]): number {
  let size = 1;
  for (const c of calls) size += 5 + c.ptrs.length + c.scalars.length;
  return size;
}
