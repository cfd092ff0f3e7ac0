// Runs kernel calls. The inline executor runs them on the calling thread, on wasm or on the plain-JS
// reference; the pool executor (src/pool) shards them over workers and falls back to this one.
import { suffixOf } from '../dtype.js';
import { argView, arrayLengths, partialSlots } from '../kernels/layout.js';
import { kernel } from '../kernels/registry.js';
import type { KernelCall } from '../kernels/types.js';
import type { KernelExports } from '../wasm/load.js';
import { taskTable, type TaskCall } from './tasks.js';

/** Where kernels run: WebAssembly SIMD ('wasm') or the plain-JS reference ('js'). */
export type Backend = 'wasm' | 'js';

export interface Executor {
  readonly backend: Backend;
  /** Worker threads plus the calling thread (1 = inline only). */
  readonly threads: number;
  /** Upper bound on shards per call: sizes the partials of 'shard' reductions. */
  readonly maxShards: number;
  /** Pieces the first call of the last batch run by run() or runSync() was cut into (1 = inline). */
  readonly lastPieces: number;
  /** The most pieces run() may cut any call of this batch into (1 for an inline executor). */
  maxPieces(calls: KernelCall[]): number;
  /** Runs calls on the calling thread, in order. */
  runSync(calls: KernelCall[]): void;
  /** Runs calls (one dispatch for the batch), possibly sharded; resolves when all are done. */
  run(calls: KernelCall[]): void | Promise<void>;
  /**
   * Runs whole tasks (src/engine/tasks.ts), each on one thread, concurrently where there are threads;
   * `poll` is called whenever the caller can look at their progress.
   */
  runTasks(tasks: TaskCall[], poll?: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Calls the wasm export for one (possibly partial) kernel call. */
export function callWasm(exports: KernelExports, call: KernelCall): void {
  const fn = exports[`${call.kernel}_${suffixOf(call.dtype)}`];
  if (!fn) throw new Error(`kernel ${call.kernel} has no wasm export for ${call.dtype}`);
  const args: number[] = [...call.ptrs, call.n, ...call.scalars];
  if (call.out !== undefined) args.push(call.out);
  fn(...args);
}

/** Runs one call on the plain-JS reference over views of `memory`. */
export function callJs(memory: WebAssembly.Memory, call: KernelCall, maxShards: number): void {
  const def = kernel(call.kernel);
  const buffer = memory.buffer;
  const lengths = arrayLengths(def, call.n, call.scalars);
  const arrays = call.ptrs.map((p, k) => argView(def, k, call.dtype, buffer, p, lengths[k]!));
  const out =
    call.out === undefined ? undefined : new Float64Array(buffer, call.out, partialSlots(def, call, maxShards));
  def.js(call.dtype, arrays, call.n, call.scalars, out);
}

export class InlineExecutor implements Executor {
  readonly threads = 1;
  readonly maxShards = 1;
  readonly lastPieces = 1;
  constructor(
    readonly backend: Backend,
    private readonly memory: WebAssembly.Memory,
    private readonly exports: KernelExports | undefined,
  ) {}

  runSync(calls: KernelCall[]): void {
    if (this.backend === 'wasm') for (const c of calls) callWasm(this.exports!, c);
    else for (const c of calls) callJs(this.memory, c, this.maxShards);
  }

  run(calls: KernelCall[]): void {
    this.runSync(calls);
  }

  async runTasks(tasks: TaskCall[], poll?: () => void): Promise<void> {
    const { TASKS } = await taskTable();
    const ctx = { memory: this.memory, run: (c: KernelCall) => this.runSync([c]) };
    for (const t of tasks) {
      TASKS[t.task]!(ctx, t.args);
      poll?.();
    }
  }

  maxPieces(): number {
    return 1;
  }

  async close(): Promise<void> {}
}
