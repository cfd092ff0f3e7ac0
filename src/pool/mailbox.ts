// The shared-memory mailboxes between the calling thread and the pool's worker loops: one control
// line (Int32, one 64-byte cache line per worker) and one f64 payload per worker, in a
// SharedArrayBuffer of their own. Imported by the worker, so it depends on nothing else.

/** Int32 words per control line (64 bytes, so workers never share a cache line). */
export const LINE = 16;
/** Jobs posted to this mailbox (the caller increments it and notifies). */
export const GO = 0;
/** Last job finished (the worker stores GO's value and notifies). */
export const DONE = 1;
/** 0 = no worker loop serves this mailbox, 1 = a loop serves it, 2 = the caller is starting one. */
export const LIVE = 2;
/** 1 = the worker's job threw; the payload then holds the message. */
export const FAILED = 3;
/** Test-only fault for the next job: 1 = throw, 2 = exit the worker thread. */
export const FAULT = 4;
/** 1 = the pool is closing: the loop returns. */
export const STOP = 5;

/** f64 values per payload: [count, then per call: fn, nptrs, ptrs…, n, nscalars, scalars…, out (-1 = none)]. */
export const PAYLOAD = 8192;

export interface Mailboxes {
  control: Int32Array;
  payload: Float64Array;
}

export function createMailboxes(count: number): Mailboxes {
  const control = new Int32Array(new SharedArrayBuffer(Math.max(1, count) * LINE * 4));
  const payload = new Float64Array(new SharedArrayBuffer(Math.max(1, count) * PAYLOAD * 8));
  return { control, payload };
}

/** Writes an error message into a payload (as UTF-16 code units, length first). */
export function writeMessage(payload: Float64Array, base: number, text: string): void {
  const s = text.slice(0, PAYLOAD - 1);
  payload[base] = s.length;
  for (let i = 0; i < s.length; i++) payload[base + 1 + i] = s.charCodeAt(i);
}

export function readMessage(payload: Float64Array, base: number): string {
  const len = Math.min(PAYLOAD - 1, payload[base]! | 0);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(payload[base + 1 + i]!);
  return s;
}
