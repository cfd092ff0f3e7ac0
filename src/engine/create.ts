// createEngine: one shared WebAssembly.Memory, the arena over it, and an executor.
import { availableParallelism } from 'node:os';
import { errRange, errType } from '../errors.js';
import { Arena } from '../memory/arena.js';
import { compileKernels, instantiateKernels, simdSupported } from '../wasm/load.js';
import { Engine } from './engine.js';
import { InlineExecutor, type Backend, type Executor } from './executor.js';

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /**
   * 'auto' = os.availableParallelism() (at most 1024); 1 starts no worker (serverless); at most
   * 1024. Default 'auto'. The 'js' backend always runs on the calling thread.
   */
  threads?: 'auto' | number;
  /** 'wasm' (default; falls back to 'js' with a warning where wasm SIMD is missing) or 'js'. */
  backend?: Backend;
  /**
   * Calls whose work (elements × the kernel's registry cost) is below this run inline. Default
   * 262144, and above it the pool times inline and sharded runs and uses the faster; a value given
   * here turns that off (every call at or above it is sharded; 0 = always). See docs/parallel.md.
   */
  parallelMinElements?: number;
  /** Upper bound of engine memory in MiB (default 4096, the wasm32 limit). */
  maxMemoryMB?: number;
}

const PAGE = 65536;
/** Pages the memory starts with (2 MiB), or fewer when maxMemoryMB is smaller. */
const INITIAL_PAGES = 32;
const OPTION_NAMES = ['threads', 'backend', 'parallelMinElements', 'maxMemoryMB'];

/** Most threads an engine runs (the pool's job board marks chunk claims with 11-bit thread codes). */
export const MAX_THREADS = 1024;

/**
 * Creates an engine: one shared WebAssembly.Memory, the arena over it, and the kernels (inline for
 * `threads: 1`, on a worker pool otherwise). Close it with {@link Engine.close}.
 */
export async function createEngine(opts: EngineOptions = {}): Promise<Engine> {
  if (typeof opts !== 'object' || opts === null) throw errType('options', opts, 'an object');
  for (const k of Object.keys(opts))
    if (!OPTION_NAMES.includes(k)) throw errType(`options.${k}`, k, `one of ${OPTION_NAMES.join(', ')}`);
  let backend: Backend = opts.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'js') throw errType('backend', backend, "'wasm' or 'js'");
  const t = opts.threads ?? 'auto';
  if (t !== 'auto' && (!Number.isInteger(t) || t < 1 || t > MAX_THREADS))
    throw errRange('threads', t, `'auto' or an integer in [1, ${MAX_THREADS}]`);
  const maxMB = opts.maxMemoryMB ?? 4096;
  if (!Number.isFinite(maxMB) || maxMB < 1 || maxMB > 4096) throw errRange('maxMemoryMB', maxMB, 'in [1, 4096]');
  const pme = opts.parallelMinElements;
  if (pme !== undefined && (!Number.isInteger(pme) || pme < 0)) throw errRange('parallelMinElements', pme, 'an integer >= 0');

  if (backend === 'wasm' && !simdSupported()) {
    console.warn('shrinkage: WebAssembly SIMD is not available here; using the plain-JS backend');
    backend = 'js';
  }
  const maxPages = Math.floor((maxMB * 1024 * 1024) / PAGE);
  const memory = new WebAssembly.Memory({ initial: Math.min(INITIAL_PAGES, maxPages), maximum: maxPages, shared: true });
  const arena = new Arena(memory, maxPages * PAGE);
  const threads = t === 'auto' ? Math.min(availableParallelism(), MAX_THREADS) : t;
  let executor: Executor;
  if (backend === 'js') executor = new InlineExecutor('js', memory, undefined);
  else {
    const module = compileKernels();
    const exports = instantiateKernels(memory, module);
    if (threads > 1) {
      // Loaded only when a pool is wanted: threads: 1 (serverless) never imports piscina, which
      // costs ~30 ms of module loading at cold start on the 2-core test machine (docs/benchmarks.md).
      const { createPoolExecutor } = await import('../pool/pool-executor.js');
      executor = await createPoolExecutor({ memory, module, exports, threads, parallelMinElements: pme });
    } else executor = new InlineExecutor('wasm', memory, exports);
  }
  return new Engine(arena, executor);
}
