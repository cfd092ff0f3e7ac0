// The npm package as a user gets it: `npm pack`, install the tarball into a fresh project (piscina
// comes from the registry or npm's cache), then run createEngine + prox (+ an AdamW step) from ESM
// and from CommonJS. Packs once per run of this file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { cjsImportProgram, cjsRequireProgram, esmProgram, expectedAdamW, expectedProx } from './support/consumer.js';

const ROOT = resolve(import.meta.dirname, '..');
const hasAdamW = typeof (api as Record<string, unknown>).AdamW === 'function';
const requireEsm = Boolean((process.features as { require_module?: boolean }).require_module);

interface PackInfo { filename: string; size: number; files: Array<{ path: string }> }

let dir = '';
let app = '';
let pack: PackInfo;

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/bundle/index.js'))) npm(['run', 'build'], ROOT);
  dir = mkdtempSync(join(tmpdir(), 'shrinkage-pack-'));
  pack = (JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as PackInfo[])[0]!;
  app = join(dir, 'app');
  execFileSync('mkdir', [app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  npm(['install', join(dir, pack.filename), '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], app);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(file: string, source: string): { backend: string; prox: number[]; adamw?: number } {
  writeFileSync(join(app, file), source);
  const out = execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('npm pack', () => {
  it('ships only built JS, types, the embedded wasm, README and LICENSE, within 250 kB', () => {
    const paths = pack.files.map((f) => f.path);
    for (const p of paths) expect(p).toMatch(/^(dist\/src\/.+\.(js|d\.ts)|dist\/bundle\/[\w-]+\.js|README\.md|LICENSE|package\.json)$/);
    expect(paths).toContain('dist/bundle/index.js'); // what `import 'shrinkage'` loads
    expect(paths).toContain('dist/src/index.js');
    expect(paths).toContain('dist/src/index.d.ts');
    expect(paths).toContain('dist/src/wasm/module.generated.js');
    expect(paths.some((p) => /^(test|bench|assembly|scripts|docs)\//.test(p) || p.endsWith('.map'))).toBe(false);
    expect(pack.size).toBeLessThanOrEqual(250_000);
    // The module is embedded in the JS (deflated, base64) once, and the bundle imports that file:
    // no .wasm file is looked up and no second copy ships.
    const embedded = readFileSync(join(app, 'node_modules/shrinkage/dist/src/wasm/module.generated.js'), 'utf8');
    const b64 = /WASM_DEFLATED_BASE64 = ["']([A-Za-z0-9+/=]+)["']/.exec(embedded)?.[1];
    expect(b64).toBeDefined();
    expect([...inflateRawSync(Buffer.from(b64!, 'base64')).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]); // "\0asm"
    // The entry and shrinkage/tfjs share chunks: the import may sit in either file or a shared chunk.
    const dir = join(app, 'node_modules/shrinkage/dist/bundle');
    const bundle = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(bundle.split('../src/wasm/module.generated.js').length - 1).toBe(1);
    expect(bundle).not.toContain(b64!.slice(0, 64));
  });

  it("type-checks a consumer of both entries against the shipped declarations alone", () => {
    // The tarball leaves out declarations no public type reaches (CLI, pool, kernel definitions,
    // solver internals): a strict consumer without skipLibCheck must still find every type.
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const check = (file: string, skipLibCheck: boolean, lines: string[]) => {
      writeFileSync(join(app, file), lines.join('\n') + '\n');
      writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
        strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck,
        types: [], typeRoots: [join(ROOT, 'node_modules/@types')],
      }, files: [file] }));
      const r = spawnSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app, encoding: 'utf8' });
      return r.stdout + r.stderr;
    };
    // The core entry with every shipped declaration checked.
    expect(check('core.mts', false, [
      "import { createEngine, fitLinear, crossValidate, l1, AdamW, type FitResult, type CvResult, type Engine } from 'shrinkage';",
      'const e: Engine = await createEngine({ threads: 1 });',
      "const fit: FitResult = await fitLinear(e, { X: { kind: 'dense', rows: 2, cols: 1, data: new Float64Array([1, 2]) }, y: new Float64Array([1, 2]), penalty: l1(0.1) });",
      'const cv: CvResult | undefined = undefined; void cv; void fit; void AdamW; void crossValidate;',
      '// @ts-expect-error the options are typed (not any): lr is a number',
      "void fitLinear(e, { X: 1 });",
    ])).toBe('');
    // shrinkage/tfjs with its optional peer installed (tfjs-core's own .d.ts need skipLibCheck); the
    // expected error shows its types resolve rather than falling back to any.
    mkdirSync(join(app, 'node_modules/@tensorflow'), { recursive: true });
    if (!existsSync(join(app, 'node_modules/@tensorflow/tfjs-core'))) symlinkSync(join(ROOT, 'node_modules/@tensorflow/tfjs-core'), join(app, 'node_modules/@tensorflow/tfjs-core'));
    expect(check('tfjs.mts', true, [
      "import { AdamW, type TfjsOptions } from 'shrinkage/tfjs';",
      "const o: TfjsOptions<{ lr?: number }> = { lr: 1e-3 }; void o;",
      '// @ts-expect-error lr is a number',
      "void new AdamW({ lr: 'fast' });",
    ])).toBe('');
  }, 60_000);

  it('keeps the demo dataset and tooling out of the runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/shrinkage/package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['piscina']);
    expect(existsSync(join(app, 'node_modules/@stdlib'))).toBe(false);
  });
});

describe('installed tarball', () => {
  it('runs createEngine + prox from ESM', () => {
    const r = run('esm.mjs', esmProgram(false));
    expect(r.backend).toBe('wasm');
    expect(r.prox).toEqual(expectedProx());
  });

  it('with threads: 1 reads no file outside the package (piscina is never loaded)', () => {
    // Node's permission model denies every read outside these paths: an eager import of piscina
    // (or a .wasm file lookup) would fail with ERR_ACCESS_DENIED.
    writeFileSync(join(app, 'sandboxed.mjs'), esmProgram(false));
    const out = execFileSync(
      process.execPath,
      ['--experimental-permission', `--allow-fs-read=${join(app, 'sandboxed.mjs')}`, `--allow-fs-read=${join(app, 'node_modules/shrinkage')}/*`, '--no-warnings', 'sandboxed.mjs'],
      { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(JSON.parse(out.trim()).prox).toEqual(expectedProx());
  });

  it('runs from CommonJS via await import() (every Node >= 20)', () => {
    expect(run('cjs-import.cjs', cjsImportProgram(false)).prox).toEqual(expectedProx());
  });

  it.skipIf(!requireEsm)('runs from CommonJS via require() where Node loads ESM with require (>= 20.19)', () => {
    expect(run('cjs-require.cjs', cjsRequireProgram(false)).prox).toEqual(expectedProx());
  });

  it.skipIf(!hasAdamW)('runs an AdamW step from ESM and CommonJS', () => {
    for (const [file, src] of [['esm-adam.mjs', esmProgram(true)], ['cjs-adam.cjs', cjsImportProgram(true)]] as const) {
      const r = run(file, src);
      expect(r.prox).toEqual(expectedProx());
      expect(r.adamw).toBeCloseTo(expectedAdamW(), 6);
    }
  });
});
