// Tasks: a whole plan run as one unit on one thread (a solver path for one cross-validation fold),
// so that independent plans run concurrently on the pool's threads, each thread running its own
// task's kernels inline. A task gets the numbers it was given (pointers into engine memory) and
// its thread's kernel runner; it allocates nothing in engine memory (the caller did, before).
import type { KernelCall, Plan } from '../kernels/types.js';

/** One task to run: its name in the task table and its arguments. */
export interface TaskCall {
  task: string;
  args: number[];
}

/** What a task sees of the thread it runs on. */
export interface TaskContext {
  /** The engine's shared memory (views of it are this thread's). */
  memory: WebAssembly.Memory;
  /** Runs one kernel call on this thread (wasm or the plain-JS reference). */
  run(call: KernelCall): void;
}

export type TaskFn = (ctx: TaskContext, args: number[]) => void;

/** Drives a plan to its end on the calling thread with `ctx`'s kernels. */
export function drive<R>(ctx: TaskContext, plan: Plan<R>): R {
  let r = plan.next();
  while (!r.done) {
    if (Array.isArray(r.value)) for (const c of r.value) ctx.run(c);
    else ctx.run(r.value);
    r = plan.next();
  }
  return r.value;
}

/**
 * The task table. Tasks are solver plans, which live above the engine: the table is imported
 * lazily, by the pool's threads when they start and by the executors on their first task.
 */
export async function taskTable(): Promise<{ TASKS: Readonly<Record<string, TaskFn>>; TASK_NAMES: readonly string[] }> {
  return import('../models/tasks.js');
}
