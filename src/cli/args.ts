// Argument helpers shared by the subcommands: a UsageError (exit code 2, one line), the one format
// of every error line, and checked conversions of option strings to numbers.
import type { ErrorCode } from '../errors.js';
import { DECIMAL } from './csv.js';

/**
 * A mistake in how the command was called or in what it was given: printed as one line, exit code
 * 2. `code` says what kind: E_TYPE (an unknown, missing or conflicting option, a value of the wrong
 * kind), E_RANGE (a number outside its range), E_MEMORY (data too large for the engine).
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

/**
 * The one error line of the CLI, "shrinkage COMMAND: E_CODE: message" (or "shrinkage: E_CODE: …"
 * before a command is known). A message that already starts with a "shrinkage …: " prefix (the
 * demo's) loses it, so no line carries two.
 */
export function errorLine(command: string | undefined, code: string, message: string): string {
  const body = message.replace(/^shrinkage( [a-z]+)?: /, '').replace(new RegExp(`^${code}: `), '');
  return `shrinkage${command ? ` ${command}` : ''}: ${code}: ${body}`;
}

/** Runs node:util parseArgs (strict) and turns its errors into one-line UsageErrors. */
export function parseOrUsage<T>(command: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new UsageError(`${msg} (see shrinkage ${command} --help)`);
  }
}

/** Bounds of a numeric option: [min, max], or (min, max] with `aboveMin`. */
export interface NumberRange {
  min?: number;
  max?: number;
  aboveMin?: boolean;
}

function rangeText({ min = -Infinity, max = Infinity, aboveMin = false }: NumberRange, what = 'a number'): string {
  if (max === Infinity) return `${what} ${aboveMin ? '>' : '>='} ${min}`;
  return `${what} in ${aboveMin ? '(' : '['}${min}, ${max}]`;
}

/**
 * A finite number from an option string, written as the CSV reader accepts numbers (plain decimal:
 * no hex, Infinity or NaN), optionally bounded; otherwise a UsageError naming it. A decimal too
 * large for float64 (1e999) is a range error, not a type error.
 */
export function numberOption(name: string, raw: string, range: NumberRange = {}, what = 'a number'): number {
  const { min = -Infinity, max = Infinity, aboveMin = false } = range;
  if (!DECIMAL.test(raw.trim()))
    throw new UsageError(`--${name} ${JSON.stringify(raw)} is not ${rangeText(range, what)} (plain decimal, e.g. 0.5 or 1e-3)`, 'E_TYPE');
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} overflows float64 (|x| > 1.8e308)`, 'E_RANGE');
  if (v < min || v > max || (aboveMin && v === min)) throw new UsageError(`--${name} ${JSON.stringify(raw)} is not ${rangeText(range, what)}`, 'E_RANGE');
  return v;
}

/** An integer option in [min, max]. */
export function intOption(name: string, raw: string, min: number, max = Infinity): number {
  const v = numberOption(name, raw, { min, max }, 'an integer');
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

/**
 * Refuses an option given twice with different values (`--alpha 1 --alpha 2`): parseArgs would keep
 * the last one silently. The same value twice is accepted.
 */
export function refuseConflictingRepeats(tokens: readonly { kind: string; name?: string; value?: string | undefined }[]): void {
  const seen = new Map<string, string | undefined>();
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name === undefined) continue;
    if (seen.has(t.name) && seen.get(t.name) !== t.value)
      throw new UsageError(`--${t.name} is given twice with different values (${JSON.stringify(seen.get(t.name))} and ${JSON.stringify(t.value)})`);
    seen.set(t.name, t.value);
  }
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const v = raw.toLowerCase() as T;
  if (!choices.includes(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} must be one of ${choices.join(', ')}`);
  return v;
}
