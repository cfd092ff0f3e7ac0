// One tfjs variable's place in the engine: its values and gradient as engine arrays, a core
// optimizer over them (one tensor), and the layout that makes a group lasso's groups contiguous.
// The optimizer steps are element-wise, so the layout never changes their result: a variable whose
// columns are groups is kept transposed (column-major) in the engine, every other one as it is.
import type { Engine } from '../engine/engine.js';
import { groupLasso, type GroupLasso } from '../engine/regularizers.js';
import { errRange } from '../errors.js';
import type { Optimizer as CoreOptimizer } from '../optim/optimizer.js';
import type { ResolvedGroup } from './options.js';

export type CoreCtor<O extends object> = new (engine: Engine, params: { param: Float32Array; grad: Float32Array; name?: string; shape?: readonly number[] }[], options: Partial<O>) => CoreOptimizer<O>;

/** How a variable's values lie in its engine arrays. */
export interface Layout {
  n: number;
  /** The engine arrays hold the transpose of [rows, cols] (columns contiguous). */
  transposed: boolean;
  rows: number;
  cols: number;
}

export interface Slot<O extends object> extends Layout {
  name: string;
  shape: readonly number[];
  param: Float32Array;
  grad: Float32Array;
  core: CoreOptimizer<O>;
  group: ResolvedGroup<O>;
  /** Group lasso over contiguous groups of the engine layout (rows, or columns when transposed). */
  lasso?: GroupLasso;
}

/** Allocates a variable's engine arrays and core optimizer; frees what it made when that fails. */
export function makeSlot<O extends object>(engine: Engine, Core: CoreCtor<O>, group: ResolvedGroup<O>, name: string, shape: readonly number[]): Slot<O> {
  const n = shape.reduce((a, b) => a * b, 1);
  const cols = shape.length >= 2 ? shape[shape.length - 1]! : n;
  const rows = cols === 0 ? 0 : n / cols;
  const gl = group.groupLasso;
  if (gl && shape.length < 2)
    throw errRange(`variable ${name} (shape [${shape.join(', ')}])`, shape.length, `rank >= 2 for a group lasso by ${gl.by} (its group has groupLasso)`);
  const transposed = gl?.by === 'column';
  const lasso = gl && n > 0 ? groupLasso(gl.lambda, transposed ? rows : cols) : undefined;
  const param = engine.alloc(n, 'float32') as Float32Array;
  let grad: Float32Array | undefined;
  try {
    grad = engine.alloc(n, 'float32') as Float32Array;
    const core = new Core(engine, [{ param, grad, name, shape }], group.options);
    return { name, shape: [...shape], n, transposed, rows, cols, param, grad, core, group, ...(lasso ? { lasso } : {}) };
  } catch (e) {
    engine.free(param);
    if (grad) engine.free(grad);
    throw e;
  }
}

/** Copies values in the variable's layout (row-major) into an engine array in the slot's layout. */
export function copyIn(s: Layout, dst: Float32Array, src: ArrayLike<number>): void {
  if (!s.transposed) {
    dst.set(src);
    return;
  }
  const { rows, cols } = s;
  for (let r = 0; r < rows; r++) for (let c = 0, i = r * cols; c < cols; c++, i++) dst[c * rows + r] = src[i]!;
}

/** A new array in the variable's layout from an engine array in the slot's layout. */
export function copyOut(s: Layout, src: Float32Array): Float32Array {
  if (!s.transposed) return src.slice();
  const { rows, cols } = s;
  const out = new Float32Array(s.n);
  for (let c = 0; c < cols; c++) for (let r = 0, i = c * rows; r < rows; r++, i++) out[r * cols + c] = src[i]!;
  return out;
}

export function freeSlot<O extends object>(engine: Engine, s: Slot<O>): void {
  s.core.dispose();
  engine.free(s.param);
  engine.free(s.grad);
}
