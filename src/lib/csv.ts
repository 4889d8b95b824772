/**
 * CSV and TSV through csv-parse (RFC 4180: quoted fields with delimiters, doubled quotes and
 * newlines; a BOM is skipped), with the 1-based line where each row starts, so an importer
 * can name the line of a bad cell. Used by the program importer and the video importer.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  readonly line: number;
  /** 1-based field of the row. */
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`${message} at line ${line} field ${column}`);
    this.line = line;
    this.column = column;
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

interface CsvParseError extends Error {
  code: string;
  lines: number;
  /** 0-based index of the field in its row. */
  index?: number;
  /** UTF-8 bytes of the rows read completely before the error. */
  bytes_records?: number;
}

function isCsvParseError(error: unknown): error is CsvParseError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && typeof (error as { lines?: unknown }).lines === 'number';
}

/** Rows of a CSV (or, with delimiter "\t", TSV) text; blank lines are skipped. Throws CsvError naming the line. */
export function parseCsv(source: string, options: { delimiter?: ',' | '\t' } = {}): CsvRow[] {
  // One line ending, so line numbers hold for files saved with CRLF, LF or both.
  const text = source.replace(/\r\n?/gu, '\n');
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: options.delimiter ?? ',',
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (isCsvParseError(error)) {
      const field = (error.index ?? 0) + 1;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        // csv-parse reports the end of the file; the row that opened the quote starts after the last complete row.
        const before = Buffer.from(text, 'utf8').subarray(0, error.bytes_records ?? 0).toString('utf8');
        throw new CsvError('expected a closing quote; the file ends inside a quoted field that opens', (before.match(/\n/gu)?.length ?? 0) + 1, field);
      }
      throw new CsvError(`expected valid CSV (${error.code}: ${error.message.replace(/ at line \d+/u, '')})`, error.lines, field);
    }
    throw error;
  }
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((count, field) => count + (field.match(/\n/gu)?.length ?? 0), 0),
    fields: record,
  }));
}
