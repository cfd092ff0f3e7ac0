// One inline engine per backend for a test file: created before its tests, closed after them.
import { afterAll, beforeAll } from 'vitest';
import { createEngine, type Engine } from '../../src/index.js';

export const BACKENDS = ['wasm', 'js'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Registers the hooks and returns the map they fill (read it inside tests, not at import). */
export function useEngines(): Map<BackendName, Engine> {
  const engines = new Map<BackendName, Engine>();
  beforeAll(async () => {
    for (const b of BACKENDS) engines.set(b, await createEngine({ backend: b, threads: 1 }));
  });
  afterAll(async () => {
    for (const e of engines.values()) await e.close();
  });
  return engines;
}
