/** A small RFC 4180 CSV reader: quoted fields with commas, quotes ("") and newlines; CRLF or LF; a BOM is skipped. */

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number, after = '') {
    super(`${message} at line ${line} column ${column}${after}`);
    this.line = line;
    this.column = column;
  }
}

export function parseCsv(source: string): CsvRow[] {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 1;
  let rowLine = 1;
  let index = 0;
  let quoted = false;
  let quoteLine = 0;
  let quoteColumn = 0;
  let fieldStarted = false;

  const endRow = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  while (index < text.length) {
    const char = text[index] ?? '';
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          column += 2;
          continue;
        }
        quoted = false;
        index += 1;
        column += 1;
        const next = text[index];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(`expected a comma or the end of the row after a closing quote; found ${JSON.stringify(next)}`, line, column);
        }
        continue;
      }
      field += char;
      index += 1;
      if (char === '\n') {
        line += 1;
        column = 1;
      } else column += 1;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new CsvError('found a quote inside an unquoted field (quote the whole field and double inner quotes)', line, column);
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
      quoteColumn = column;
      index += 1;
      column += 1;
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
      index += 1;
      column += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
      column = 1;
      rowLine = line;
      continue;
    }
    field += char;
    fieldStarted = true;
    index += 1;
    column += 1;
  }
  if (quoted) throw new CsvError('expected a closing quote; the quoted field that opens', quoteLine, quoteColumn, ' is never closed');
  if (field !== '' || fields.length > 0 || fieldStarted) endRow();
  return rows;
}
