// @tensorflow/tfjs-core is an optional peer dependency: `import 'shrinkage'` must never load it,
// only `import 'shrinkage/tfjs'` does. A fresh Node process gets a resolve hook that refuses every
// '@tensorflow/' specifier; the core bundle must import (and run) under it, the tfjs entry must not
// (the control that shows the hook works).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, { import: string; types: string }>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
};
let dir = '';

const HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/')) throw new Error('TFJS_LOADED ' + specifier);
  return next(specifier, context);
}`;

function runWithHook(entry: string, body: string): { status: number | null; out: string } {
  const main = join(dir, `main-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(main, `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});
const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, entry)).href)});
${body}`);
  const r = spawnSync(process.execPath, ['--no-warnings', main], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, pkg.exports['./tfjs']!.import))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'shrinkage-tfjs-import-'));
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tfjs-core is an optional peer', () => {
  it('package.json: subpath export ./tfjs, tfjs-core an optional peer and not a dependency', () => {
    expect(pkg.exports['./tfjs']).toEqual({ types: './dist/src/tfjs/index.d.ts', import: './dist/bundle/tfjs.js', default: './dist/bundle/tfjs.js' });
    expect(pkg.peerDependencies?.['@tensorflow/tfjs-core']).toBeDefined();
    expect(pkg.peerDependenciesMeta?.['@tensorflow/tfjs-core']?.optional).toBe(true);
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('@tensorflow/tfjs-core');
  });

  it("importing 'shrinkage' (the bundle) loads no @tensorflow module, and an optimizer step runs", () => {
    const r = runWithHook(pkg.exports['.']!.import, `
const e = await m.createEngine({ threads: 1 });
const param = e.from([1, -2, 3]), grad = e.from([0.5, 0.5, 0.5]);
new m.AdamW(e, [{ param, grad }], { lr: 0.1 }).stepSync();
console.log('OK', Array.from(param).join(','));
await e.close();`);
    expect(r.out).not.toContain('TFJS_LOADED');
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/^OK /m);
  });

  it("importing 'shrinkage/tfjs' does load @tensorflow/tfjs-core (the hook is live)", () => {
    const r = runWithHook(pkg.exports['./tfjs']!.import, "console.log('OK');");
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('TFJS_LOADED @tensorflow/tfjs-core');
  });
});
