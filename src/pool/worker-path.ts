// Where the pool's worker script is. Resolved only when a pool starts (threads > 1), never at import
// time, so a bundle that runs with threads: 1 never looks for it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errState } from '../errors.js';

/**
 * The compiled worker next to this module (dist/src/pool/worker.js), or, when this module runs
 * from the TypeScript sources (vitest, tsx), the built one in dist/ (run `npm run build` first).
 */
export function workerFile(): string {
  const here = import.meta.url;
  const candidates = [new URL('./worker.js', here)];
  if (here.endsWith('.ts')) candidates.push(new URL('../../dist/src/pool/worker.js', here));
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw errState(
    `the pool worker script was not found (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')}); ` +
      'ship dist/src/pool/worker.js and dist/src/pool/mailbox.js next to this module, or use createEngine({ threads: 1 })',
  );
}
