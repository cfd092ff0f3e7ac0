// Installing and building: the lock file agrees with package.json (so `npm install` leaves it as
// committed), a user's install of the package runs no lifecycle script (npm lists `prepare` of a
// tarball or git install as an unreviewed install script), and scripts/build-stamp.mjs rebuilds
// exactly when the build's inputs changed or an output is missing (npm start/test/pack use it).
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string> };

describe('package.json and package-lock.json', () => {
  it("the lock file's root entry is what npm install would write for package.json", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };
    expect([lock.name, lock.version]).toEqual([pkg.name, pkg.version]);
    const root = lock.packages['']!;
    // npm records bin paths without the leading './'.
    const bin = Object.fromEntries(Object.entries(pkg.bin as Record<string, string>).map(([k, v]) => [k, v.replace(/^\.\//, '')]));
    expect(root).toEqual({
      name: pkg.name, version: pkg.version, license: pkg.license, dependencies: pkg.dependencies, bin,
      devDependencies: pkg.devDependencies, engines: pkg.engines,
      peerDependencies: pkg.peerDependencies, peerDependenciesMeta: pkg.peerDependenciesMeta,
    });
  });

  it('a user installing the package runs no lifecycle script', () => {
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[s], s).toBeUndefined();
    // The clone's entry points build for themselves instead (when the build is stale).
    for (const s of ['prestart', 'pretest', 'prepack']) expect(pkg.scripts[s]).toBe('node scripts/build-stamp.mjs ensure');
    expect(pkg.scripts.build).toMatch(/^node scripts\/build-stamp\.mjs begin && .+ && node scripts\/build-stamp\.mjs done$/);
  });
});

describe('scripts/build-stamp.mjs', () => {
  let root = '';
  const stamp = (...args: string[]) => spawnSync(process.execPath, ['scripts/build-stamp.mjs', ...args, '--root', root], { cwd: root, encoding: 'utf8' });
  const builds = () => readFileSync(join(root, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;
  /** What `npm run build` runs in the fixture, without npm's start-up (ensure itself is tested once). */
  const build = () => {
    for (const args of [['scripts/build-stamp.mjs', 'begin'], ['fake-build.mjs'], ['scripts/build-stamp.mjs', 'done']]) {
      expect(spawnSync(process.execPath, args, { cwd: root }).status).toBe(0);
    }
  };

  beforeAll(() => {
    // A project in miniature: the real script, inputs in each input tree, and a build that writes
    // every output the script checks and logs each run.
    root = mkdtempSync(join(tmpdir(), 'shrinkage-stamp-'));
    mkdirSync(join(root, 'scripts'));
    cpSync(join(ROOT, 'scripts/build-stamp.mjs'), join(root, 'scripts/build-stamp.mjs'));
    const files: Array<[string, string]> = [['src/a.ts', 'export const a = 1;\n'], ['assembly/k.ts', 'export function k(): i32 { return 1; }\n'], ['bench/b.ts', 'export {};\n'], ['builds.log', '']];
    for (const [f, text] of files) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    writeFileSync(join(root, 'fake-build.mjs'), [
      "import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';",
      "import { dirname } from 'node:path';",
      "import { OUTPUTS } from './scripts/build-stamp.mjs';",
      "if (process.env.FAIL_BUILD) process.exit(1);",
      "for (const f of OUTPUTS) { mkdirSync(dirname(f), { recursive: true }); writeFileSync(f, 'built'); }",
      "appendFileSync('builds.log', 'build\\n');",
    ].join('\n'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({
      name: 'stamp-fixture', private: true, type: 'module',
      scripts: { build: 'node scripts/build-stamp.mjs begin && node fake-build.mjs && node scripts/build-stamp.mjs done' },
    }));
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds when nothing is built, then not again until an input changes', () => {
    expect(stamp('check').status).toBe(1);
    const first = stamp('ensure');
    expect(first.stdout).toContain('building: src/wasm/module.generated.ts is missing');
    expect(first.status).toBe(0);
    expect(builds()).toBe(1);
    expect(stamp('check').stdout).toContain('build is current');
    const again = stamp('ensure');
    expect(again.stdout).toContain('build is current: not rebuilding');
    expect(builds()).toBe(1);
  });

  it('goes by content: a touched file is current, an edited one is stale; outputs and data are no inputs', () => {
    utimesSync(join(root, 'src/a.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(stamp('check').status).toBe(0);
    writeFileSync(join(root, 'src/wasm/module.generated.ts'), 'regenerated');
    writeFileSync(join(root, 'README.md'), 'docs');
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/latest.json'), '{}');
    expect(stamp('check').status).toBe(0);
    for (const input of ['src/a.ts', 'assembly/k.ts', 'bench/b.ts', 'package.json']) {
      appendFileSync(join(root, input), input.endsWith('.json') ? ' ' : '// edit\n');
      const r = stamp('check');
      expect(r.status, input).toBe(1);
      expect(r.stdout).toContain('sources changed since the last build');
      build();
      expect(stamp('check').status, input).toBe(0);
    }
    expect(builds()).toBe(5);
  });

  it('a missing output or a failed build leaves the build stale', () => {
    rmSync(join(root, 'dist/bundle/index.js'));
    expect(stamp('check').stdout).toContain('dist/bundle/index.js is missing');
    build();
    expect(stamp('check').status).toBe(0);
    appendFileSync(join(root, 'src/a.ts'), '// another edit\n');
    const failed = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', env: { ...process.env, FAIL_BUILD: '1' }, shell: process.platform === 'win32' });
    expect(failed.status).not.toBe(0);
    expect(stamp('check').stdout).toContain('.build-stamp is missing');
  });
});
