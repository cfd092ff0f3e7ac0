// Argument helpers shared by the subcommands: a UsageError (exit code 2, one line) and checked
// conversions of option strings to numbers.
import type { ErrorCode } from '../errors.js';
import { DECIMAL } from './csv.js';

/**
 * A mistake in how the command was called: printed as one line, exit code 2. `code` says what kind:
 * E_TYPE (an unknown, missing or conflicting option, a value of the wrong kind), E_RANGE (a number
 * outside its range).
 */
export class UsageError extends Error {
  constructor(message: string, readonly code: ErrorCode = 'E_TYPE') {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Codes that mean "your input is wrong" (exit 2), as opposed to a failure inside shrinkage (exit 1). */
export const INPUT_CODES: ReadonlySet<string> = new Set(['E_PARSE', 'E_RANGE', 'E_TYPE', 'E_NOT_FINITE', 'E_LENGTH']);

export const processIo: Io = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};


/** Runs node:util parseArgs (strict) and turns its errors into one-line UsageErrors. */
export function parseOrUsage<T>(command: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new UsageError(`shrinkage ${command}: ${msg} (see shrinkage ${command} --help)`);
  }
}

/**
 * A finite number from an option string, written as the CSV reader accepts numbers (plain decimal:
 * no hex, Infinity or NaN), optionally bounded; otherwise a UsageError naming it.
 */
export function numberOption(name: string, raw: string, min = -Infinity, max = Infinity): number {
  const range = max === Infinity ? `a number >= ${min}` : `a number in [${min}, ${max}]`;
  const v = DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} is not ${range} (plain decimal, e.g. 0.5 or 1e-3)`, 'E_TYPE');
  if (v < min || v > max) throw new UsageError(`--${name} ${JSON.stringify(raw)} is not ${range}`, 'E_RANGE');
  return v;
}

/** An integer option in [min, max]. */
export function intOption(name: string, raw: string, min: number, max = Infinity): number {
  const v = numberOption(name, raw, min, max);
  if (!Number.isInteger(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} is not an integer`, 'E_RANGE');
  return v;
}

/**
 * node:util parseArgs reads `--alpha -1` as an option followed by another option and refuses it as
 * ambiguous. A value that looks like a negative number is joined to its option (`--alpha=-1`), so
 * it reaches the option's own range check.
 */
export function joinNegativeValues(argv: string[], valued: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, next = argv[i + 1];
    if (next !== undefined && valued.includes(a) && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const v = raw.toLowerCase() as T;
  if (!choices.includes(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} must be one of ${choices.join(', ')}`);
  return v;
}
