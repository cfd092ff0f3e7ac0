// Whether the build (src/wasm/module.generated.ts and dist/) is current, by a content hash of its
// inputs: the kernels (assembly/), the TypeScript of src/ and bench/, the build configuration and
// scripts, package.json and the versions of the installed compilers. `npm run build` brackets
// itself with `begin` (hash the inputs as they are when the build starts, drop the old stamp) and
// `done` (the build succeeded: that hash becomes dist/.build-stamp); `npm start`, `npm test` and
// `npm pack` call `ensure`, which builds only when the stamp is missing, differs from the inputs'
// hash or an output is missing. A content hash rather than mtimes: a checkout or a merge that
// touches files without changing them costs no build, and an edit is never missed.
//
//   node scripts/build-stamp.mjs begin|done|check|ensure [--root DIR]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every file of these folders that the build reads (src/ and bench/: what tsconfig.json compiles). */
const INPUT_TREES = [
  { dir: 'assembly', keep: () => true },
  { dir: 'src', keep: (p) => p.endsWith('.ts') && p !== 'src/wasm/module.generated.ts' },
  { dir: 'bench', keep: (p) => p.endsWith('.ts') },
];
const INPUT_FILES = ['package.json', 'asconfig.json', 'tsconfig.json', 'scripts/embed-wasm.mjs', 'scripts/bundle.mjs', 'scripts/build-stamp.mjs'];
/** The compilers whose version changes the output. */
const TOOLS = ['assemblyscript', 'typescript', 'esbuild'];
/** What start, test and pack use: when one is missing the build is incomplete whatever the stamp says. */
export const OUTPUTS = ['src/wasm/module.generated.ts', 'dist/src/index.js', 'dist/src/cli/main.js', 'dist/bench/main.js', 'dist/bundle/index.js'];
const STAMP = 'dist/.build-stamp';
const PENDING = 'dist/.build-pending';

function filesUnder(root, dir) {
  const out = [];
  const walk = (abs) => {
    if (!existsSync(abs)) return;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out;
}

/** sha256 over the sorted input paths and their contents, and the compilers' versions. */
export function inputHash(root) {
  const files = [...INPUT_TREES.flatMap(({ dir, keep }) => filesUnder(root, dir).filter(keep)), ...INPUT_FILES.filter((f) => existsSync(join(root, f)))].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  for (const tool of TOOLS) {
    const pkg = join(root, 'node_modules', tool, 'package.json');
    h.update(`${tool}@${existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : 'absent'}\0`);
  }
  return h.digest('hex');
}

/** Why the build is not current, or null when it is. */
export function staleReason(root) {
  const missing = OUTPUTS.find((f) => !existsSync(join(root, f)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(join(root, STAMP))) return `${STAMP} is missing (no complete build yet)`;
  if (readFileSync(join(root, STAMP), 'utf8').trim() !== inputHash(root)) return 'sources changed since the last build';
  return null;
}

function npmRunBuild(root) {
  // Under npm, npm_execpath is npm's own script: run it with this Node (no shell, any platform).
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

function main(argv) {
  const rootAt = argv.indexOf('--root');
  const root = rootAt >= 0 ? argv[rootAt + 1] : fileURLToPath(new URL('..', import.meta.url));
  switch (argv[0]) {
    case 'begin':
      mkdirSync(join(root, 'dist'), { recursive: true });
      rmSync(join(root, STAMP), { force: true });
      writeFileSync(join(root, PENDING), `${inputHash(root)}\n`);
      return 0;
    case 'done':
      if (!existsSync(join(root, PENDING))) {
        console.error(`build-stamp: ${PENDING} is missing (run "begin" before the build)`);
        return 1;
      }
      renameSync(join(root, PENDING), join(root, STAMP));
      return 0;
    case 'check': {
      const why = staleReason(root);
      console.log(why === null ? 'build is current' : `build is stale: ${why}; run "npm run build"`);
      return why === null ? 0 : 1;
    }
    case 'ensure': {
      const why = staleReason(root);
      if (why === null) {
        console.log('build is current: not rebuilding');
        return 0;
      }
      console.log(`building: ${why}`);
      return npmRunBuild(root);
    }
    default:
      console.error('usage: node scripts/build-stamp.mjs begin|done|check|ensure [--root DIR]');
      return 2;
  }
}

// Run as a command, not when imported (the tests import OUTPUTS).
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
