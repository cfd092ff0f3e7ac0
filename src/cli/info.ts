// `shrinkage info`: what this installation runs on (backend, threads, SIMD, versions).
import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine/create.js';
import { simdSupported } from '../wasm/load.js';
import { parseOrUsage, type Io } from './args.js';
import { plural } from './words.js';

export const INFO_HELP: string = `Usage: shrinkage info [--json]

Prints the backend an engine created with createEngine({ threads: 'auto' }) gets, its thread
count, whether this runtime has WebAssembly SIMD, and the versions of shrinkage, Node and V8.
`;

/** The version in the nearest package.json named "shrinkage" above this file (src/ or dist/src/). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'shrinkage') return pkg.version ?? 'unknown';
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** Runs `shrinkage info`; returns the exit code. */
export async function runInfo(argv: string[], io: Io): Promise<number> {
  const { values } = parseOrUsage('info', () => parseArgs({ args: argv, strict: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  if (values.help) {
    io.out(INFO_HELP);
    return 0;
  }
  const engine = await createEngine({ threads: 'auto' });
  const info = {
    shrinkage: packageVersion(),
    backend: engine.backend,
    threads: engine.threads,
    cpus: availableParallelism(),
    wasmSimd: simdSupported(),
    sharedMemory: typeof SharedArrayBuffer === 'function',
    node: process.versions.node,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
  };
  await engine.close();
  if (values.json) io.out(JSON.stringify(info, null, 2) + '\n');
  else {
    const rows: [string, string][] = [
      ['shrinkage', info.shrinkage], ['backend', info.backend],
      ['threads', `${info.threads} (of ${plural(info.cpus, 'available CPU')})`], ['wasm SIMD', info.wasmSimd ? 'yes' : 'no'],
      ['SharedArrayBuffer', info.sharedMemory ? 'yes' : 'no'], ['node', info.node], ['v8', info.v8], ['platform', info.platform],
    ];
    io.out(rows.map(([k, v]) => `${k.padEnd(18)} ${v}`).join('\n') + '\n');
  }
  return 0;
}
