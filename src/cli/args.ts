// Argument helpers shared by the subcommands: a UsageError (exit code 2, one line) and checked
// conversions of option strings to numbers.

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

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

/** A finite number from an option string, optionally bounded; otherwise a UsageError naming it. */
export function numberOption(name: string, raw: string, min = -Infinity, max = Infinity): number {
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    const range = max === Infinity ? `a number >= ${min}` : `a number in [${min}, ${max}]`;
    throw new UsageError(`--${name} ${JSON.stringify(raw)} is not ${range}`);
  }
  return v;
}

/** An integer option in [min, max]. */
export function intOption(name: string, raw: string, min: number, max = Infinity): number {
  const v = numberOption(name, raw, min, max);
  if (!Number.isInteger(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} is not an integer`);
  return v;
}

/** One of a fixed set of words. */
export function choiceOption<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const v = raw.toLowerCase() as T;
  if (!choices.includes(v)) throw new UsageError(`--${name} ${JSON.stringify(raw)} must be one of ${choices.join(', ')}`);
  return v;
}
