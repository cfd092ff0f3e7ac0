// Bundlers and serverless: esbuild bundles a small handler that imports 'shrinkage' into one file;
// a fresh node process runs it with threads: 1 under Node's permission model, allowed to read only
// that one file — so the embedded wasm is all it needs (no file lookups, no node_modules).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedProx, PROX_INPUT, PROX_T } from './support/consumer.js';

const ROOT = resolve(import.meta.dirname, '..');
let dir = '';

/** package.json exports['.'].import: the file a bundler resolves 'shrinkage' to. */
function packageEntry(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import: string }> };
  return pkg.exports['.']!.import;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, packageEntry()))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'shrinkage-bundle-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A serverless-style handler: a fresh engine per cold start, one prox and one penalty. */
const HANDLER = `
import { createEngine, l1, l2 } from 'shrinkage';
export async function handler(event) {
  const engine = await createEngine({ threads: 1 });
  const w = engine.from(event.values);
  engine.proxSync(w, l1(event.lambda), event.lr);
  const penalty = engine.penaltySync(w, l2(1));
  const result = { backend: engine.backend, threads: engine.threads, prox: Array.from(w), penalty };
  await engine.close();
  return result;
}
handler({ values: ${JSON.stringify(PROX_INPUT)}, lambda: ${PROX_T}, lr: 1 }).then((r) => console.log(JSON.stringify(r)));
`;

describe('esbuild bundle', () => {
  it('runs in a fresh process that may read nothing but the bundle, with the right numbers', async () => {
    writeFileSync(join(dir, 'handler.mjs'), HANDLER);
    const outfile = join(dir, 'out', 'handler.bundle.mjs');
    await build({
      entryPoints: [join(dir, 'handler.mjs')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      alias: { shrinkage: join(ROOT, packageEntry()) }, // what resolving 'shrinkage' gives a bundler
      logLevel: 'silent',
    });
    expect(readdirSync(join(dir, 'out'))).toEqual(['handler.bundle.mjs']); // one file, no .wasm beside it
    const out = execFileSync(
      process.execPath,
      ['--experimental-permission', `--allow-fs-read=${outfile}`, '--no-warnings', outfile],
      { cwd: join(dir, 'out'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const r = JSON.parse(out.trim());
    const want = expectedProx();
    expect(r.backend).toBe('wasm');
    expect(r.threads).toBe(1);
    expect(r.prox).toEqual(want);
    expect(r.penalty).toBeCloseTo(want.reduce((s, x) => s + x * x, 0), 6); // f32 sums within a block
  });
});
