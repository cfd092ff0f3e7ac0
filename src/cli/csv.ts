// A strict numeric CSV reader for `shrinkage fit`: one header row, then rows of decimal numbers.
// Every refusal is an E_PARSE error naming the file, the 1-based line and the 1-based column
// (the field number), so the user can go straight to the bad cell.
import { errParse } from '../errors.js';

/** A parsed numeric table: `columns` from the header, `rows × columns.length` values row-major. */
export interface NumericTable {
  columns: string[];
  rows: number;
  data: Float64Array;
}

/** The features X (row-major, target column removed) and the target y of a table. */
export interface Dataset {
  features: string[];
  target: string;
  rows: number;
  X: Float64Array;
  y: Float64Array;
}

// Plain decimal numbers only: `0x10`, `Infinity`, `NaN` and empty cells are refused on purpose,
// because Number() would silently turn them into values nobody meant.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One logical line: its fields and the 1-based line number where it starts. */
interface Record {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180 quoting: "a,b" and "" inside quotes; CRLF or LF).
 * Blank lines are skipped. `file` is used only in error messages.
 */
export function splitRecords(text: string, file: string): Record[] {
  const records: Record[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let fieldHadQuotes = false;
  const endField = () => {
    fields.push(fieldHadQuotes ? field : field.trim());
    field = '';
    fieldHadQuotes = false;
  };
  const endRecord = () => {
    endField();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: start, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '' && !fieldHadQuotes) {
      quoted = true;
      fieldHadQuotes = true;
      field = '';
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw errParse(file, start, fields.length + 1, 'a quoted field is not closed before the end of the file');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Parses a CSV whose first record is the header and every other cell a decimal number. */
export function parseNumericCsv(text: string, file: string): NumericTable {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  const header = records[0];
  if (!header) throw errParse(file, 1, 1, 'the file is empty: expected a header row and at least one data row');
  const columns = header.fields;
  columns.forEach((name, k) => {
    if (name === '') throw errParse(file, header.line, k + 1, 'empty column name in the header');
    const first = columns.indexOf(name);
    if (first !== k) throw errParse(file, header.line, k + 1, `duplicate column name "${name}" (also column ${first + 1})`);
  });
  const rows = records.length - 1;
  if (rows === 0) throw errParse(file, header.line + 1, 1, 'no data rows after the header');
  const width = columns.length;
  const data = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const { line, fields } = records[r + 1]!;
    if (fields.length !== width) {
      const column = Math.min(fields.length, width) + 1;
      throw errParse(file, line, column, `ragged row: ${fields.length} fields, the header has ${width}`);
    }
    for (let k = 0; k < width; k++) {
      const cell = fields[k]!;
      if (!DECIMAL.test(cell)) {
        const what = cell === '' ? 'an empty cell' : `"${cell.length > 40 ? cell.slice(0, 40) + '…' : cell}"`;
        throw errParse(file, line, k + 1, `${what} in column "${columns[k]}" is not a number`);
      }
      data[r * width + k] = Number(cell);
    }
  }
  return { columns, rows, data };
}

/** The 1-based line of data row `r` (0-based), for messages about values found after parsing. */
function lineOfRow(text: string, file: string, r: number): number {
  return splitRecords(text, file)[r + 1]?.line ?? r + 2;
}

/**
 * Splits a table into features and target. For `binary` targets (logistic loss) every y must be
 * 0 or 1; a violation names the line and column of the first bad cell.
 */
export function toDataset(table: NumericTable, target: string, file: string, text: string, binary: boolean): Dataset {
  const t = table.columns.indexOf(target);
  if (t < 0)
    throw errParse(file, 1, undefined, `target column "${target}" is not in the header (columns: ${table.columns.join(', ')})`);
  const width = table.columns.length;
  if (width < 2) throw errParse(file, 1, undefined, `the header has only the target column "${target}": no feature columns`);
  const features = table.columns.filter((_, k) => k !== t);
  const X = new Float64Array(table.rows * (width - 1));
  const y = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    let j = 0;
    for (let k = 0; k < width; k++) {
      const v = table.data[r * width + k]!;
      if (k === t) {
        if (binary && v !== 0 && v !== 1)
          throw errParse(file, lineOfRow(text, file, r), t + 1, `target "${target}" = ${v}: logistic loss needs labels 0 or 1`);
        y[r] = v;
      } else X[r * (width - 1) + j++] = v;
    }
  }
  return { features, target, rows: table.rows, X, y };
}
