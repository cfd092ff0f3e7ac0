// Progress lines on stderr with the elapsed time since the demo started: "[  12.3s] message".
import type { Io } from '../cli/args.js';

export interface Progress {
  (message: string): void;
  /** Seconds since the start. */
  elapsed(): number;
}

export function progress(io: Io, quiet = false): Progress {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  const say = ((message: string) => {
    if (!quiet) io.err(`[${elapsed().toFixed(1).padStart(6)}s] ${message}\n`);
  }) as Progress;
  say.elapsed = elapsed;
  return say;
}

/** Runs `fn` and returns its result with the wall time in seconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}
