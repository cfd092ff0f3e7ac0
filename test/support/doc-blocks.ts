// Fenced code blocks of the Markdown docs, for test/docs.blocks.test.ts: which are programs to run,
// which are shell commands, and which are marked as fragments with a `<!-- not-run: why -->` line
// just before the fence.

export type BlockKind = 'program' | 'shell' | 'other';

export interface DocBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string (language), '' when none. */
  lang: string;
  kind: BlockKind;
  code: string;
  /** The reason given in a `<!-- not-run: … -->` marker, or null for a block that runs. */
  notRun: string | null;
}

const PROGRAM = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs']);
const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const NOT_RUN = /^<!--\s*not-run:\s*(.+?)\s*-->$/;

/** Every fenced block of one Markdown text; throws on an unclosed fence or a stray marker. */
export function docBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = NOT_RUN.exec(lines[i]!.trim());
    if (marker && !(lines[i + 1] ?? '').startsWith('```')) throw new Error(`${file}:${i + 1}: a not-run marker must sit on the line just before a fence`);
    const open = /^```(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, k) => k > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code fence`);
    const lang = open[1]!.toLowerCase();
    const kind: BlockKind = PROGRAM.has(lang) ? 'program' : SHELL.has(lang) ? 'shell' : 'other';
    const before = i > 0 ? NOT_RUN.exec(lines[i - 1]!.trim()) : null;
    blocks.push({ file, line: i + 1, lang, kind, code: lines.slice(i + 1, end).join('\n'), notRun: before ? before[1]! : null });
    i = end;
  }
  return blocks;
}

/**
 * The output a block documents: its comment lines of the form `// → text`, in order. The test
 * checks that the program prints each of them as a line, in that order.
 */
export function documentedOutput(code: string): string[] {
  return code.split('\n').flatMap((l) => {
    const m = /^\s*\/\/ → (.*)$/.exec(l);
    return m ? [m[1]!.trimEnd()] : [];
  });
}

/** Whether `want` appears among `lines` as a subsequence (each line exactly, in order). */
export function inOrder(lines: string[], want: string[]): boolean {
  let k = 0;
  for (const l of lines) if (k < want.length && l.trimEnd() === want[k]) k++;
  return k === want.length;
}

/** `npm run NAME` and `node|python3 FILE` references of a shell block (checked, not executed). */
export function shellReferences(code: string): { scripts: string[]; files: string[] } {
  const scripts = [...code.matchAll(/\bnpm run ([\w:.-]+)/g)].map((m) => m[1]!);
  const files = [...code.matchAll(/\b(?:node|python3)\s+((?:scripts|bench|dist|test)\/[\w./-]+)/g)].map((m) => m[1]!);
  return { scripts, files };
}
