// The default engine of a shrinkage/tfjs optimizer, made synchronously: tf.Optimizer.applyGradients
// is synchronous, so it cannot await createEngine(). It is what createEngine({ threads: 1 }) builds
// (wasm on the calling thread, or the plain-JS reference where wasm SIMD is missing), without the
// async wrapper that createEngine needs for loading the worker pool.
import { Engine } from '../engine/engine.js';
import { InlineExecutor } from '../engine/executor.js';
import { Arena } from '../memory/arena.js';
import { compileKernels, instantiateKernels, simdSupported } from '../wasm/load.js';

const PAGE = 65536;
/** 2 MiB at first, growing on demand up to the wasm32 limit (4 GiB), as createEngine's defaults. */
const INITIAL_PAGES = 32, MAX_PAGES = 65536;

let warned = false;

/** A threads: 1 engine, built on the calling thread. */
export function createInlineEngine(): Engine {
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
  const arena = new Arena(memory, MAX_PAGES * PAGE);
  if (simdSupported()) return new Engine(arena, new InlineExecutor('wasm', memory, instantiateKernels(memory, compileKernels())));
  if (!warned) console.warn('shrinkage: WebAssembly SIMD is not available here; using the plain-JS backend');
  warned = true;
  return new Engine(arena, new InlineExecutor('js', memory, undefined));
}
