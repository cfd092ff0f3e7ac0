// Every TypeScript/JavaScript block of README.md and docs/*.md runs as written against the built
// package: each block is transpiled (esbuild, types stripped) to an .mjs file under out/ inside the
// repository, so that `import … from 'shrinkage'` resolves through package.json's "exports" to the
// built bundle (dist/bundle/index.js), and run with Node; it must exit 0 with nothing on stderr and
// print every `// → line` it documents, in order. The TypeScript blocks are also type-checked
// (strict) against the built declarations. Blocks marked `<!-- not-run: why -->` are fragments and
// are skipped (they must stay few). Shell blocks are not executed (they run the demo, the
// benchmarks or Python/R fixture scripts, minutes each): the npm scripts and the files they name
// must exist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docBlocks, documentedOutput, inOrder, shellReferences, type DocBlock } from './support/doc-blocks.js';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks: DocBlock[] = DOCS.flatMap((f) => docBlocks(f, readFileSync(join(ROOT, f), 'utf8')));
const programs = blocks.filter((b) => b.kind === 'program');
const runnable = programs.filter((b) => b.notRun === null);
const shell = blocks.filter((b) => b.kind === 'shell');
const slug = (b: DocBlock) => `${b.file.replace(/\.md$/, '').replace(/\//g, '-')}-${b.line}`;
const isTs = (b: DocBlock) => b.lang === 'ts' || b.lang === 'typescript';

let dir = '';

beforeAll(() => {
  // A stale bundle would test yesterday's code: refuse to run on it (npm test builds first).
  const check = spawnSync(process.execPath, ['scripts/build-stamp.mjs', 'check'], { cwd: ROOT, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(check.stdout.trim() || check.stderr.trim());
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  dir = mkdtempSync(join(ROOT, 'out', 'doc-blocks-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('code blocks of README.md and docs/*.md', () => {
  it('finds the programs, and fragments marked not-run stay the exception', () => {
    expect(runnable.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(2);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
    // Fragments are allowed where a block summarizes signatures instead of being a program.
    expect(programs.filter((b) => b.notRun !== null).map((b) => `${b.file}:${b.line}`).length).toBeLessThanOrEqual(2);
  });

  it.each(runnable.map((b) => [`${b.file}:${b.line}`, b] as const))('%s runs and prints what it documents', (_, b) => {
    const { code } = transformSync(b.code, { loader: isTs(b) ? 'ts' : 'js', format: 'esm', target: 'node20', sourcefile: `${b.file}:${b.line}` });
    writeFileSync(join(dir, `${slug(b)}.mjs`), code);
    const r = spawnSync(process.execPath, [join(dir, `${slug(b)}.mjs`)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr, r.stderr).toBe('');
    expect(r.status).toBe(0);
    const want = documentedOutput(b.code);
    if (/console\.log/.test(b.code)) expect(r.stdout.trim()).not.toBe('');
    expect(inOrder(r.stdout.split('\n'), want), `expected these lines in order:\n${want.join('\n')}\ngot:\n${r.stdout}`).toBe(true);
  });

  it('the TypeScript blocks type-check (strict) against the built declarations', () => {
    const ts = runnable.filter(isTs);
    expect(ts.length).toBeGreaterThan(0);
    for (const b of ts) writeFileSync(join(dir, `${slug(b)}.mts`), `${b.code}\nexport {};\n`);
    const files = ts.map((b) => `${slug(b)}.mts`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], noEmit: true, skipLibCheck: true },
      files,
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('shell blocks (not executed) name npm scripts and files that exist', () => {
    expect(shell.length).toBeGreaterThan(0);
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    for (const b of shell) {
      const refs = shellReferences(b.code);
      for (const s of refs.scripts) expect(scripts, `${b.file}:${b.line}: npm run ${s}`).toContain(s);
      for (const f of refs.files) expect(existsSync(join(ROOT, f)), `${b.file}:${b.line}: ${f}`).toBe(true);
    }
  });
});
