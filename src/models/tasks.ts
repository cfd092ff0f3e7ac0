// The task table (src/engine/tasks.ts): every task a pool thread can run, by name. The pool's
// workers and the calling thread build their function tables from it in the same (sorted) order.
import type { TaskFn } from '../engine/tasks.js';
import { PATH_TASK, runPathTask } from './cd/task.js';

export const TASKS: Readonly<Record<string, TaskFn>> = { [PATH_TASK]: runPathTask };

/** Task names in table order. */
export const TASK_NAMES: readonly string[] = Object.keys(TASKS).sort();
