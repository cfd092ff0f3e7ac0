// A strict reader of the svmlight/libsvm text format (liblinear, scikit-learn's load_svmlight_file)
// for `shrinkage fit --svmlight`: one sample per line, `label [qid:N] index:value index:value ...
// [# comment]`, read straight into CSR (never densified). Every refusal is an E_PARSE error naming
// FILE:LINE:COL, COL being the 1-based character position of the offending token, so the user can
// go straight to it. The file is read in chunks; a line longer than MAX_RECORD_CHARS (a file
// without newlines, say) stops the reader at once.
import { errParse, ShrinkageError } from '../errors.js';
import { DECIMAL, MAX_RECORD_CHARS, readTextChunks } from './csv.js';
import { BinaryLabels } from './labels.js';
import type { CsrMatrix } from './models-api.js';

/** How the file numbers its features: 'auto' = zero-based if any index is 0, else one-based (as scikit-learn's zero_based='auto'). */
export type IndexBase = 'auto' | 0 | 1;

/**
 * Largest feature index accepted (2^25 − 1, about 33.5 M features). The solvers keep several
 * float64 vectors per feature in the engine's 4 GiB memory and do per-feature work on every fit:
 * 10 M features with three rows took 4 s and 760 MB here, 134 M ran out of engine memory after
 * 45 s. An index far beyond the data is usually a typo or a hashing space set too wide.
 */
export const MAX_INDEX = 2 ** 25 - 1;

export interface SvmlightOptions {
  /** Default 'auto'. */
  indexBase?: IndexBase;
  /** Logistic loss: labels 0/1 or −1/+1 (−1 read as 0); otherwise any finite number. */
  binary?: boolean;
  /** Longest line accepted, in characters (default MAX_RECORD_CHARS). */
  maxLine?: number;
}

export interface SvmlightData {
  /** rows = data lines, cols = largest index + 1 − indexBase. */
  X: CsrMatrix;
  y: Float64Array;
  /** The base the file uses: column j of X is index j + indexBase in the file. */
  indexBase: 0 | 1;
}

/** A typed array that doubles when full. */
class Growing<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(public array: T) {}

  push(v: number): void {
    if (this.length === this.array.length) {
      const bigger = new (this.array.constructor as new (n: number) => T)(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = v;
  }

  /** The filled part, in an array of its own size. */
  done(): T {
    return this.array.slice(0, this.length) as T;
  }
}

/** Splits text arriving in chunks into lines (LF or CRLF), refusing one longer than `max` at once. */
class LineSplitter {
  private parts: string[] = [];
  private pending = 0;
  private line = 1;
  private first = true;

  constructor(private readonly file: string, private readonly onLine: (text: string, line: number) => void, private readonly max: number) {}

  push(chunk: string): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      this.grow(nl - start);
      const piece = chunk.slice(start, nl);
      const text = this.parts.length > 0 ? this.parts.join('') + piece : piece;
      this.parts = [];
      this.pending = 0;
      this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, this.line++);
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.grow(chunk.length - start);
      this.parts.push(chunk.slice(start));
    }
  }

  end(): void {
    if (this.parts.length > 0) {
      const text = this.parts.join('');
      this.parts = [];
      this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, this.line);
    }
  }

  private grow(chars: number): void {
    this.pending += chars;
    if (this.pending > this.max)
      throw errParse(this.file, this.line, 1, `a line longer than ${this.max} characters (is the file split into lines?)`);
  }
}

const INTEGER = /^\d+$/;

/** Builds the CSR matrix line by line, checking every token. */
class CsrBuilder {
  private readonly indptr = new Growing(new Int32Array(1024));
  private readonly indices = new Growing(new Int32Array(4096));
  private readonly data = new Growing(new Float64Array(4096));
  private readonly y = new Growing(new Float64Array(1024));
  /**
   * ‖X‖² so far: the fit needs it (and every column's Σx², each no larger), so the value that makes
   * it overflow is reported where it stands. One number, where per-column sums would need an array
   * as long as the largest index.
   */
  private squares = 0;
  private labelSquares = 0;
  private readonly labels: BinaryLabels | undefined;
  private maxIndex = -1;
  private sawZero = false;
  private lastLine = 0;

  constructor(private readonly file: string, private readonly base: IndexBase, binary: boolean) {
    this.indptr.push(0);
    this.labels = binary ? new BinaryLabels() : undefined;
  }

  addLine(text: string, line: number): void {
    this.lastLine = line;
    const hash = text.indexOf('#');
    const body = hash < 0 ? text : text.slice(0, hash);
    const tokens = /[^ \t]+/g;
    let m = tokens.exec(body);
    if (m === null) return; // blank or comment-only line
    this.addLabel(m[0], line, m.index + 1);
    let prev = -1;
    for (let k = 1; (m = tokens.exec(body)) !== null; k++) {
      const tok = m[0], col = m.index + 1;
      if (tok.startsWith('qid:')) {
        // Query ids group rows for ranking; a linear fit has no use for them (scikit-learn ignores them too).
        if (!INTEGER.test(tok.slice(4))) throw this.bad(line, col, `"${short(tok)}" is not qid:INTEGER`);
        if (k !== 1) throw this.bad(line, col, `"${short(tok)}": a qid must come right after the label`);
        continue;
      }
      prev = this.addFeature(tok, line, col, prev);
    }
    this.indptr.push(this.indices.length);
  }

  private bad(line: number, col: number, detail: string): ShrinkageError {
    return errParse(this.file, line, col, detail);
  }

  private addLabel(tok: string, line: number, col: number): void {
    if (tok.includes(',')) throw this.bad(line, col, `label "${short(tok)}": multi-label lines are not supported (one label per line)`);
    if (tok.includes(':')) throw this.bad(line, col, `"${short(tok)}" where the label should be: each line starts with a label, then INDEX:VALUE pairs`);
    if (!DECIMAL.test(tok)) throw this.bad(line, col, `label "${short(tok)}" is not a number (plain decimal: NaN, Infinity and hex are refused)`);
    const v = Number(tok);
    if (!Number.isFinite(v)) throw this.bad(line, col, `label "${short(tok)}" overflows float64 (|x| > 1.8e308)`);
    const label = this.labels ? this.labels.take(v, line) : v;
    if (typeof label === 'string') throw this.bad(line, col, label);
    this.labelSquares += label * label;
    if (!Number.isFinite(this.labelSquares))
      throw new ShrinkageError('E_RANGE', `${this.file}:${line}:${col}: label ${v}: the sum of the labels' squares overflows float64, which the fit needs; rescale the labels`);
    this.y.push(label);
  }

  /** Checks and stores one INDEX:VALUE token; returns its index. */
  private addFeature(tok: string, line: number, col: number, prev: number): number {
    const colon = tok.indexOf(':');
    if (colon < 0) throw this.bad(line, col, `"${short(tok)}" has no ':' (expected INDEX:VALUE)`);
    const indexText = tok.slice(0, colon), valueText = tok.slice(colon + 1);
    if (!INTEGER.test(indexText)) throw this.bad(line, col, `index "${short(indexText)}" is not a non-negative integer (in "${short(tok)}")`);
    const index = Number(indexText);
    if (index > MAX_INDEX) throw this.bad(line, col, `index ${short(indexText)} is beyond ${MAX_INDEX}, the largest this reader accepts`);
    if (index === 0 && this.base === 1) throw this.bad(line, col, 'index 0 in a file read as one-based (--index-base 1); use --index-base 0 or auto');
    if (index === prev) throw this.bad(line, col, `duplicate index ${index} on this line`);
    if (index < prev) throw this.bad(line, col, `index ${index} after ${prev}: indices must increase along a line`);
    const vcol = col + colon + 1;
    if (valueText === '') throw this.bad(line, vcol, `index ${index} has no value (expected INDEX:VALUE)`);
    if (!DECIMAL.test(valueText))
      throw this.bad(line, vcol, `value "${short(valueText)}" of index ${index} is not a number (plain decimal: NaN, Infinity and hex are refused)`);
    const v = Number(valueText);
    if (!Number.isFinite(v)) throw this.bad(line, vcol, `value "${short(valueText)}" of index ${index} overflows float64 (|x| > 1.8e308)`);
    this.addSquare(index, v, line, vcol);
    if (index === 0) this.sawZero = true;
    if (index > this.maxIndex) this.maxIndex = index;
    this.indices.push(index);
    this.data.push(v);
    return index;
  }

  /** Adds v² to ‖X‖²; refuses the value that makes it overflow (E_RANGE). */
  private addSquare(index: number, v: number, line: number, col: number): void {
    this.squares += v * v;
    if (!Number.isFinite(this.squares))
      throw new ShrinkageError('E_RANGE', `${this.file}:${line}:${col}: value ${v} of feature ${index}: the sum of the squares of the ` +
        'values (‖X‖²) overflows float64 here, which the fit needs (Lipschitz bounds, standardization, the squared loss); rescale the data');
  }

  finish(): SvmlightData {
    const rows = this.y.length;
    if (rows === 0)
      throw errParse(this.file, Math.max(this.lastLine, 1), 1, this.lastLine === 0 ? 'the file is empty' : 'no data lines (only blank lines and comments)');
    if (this.maxIndex < 0) throw errParse(this.file, 1, undefined, 'no INDEX:VALUE pair on any line: there are no features to fit');
    const indexBase = this.base === 'auto' ? (this.sawZero ? 0 : 1) : this.base;
    const indices = this.indices.done();
    if (indexBase === 1) for (let k = 0; k < indices.length; k++) indices[k]!--;
    const X: CsrMatrix = { kind: 'csr', rows, cols: this.maxIndex + 1 - indexBase, indptr: this.indptr.done(), indices, data: this.data.done() };
    return { X, y: this.y.done(), indexBase };
  }
}

/** A token cut to 40 characters for a message. */
function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Runs the reader over the text `feed` delivers; `file` is used only in messages. */
function build(file: string, opts: SvmlightOptions, feed: (push: (chunk: string) => void) => void): SvmlightData {
  const b = new CsrBuilder(file, opts.indexBase ?? 'auto', opts.binary ?? false);
  const s = new LineSplitter(file, (t, line) => b.addLine(t, line), opts.maxLine ?? MAX_RECORD_CHARS);
  feed((chunk) => s.push(chunk));
  s.end();
  return b.finish();
}

/** Parses svmlight text, whole or as consecutive chunks. */
export function parseSvmlight(text: string | string[], file: string, opts: SvmlightOptions = {}): SvmlightData {
  return build(file, opts, (push) => (typeof text === 'string' ? [text] : text).forEach(push));
}

/** Reads an svmlight file in chunks (UTF-8); throws what parseSvmlight throws, or fs errors. */
export function readSvmlight(path: string, opts: SvmlightOptions = {}): SvmlightData {
  return build(path, opts, (push) => readTextChunks(path, push));
}
