// A pool worker: instantiates the kernel module once on the engine's shared memory, then serves the
// job board: parks until a job is posted, claims and runs its chunks (kernel pieces, or whole tasks
// from the task table), parks again. Nothing else.
import { workerData } from 'node:worker_threads';
import { callWasm } from '../engine/executor.js';
import { taskTable } from '../engine/tasks.js';
import type { KernelCall } from '../kernels/types.js';
import type { KernelExports } from '../wasm/load.js';
import { FAULT, GO, LAYOUT, LINE, LIVE, RAN, STOP, VERSION, work, type WorkHooks } from './mailbox.js';

interface Init {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: Int32Array;
  payload: Float64Array;
  /** ms a loop stays parked before it returns, so that idle workers do not keep the process alive. */
  idleMs: number;
}

const { module, memory, control, payload, idleMs } = workerData as Init;
const instance = new WebAssembly.Instance(module, {
  env: { memory, abort: () => { throw new Error('shrinkage kernel abort'); } },
});
const exports = instance.exports as unknown as KernelExports;
// Same order as the caller's table: the export order of the same module, then the tasks by name.
const fns = Object.values(exports).filter((f) => typeof f === 'function') as ((...a: number[]) => unknown)[];
const { TASKS, TASK_NAMES } = await taskTable();
const ctx = { memory, run: (c: KernelCall) => callWasm(exports, c) };
for (const name of TASK_NAMES) fns.push((_n: number, ...args: number[]) => TASKS[name]!(ctx, args));

/** The task piscina runs: serve as worker `slot` until parked for idleMs or the pool stops. */
export default function serve(slot: number): void {
  const line = (slot + 1) * LINE;
  if (Atomics.load(control, VERSION) !== LAYOUT) throw new Error('the worker script is from another build of shrinkage; run `npm run build`');
  const counted = () => Atomics.add(control, line + RAN, 1);
  // Test hook (PoolExecutor.injectFault): looked at once per job, so the claim path never checks it;
  // the first chunk this worker claims takes the fault.
  let fault = 0;
  const faultHooks: WorkHooks = {
    claimed: () => {
      fault = Atomics.exchange(control, FAULT, 0);
      if (fault === 1) throw new Error('injected fault (test hook)');
      if (fault === 2) process.exit(70); // dies holding the chunk it has just claimed
    },
    done: () => {
      if (fault === 3) process.exit(70); // dies after the chunk is done, before it is counted
    },
  };
  Atomics.store(control, line + LIVE, 1);
  let seen = Atomics.load(control, GO) - 1; // a job posted before this loop started is served too
  for (;;) {
    const go = Atomics.load(control, GO);
    if (go !== seen) {
      seen = go;
      // A chunk that throws (a wasm trap) is marked lost and ends this task: piscina rejects it with
      // the error, the pool fails the call and restarts the loop. The thread stays: kernels keep no
      // state that a trap could leave half-changed. A thread that dies leaves its chunk marked with
      // its code, which the pool marks lost.
      work(control, payload, go, fns, slot + 1, counted, Atomics.load(control, FAULT) === 0 ? undefined : faultHooks);
      continue;
    }
    if (Atomics.load(control, STOP) === 1) break;
    if (Atomics.wait(control, GO, go, idleMs) !== 'timed-out') continue;
    // Parked too long: hand the thread back to piscina unless a job raced in (then exactly one of
    // this loop and the caller, who may be starting a new loop, wins the LIVE word).
    Atomics.store(control, line + LIVE, 0);
    if (Atomics.load(control, GO) === go) return;
    if (Atomics.compareExchange(control, line + LIVE, 0, 1) !== 0) return;
  }
  Atomics.store(control, line + LIVE, 0);
}

/** A task that returns its argument: the benchmark's baseline for piscina's own round trip. */
export const echo = (x: unknown): unknown => x;
