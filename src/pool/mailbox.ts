// Shared-memory job board between the calling thread and the pool's worker loops, in a
// SharedArrayBuffer of its own: a header line (the current job), one control line per worker
// (64 bytes each, so threads never share a cache line), one state word per chunk, and one f64
// payload (the job's chunks). Imported by the worker, so it depends on nothing else.
//
// A chunk is claimed by one compare-and-swap on its state word, from free to the claimant's code,
// so a claim is recorded by the claim itself: whatever instant a worker dies at, its chunks are
// either still free, marked with its code (lost with it: the caller marks them so), or done.

/** Int32 words per line (64 bytes). */
export const LINE = 16;

// Header line (words 0..15).
/** Job generation: the caller increments it (after writing the job) and notifies every worker. */
export const GO = 0;
/** Chunks in the current job. */
export const COUNT = 1;
/**
 * Wake-up word of the caller's join: bumped (and notified once it reaches COUNT) when a chunk is
 * settled. Only a hint: the chunk states say whether the job is complete.
 */
export const FINISHED = 3;
/** 1 = the pool is closing: loops return. */
export const STOP = 4;
/**
 * Test hook, looked at by a worker once per job, taken by the next chunk a worker claims: 1 = it
 * throws, 2 = the thread exits right after the claim, 3 = right after the chunk is done.
 */
export const FAULT = 5;
/** LAYOUT, written by the caller: a worker script built from other sources refuses to serve. */
export const VERSION = 6;

// Worker line k starts at (k + 1) · LINE.
/** 0 = no loop serves this line, 1 = a loop serves it, 2 = the caller is starting one. */
export const LIVE = 0;
/** Chunks this worker line has run since the pool started (tests check that workers take part). */
export const RAN = 3;

export const CHUNK_BITS = 11;
/** Most chunks in one job. */
export const MAX_CHUNKS = (1 << CHUNK_BITS) - 1;
export const GEN_MASK = (1 << (31 - CHUNK_BITS)) - 1;
/** A state word: the job's generation and a code (FREE, DONE, LOST or the claimant's). */
export const tag = (go: number, code: number) => ((go & GEN_MASK) << CHUNK_BITS) | code;

// Chunk state codes. A claimant's code is its worker line (1 + slot) or, for the caller, workers + 1.
export const FREE = 0;
/** Ran to its end. */
export const DONE = MAX_CHUNKS;
/** Threw, or its thread died while holding it: it counts as settled and fails the call. */
export const LOST = MAX_CHUNKS - 1;
/** Most worker threads a board serves (their codes and the caller's stay below LOST). */
export const MAX_WORKERS = LOST - 2;
/** Words of the chunk-state area, at the end of the control array (whole lines). */
const STATE_WORDS = Math.ceil(MAX_CHUNKS / LINE) * LINE;
/** Index of chunk 0's state word. */
export const statesOf = (control: Int32Array) => control.length - STATE_WORDS;
/** The caller's claimant code on a board of `workers` worker lines. */
export const callerCode = (workers: number) => workers + 1;

/**
 * Payload (f64): [chunk count, offset of chunk 0, …, offset of chunk count−1, records…], a chunk
 * being [calls, then per call: fn, nptrs, ptrs…, n, nscalars, scalars…, out (−1 = none)].
 */
export const PAYLOAD = 1 << 16;
/** Signature of this layout (a stale dist/ worker under vitest would otherwise misread the board). */
export const LAYOUT = [LINE, GO, COUNT, FINISHED, STOP, FAULT, VERSION, LIVE, RAN, CHUNK_BITS, PAYLOAD, STATE_WORDS, 3]
  .reduce((h, x) => (Math.imul(h, 31) + x) | 0, 7);

export interface Board {
  control: Int32Array;
  payload: Float64Array;
}

export function createBoard(workers: number): Board {
  if (workers > MAX_WORKERS) throw new Error(`a job board serves at most ${MAX_WORKERS} workers`);
  const control = new Int32Array(new SharedArrayBuffer(((workers + 1) * LINE + STATE_WORDS) * 4));
  const payload = new Float64Array(new SharedArrayBuffer(PAYLOAD * 8));
  control[VERSION] = LAYOUT;
  return { control, payload };
}

/** What a chunk's call carries through the payload (a kernel call or a task, by function index). */
export interface ChunkCall {
  ptrs: readonly number[];
  n: number;
  scalars: readonly number[];
  out?: number;
}

/**
 * Writes the chunks `parts` into the payload (`fnOf` gives each call's function index); false if
 * they do not fit (nothing is published: the header words are written by the caller afterwards).
 */
export function writeChunks<C extends ChunkCall>(pl: Float64Array, parts: readonly (readonly C[])[], fnOf: (c: C) => number): boolean {
  let p = 1 + parts.length;
  for (let k = 0; k < parts.length; k++) {
    pl[1 + k] = p;
    if (p + 1 > PAYLOAD) return false;
    pl[p++] = parts[k]!.length;
    for (const c of parts[k]!) {
      if (p + 5 + c.ptrs.length + c.scalars.length > PAYLOAD) return false;
      pl[p++] = fnOf(c);
      pl[p++] = c.ptrs.length;
      for (const x of c.ptrs) pl[p++] = x;
      pl[p++] = c.n;
      pl[p++] = c.scalars.length;
      for (const x of c.scalars) pl[p++] = x;
      pl[p++] = c.out ?? -1;
    }
  }
  pl[0] = parts.length;
  return true;
}

/** Runs chunk `index` of the payload through `fns` (the module's exports in export order). */
export function runChunk(payload: Float64Array, index: number, fns: ((...a: number[]) => unknown)[], args: number[]): void {
  let p = payload[1 + index]!;
  const count = payload[p++]!;
  for (let c = 0; c < count; c++) {
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

/** Test hooks of work(): after a chunk is claimed, and after it is done but before it is counted. */
export interface WorkHooks {
  claimed(index: number): void;
  done(index: number): void;
}

/**
 * Claims and runs chunks of job `go` until none is left (other threads claim too), as claimant
 * `me`. A chunk that throws stays marked with `me`: whoever handles the error marks it LOST
 * (loseChunks). `onClaim` runs after each claim (the workers count their chunks). Returns the
 * number of chunks it ran.
 */
export function work(
  control: Int32Array,
  payload: Float64Array,
  go: number,
  fns: ((...a: number[]) => unknown)[],
  me: number,
  onClaim?: (index: number) => void,
  hooks?: WorkHooks,
): number {
  const base = statesOf(control), gen = go & GEN_MASK, args: number[] = [];
  const free = tag(go, FREE), mine = tag(go, me);
  let ran = 0;
  for (let i = 0; i < Atomics.load(control, COUNT); i++) {
    const s = Atomics.load(control, base + i);
    if (s !== free) {
      if (s >>> CHUNK_BITS !== gen) return ran; // another job's word: this one is over for us
      continue; // claimed (or done) by another thread
    }
    if (Atomics.compareExchange(control, base + i, free, mine) !== free) continue;
    onClaim?.(i);
    hooks?.claimed(i);
    runChunk(payload, i, fns, args);
    Atomics.store(control, base + i, tag(go, DONE));
    hooks?.done(i);
    ran++;
    settled(control);
  }
  return ran;
}

/** Bumps the join's wake-up word; the caller only waits for the count, so notify from there on. */
export function settled(control: Int32Array): void {
  if (Atomics.add(control, FINISHED, 1) + 1 >= Atomics.load(control, COUNT)) Atomics.notify(control, FINISHED);
}

/** True when every chunk of job `go` is DONE or LOST. */
export function jobSettled(control: Int32Array, go: number, count: number): boolean {
  const base = statesOf(control), done = tag(go, DONE), lost = tag(go, LOST);
  for (let i = 0; i < count; i++) {
    const s = Atomics.load(control, base + i);
    if (s !== done && s !== lost) return false;
  }
  return true;
}

/**
 * Marks the chunks of job `go` that claimant `code` holds as LOST (its chunk threw, or its thread
 * is gone) and wakes the join. Returns how many it held.
 */
export function loseChunks(control: Int32Array, go: number, code: number): number {
  const base = statesOf(control), held = tag(go, code), count = Atomics.load(control, COUNT);
  let lost = 0;
  for (let i = 0; i < count; i++)
    if (Atomics.compareExchange(control, base + i, held, tag(go, LOST)) === held) lost++;
  Atomics.add(control, FINISHED, 1);
  Atomics.notify(control, FINISHED);
  return lost;
}

/** ms the caller spins on the job before it awaits it asynchronously. */
const SPIN_MS = 0.1;

/**
 * Waits until the `count` chunks of job `go` are settled (done or lost): a short spin, then
 * asynchronous waits on the wake-up word of at most `waitMs` each, calling `poll` after every wake
 * (workers only signal the last chunk). The chunk states decide, not the word.
 */
export async function joinJob(control: Int32Array, go: number, count: number, waitMs: number, poll?: () => void): Promise<void> {
  const until = performance.now() + SPIN_MS;
  do if (Atomics.load(control, FINISHED) >= count && jobSettled(control, go, count)) return;
  while (performance.now() < until);
  for (;;) {
    // Read the word before the states: a chunk settled after the look changes it, so the wait
    // returns at once.
    const seen = Atomics.load(control, FINISHED);
    if (jobSettled(control, go, count)) return;
    const w = waitAsync(control, FINISHED, seen, waitMs);
    if (w.async) await w.value;
    poll?.();
  }
}

/** Atomics.waitAsync (Node >= 16; typed in lib es2024, which this package does not target). */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, i: number, v: number, timeout?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;
