// A pool worker: instantiates the kernel module once on the engine's shared memory, then serves
// its mailbox: waits for a job, runs the encoded kernel calls, signals done. Nothing else.
import { workerData } from 'node:worker_threads';
import { DONE, FAILED, FAULT, GO, LINE, LIVE, PAYLOAD, STOP, writeMessage } from './mailbox.js';

interface Init {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: Int32Array;
  payload: Float64Array;
  /** ms a loop waits for work before it returns, so that idle workers do not keep the process alive. */
  idleMs: number;
}

const { module, memory, control, payload, idleMs } = workerData as Init;
const instance = new WebAssembly.Instance(module, {
  env: { memory, abort: () => { throw new Error('shrinkage kernel abort'); } },
});
// Same order as the caller's table: the export order of the same module.
const fns = Object.values(instance.exports).filter((f) => typeof f === 'function') as ((...a: number[]) => void)[];

function runJob(base: number, line: number): void {
  const fault = Atomics.exchange(control, line + FAULT, 0);
  if (fault === 1) throw new Error('injected fault (test hook)');
  if (fault === 2) process.exit(70);
  const count = payload[base]!;
  const args: number[] = [];
  for (let c = 0, p = base + 1; c < count; c++) {
    const fn = fns[payload[p++]!]!;
    args.length = 0;
    const nptrs = payload[p++]!;
    for (let k = 0; k < nptrs; k++) args.push(payload[p++]!);
    args.push(payload[p++]!);
    const ns = payload[p++]!;
    for (let k = 0; k < ns; k++) args.push(payload[p++]!);
    const out = payload[p++]!;
    if (out >= 0) args.push(out);
    fn(...args);
  }
}

/** The task piscina runs: serve mailbox `slot` until idle for idleMs or the pool stops. */
export default function serve(slot: number): void {
  const line = slot * LINE, base = slot * PAYLOAD;
  Atomics.store(control, line + LIVE, 1);
  for (;;) {
    const go = Atomics.load(control, line + GO);
    if (go !== Atomics.load(control, line + DONE)) {
      try {
        runJob(base, line);
      } catch (e) {
        writeMessage(payload, base, e instanceof Error ? e.message : String(e));
        Atomics.store(control, line + FAILED, 1);
        process.exit(1); // retire this thread; piscina starts a replacement
      }
      Atomics.store(control, line + DONE, go);
      Atomics.notify(control, line + DONE);
      continue;
    }
    if (Atomics.load(control, line + STOP) === 1) {
      Atomics.store(control, line + LIVE, 0);
      return;
    }
    if (Atomics.wait(control, line + GO, go, idleMs) !== 'timed-out') continue;
    // Idle: give the thread back to piscina unless a job raced in (then exactly one side serves it).
    Atomics.store(control, line + LIVE, 0);
    if (Atomics.load(control, line + GO) === go) return;
    if (Atomics.compareExchange(control, line + LIVE, 0, 1) !== 0) return;
  }
}
