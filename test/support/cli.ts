// Helpers shared by the CLI tests.
import { main } from '../../src/cli/main.js';
import type { ShrinkageError } from '../../src/errors.js';

/** Runs the CLI in-process with its output captured: exit code, stdout and stderr text. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** The error `fn` throws (a reader's coded error); fails the test when it throws none. */
export function thrownBy(fn: () => unknown): ShrinkageError {
  try {
    fn();
  } catch (e) {
    return e as ShrinkageError;
  }
  throw new Error('no error');
}
