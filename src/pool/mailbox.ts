// Shared-memory job board between the calling thread and the pool's worker loops, in a
// SharedArrayBuffer of its own: a header line (the current job), one control line per worker
// (64 bytes each, so threads never share a cache line) and one f64 payload (the job's chunks).
// Imported by the worker, so it depends on nothing else.

/** Int32 words per line (64 bytes). */
export const LINE = 16;

// Header line (words 0..15).
/** Job generation: the caller increments it (after writing the job) and notifies every worker. */
export const GO = 0;
/** Chunks in the current job. */
export const COUNT = 1;
/** Next chunk to claim, tagged with the job: (GO & GEN_MASK) << CHUNK_BITS | index. */
export const NEXT = 2;
/** Chunks of the current job finished (by any thread). */
export const FINISHED = 3;
/** 1 = the pool is closing: loops return. */
export const STOP = 4;
/** 1 = test hook: the next chunk a worker runs throws; 2 = it exits its thread. */
export const FAULT = 5;
/** LAYOUT, written by the caller: a worker script built from other sources refuses to serve. */
export const VERSION = 6;

// Worker line k starts at (k + 1) · LINE.
/** 0 = no loop serves this line, 1 = a loop serves it, 2 = the caller is starting one. */
export const LIVE = 0;
/** Chunk index the worker is running, −1 when none (so a death can be accounted for). */
export const CLAIMED = 1;
/** Chunks this worker line has run since the pool started (tests check that workers take part). */
export const RAN = 3;

export const CHUNK_BITS = 11;
/** Most chunks in one job. */
export const MAX_CHUNKS = (1 << CHUNK_BITS) - 1;
export const GEN_MASK = (1 << (31 - CHUNK_BITS)) - 1;
/** The NEXT value for chunk `index` of job `go`. */
export const tag = (go: number, index: number) => ((go & GEN_MASK) << CHUNK_BITS) | index;

/**
 * Payload (f64): [chunk count, offset of chunk 0, …, offset of chunk count−1, records…], a chunk
 * being [calls, then per call: fn, nptrs, ptrs…, n, nscalars, scalars…, out (−1 = none)].
 */
export const PAYLOAD = 1 << 16;
/** Signature of this layout (a stale dist/ worker under vitest would otherwise misread the board). */
export const LAYOUT = [LINE, GO, COUNT, NEXT, FINISHED, STOP, FAULT, VERSION, LIVE, CLAIMED, RAN, CHUNK_BITS, PAYLOAD, 2]
  .reduce((h, x) => (Math.imul(h, 31) + x) | 0, 7);

export interface Board {
  control: Int32Array;
  payload: Float64Array;
}

export function createBoard(workers: number): Board {
  const control = new Int32Array(new SharedArrayBuffer((workers + 1) * LINE * 4));
  const payload = new Float64Array(new SharedArrayBuffer(PAYLOAD * 8));
  control[VERSION] = LAYOUT;
  // No worker holds a chunk yet (0 would be chunk 0, counted as finished if that worker died).
  for (let s = 1; s <= workers; s++) control[s * LINE + CLAIMED] = -1;
  return { control, payload };
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

/**
 * Claims and runs chunks of job `go` until none is left (other threads claim too). `claimed(i)`
 * runs after chunk i is claimed and `claimed(-1)` once it is done, before it is counted.
 * Returns the number of chunks this thread ran.
 */
export function work(
  control: Int32Array,
  payload: Float64Array,
  go: number,
  fns: ((...a: number[]) => unknown)[],
  claimed?: (index: number) => void,
): number {
  const want = tag(go, 0), args: number[] = [];
  let ran = 0;
  for (;;) {
    const c = Atomics.load(control, NEXT);
    if ((c & ~MAX_CHUNKS) !== want) return ran; // another job's counter: this one is fully claimed
    const index = c & MAX_CHUNKS;
    if (index >= Atomics.load(control, COUNT)) return ran;
    if (Atomics.compareExchange(control, NEXT, c, c + 1) !== c) continue;
    claimed?.(index);
    runChunk(payload, index, fns, args);
    claimed?.(-1);
    ran++;
    if (Atomics.add(control, FINISHED, 1) + 1 === Atomics.load(control, COUNT)) Atomics.notify(control, FINISHED);
  }
}
