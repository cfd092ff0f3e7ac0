// A strict numeric CSV reader for `shrinkage fit`: one header row, then rows of decimal numbers.
// Every refusal is an E_PARSE error naming the file, the 1-based line and the 1-based column
// (the field number), so the user can go straight to the bad cell. Files are read in chunks and
// split as they arrive: memory stays the size of the table plus one record, and a record longer
// than MAX_RECORD_CHARS (a file without newlines, say) stops the reader at once.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { errParse, ShrinkageError } from '../errors.js';
import { BinaryLabels } from './labels.js';
import { plural } from './words.js';

/** A parsed numeric table: `columns` from the header, `rows × columns.length` values row-major. */
export interface NumericTable {
  columns: string[];
  rows: number;
  data: Float64Array;
  /** The physical line on which each data row starts (for messages about values found later). */
  lines: number[];
}

/** The features X (row-major, target column removed) and the target y of a table. */
export interface Dataset {
  features: string[];
  target: string;
  rows: number;
  X: Float64Array;
  y: Float64Array;
}

/**
 * Plain decimal numbers only: `0x10`, `Infinity`, `NaN` and empty cells are refused on purpose,
 * because Number() would silently turn them into values nobody meant. Options use it too.
 */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Longest record (characters, quotes and separators included) the reader accepts: 16 Mi. */
export const MAX_RECORD_CHARS = 1 << 24;
const CHUNK_BYTES = 1 << 16;

/** One logical line: its fields and the 1-based line number where it starts. */
interface Record {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records as it arrives (RFC 4180 quoting: "a,b" and "" inside quotes; CRLF
 * or LF), skipping blank lines. `file` is used only in error messages.
 */
class RecordSplitter {
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private start = 1;
  private quoted = false;
  private fieldHadQuotes = false;
  private chars = 0;
  /** A '"' (in quotes) or '\r' that ended a chunk: its meaning depends on the next character. */
  private held = '';
  private first = true;

  constructor(private readonly file: string, private readonly onRecord: (r: Record) => void, private readonly max: number) {}

  push(chunk: string): void {
    let text = this.held + chunk;
    this.held = '';
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(text, false);
  }

  end(): void {
    const rest = this.held;
    this.held = '';
    this.scan(rest, true);
    if (this.quoted) throw errParse(this.file, this.start, this.fields.length + 1, 'a quoted field is not closed before the end of the file');
    if (this.field !== '' || this.fields.length > 0) this.endRecord();
  }

  private scan(text: string, final: boolean): void {
    let run = 0; // start of the current stretch of plain characters
    const flush = (i: number) => {
      if (i > run) this.field += text.slice(run, i);
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (!final && i === text.length - 1 && ((c === '"' && this.quoted) || c === '\r')) {
        flush(i); // the next chunk decides what this character means
        this.held = c;
        return;
      }
      if (++this.chars > this.max) this.tooLong();
      if (this.quoted) {
        if (c === '"') {
          flush(i);
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
            this.chars++;
          } else this.quoted = false;
          run = i + 1;
        } else if (c === '\n') this.line++;
        continue;
      }
      if (c !== '"' && c !== ',' && c !== '\n' && c !== '\r') continue;
      flush(i);
      run = i + 1;
      if (c === '"') {
        if (this.field.trim() === '' && !this.fieldHadQuotes) {
          this.quoted = true;
          this.fieldHadQuotes = true;
          this.field = '';
        } else this.field += c;
      } else if (c === ',') this.endField();
      else {
        if (c === '\r' && text[i + 1] === '\n') {
          i++;
          run = i + 1;
        }
        this.endRecord();
        this.line++;
        this.start = this.line;
        this.chars = 0;
      }
    }
    flush(text.length);
  }

  private tooLong(): never {
    throw errParse(this.file, this.start, this.fields.length + 1,
      `a record longer than ${this.max} characters (is the file split into lines?)`);
  }

  private endField(): void {
    this.fields.push(this.fieldHadQuotes ? this.field : this.field.trim());
    this.field = '';
    this.fieldHadQuotes = false;
  }

  private endRecord(): void {
    this.endField();
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank) this.onRecord({ line: this.start, fields: this.fields });
    this.fields = [];
  }
}

/** Splits CSV text, whole or as consecutive chunks, into records (see RecordSplitter). */
export function splitRecords(text: string | string[], file: string, max = MAX_RECORD_CHARS): Record[] {
  const records: Record[] = [];
  const s = new RecordSplitter(file, (r) => records.push(r), max);
  for (const chunk of typeof text === 'string' ? [text] : text) s.push(chunk);
  s.end();
  return records;
}

/** Builds the table record by record: the header, then rows of decimal numbers. */
class TableBuilder {
  columns: string[] | undefined;
  private headerLine = 1;
  private data = new Float64Array(1024);
  private used = 0;
  readonly lines: number[] = [];

  constructor(private readonly file: string) {}

  add({ line, fields }: Record): void {
    const file = this.file;
    if (!this.columns) {
      fields.forEach((name, k) => {
        if (name === '') throw errParse(file, line, k + 1, 'empty column name in the header');
        const first = fields.indexOf(name);
        if (first !== k) throw errParse(file, line, k + 1, `duplicate column name "${name}" (also column ${first + 1})`);
      });
      this.columns = fields;
      this.headerLine = line;
      return;
    }
    const columns = this.columns, width = columns.length;
    if (fields.length !== width) {
      const column = Math.min(fields.length, width) + 1;
      throw errParse(file, line, column, `ragged row: ${plural(fields.length, 'field')}, the header has ${width}`);
    }
    if (this.used + width > this.data.length) {
      const bigger = new Float64Array(Math.max(this.data.length * 2, this.used + width));
      bigger.set(this.data.subarray(0, this.used));
      this.data = bigger;
    }
    for (let k = 0; k < width; k++) {
      const cell = fields[k]!;
      const show = () => `"${cell.length > 40 ? cell.slice(0, 40) + '…' : cell}"`;
      if (!DECIMAL.test(cell))
        throw errParse(file, line, k + 1, `${cell === '' ? 'an empty cell' : show()} in column "${columns[k]}" is not a number`);
      const v = Number(cell);
      if (!Number.isFinite(v)) throw errParse(file, line, k + 1, `${show()} in column "${columns[k]}" overflows float64 (|x| > 1.8e308)`);
      this.data[this.used++] = v;
    }
    this.lines.push(line);
  }

  finish(): NumericTable {
    if (!this.columns) throw errParse(this.file, 1, 1, 'the file is empty: expected a header row and at least one data row');
    if (this.lines.length === 0) throw errParse(this.file, this.headerLine + 1, 1, 'no data rows after the header');
    return { columns: this.columns, rows: this.lines.length, data: this.data.slice(0, this.used), lines: this.lines };
  }
}

/** Parses a CSV whose first record is the header and every other cell a decimal number. */
export function parseNumericCsv(text: string, file: string, max = MAX_RECORD_CHARS): NumericTable {
  const t = new TableBuilder(file);
  const s = new RecordSplitter(file, (r) => t.add(r), max);
  s.push(text);
  s.end();
  return t.finish();
}

/**
 * Feeds a UTF-8 file to `onText` in 64 KiB pieces (a character split across pieces is held back by
 * the decoder), so a reader never holds the file's whole text.
 */
export function readTextChunks(path: string, onText: (text: string) => void): void {
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.alloc(CHUNK_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      onText(decoder.write(buf.subarray(0, got)));
    }
    onText(decoder.end());
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses a CSV file in chunks (UTF-8); throws what parseNumericCsv throws, or fs errors. */
export function readNumericCsv(path: string, max = MAX_RECORD_CHARS): NumericTable {
  const t = new TableBuilder(path);
  const s = new RecordSplitter(path, (r) => t.add(r), max);
  readTextChunks(path, (text) => s.push(text));
  s.end();
  return t.finish();
}

/**
 * Splits a table into features and target. For `binary` targets (logistic loss) y must be 0/1 or
 * −1/+1 (−1 becomes 0, see labels.ts); a violation names the line and column of the first bad cell.
 */
export function toDataset(table: NumericTable, target: string, file: string, binary: boolean): Dataset {
  const t = table.columns.indexOf(target);
  if (t < 0)
    throw errParse(file, 1, undefined, `target column "${target}" is not in the header (columns: ${table.columns.join(', ')})`);
  const width = table.columns.length;
  if (width < 2) throw errParse(file, 1, undefined, `the header has only the target column "${target}": no feature columns`);
  const features = table.columns.filter((_, k) => k !== t);
  const X = new Float64Array(table.rows * (width - 1));
  const y = new Float64Array(table.rows);
  const labels = binary ? new BinaryLabels() : undefined;
  for (let r = 0; r < table.rows; r++) {
    let j = 0;
    for (let k = 0; k < width; k++) {
      const v = table.data[r * width + k]!;
      if (k === t) {
        const label = labels ? labels.take(v, table.lines[r]!) : v;
        if (typeof label === 'string') throw errParse(file, table.lines[r]!, t + 1, `target "${target}": ${label}`);
        y[r] = label;
      } else X[r * (width - 1) + j++] = v;
    }
  }
  return { features, target, rows: table.rows, X, y };
}

/**
 * Refuses data whose squares overflow float64 (E_RANGE): every solver needs Σx² of the columns
 * (Lipschitz bounds, standardization, the squared loss), and an overflow there turns into an
 * intercept of Infinity and an objective of NaN. Names the cell with the largest |x| of the first
 * such column, or the whole table when only the sum over columns overflows.
 */
export function checkScale(table: NumericTable, target: string, file: string): void {
  const width = table.columns.length;
  let features = 0;
  for (let k = 0; k < width; k++) {
    let sq = 0, big = 0, at = 0;
    for (let r = 0; r < table.rows; r++) {
      const v = table.data[r * width + k]!;
      sq += v * v;
      if (Math.abs(v) > big) [big, at] = [Math.abs(v), r];
    }
    if (!Number.isFinite(sq))
      throw new ShrinkageError('E_RANGE', `${file}:${table.lines[at]!}:${k + 1}: column "${table.columns[k]}" holds ${table.data[at * width + k]}: ` +
        'the sum of its squares overflows float64, which the fit needs; rescale the column');
    if (table.columns[k] !== target) features += sq;
  }
  if (!Number.isFinite(features))
    throw new ShrinkageError('E_RANGE', `${file}: the squares of the feature columns sum past float64 (‖X‖²), which the fit needs; rescale the data`);
}
