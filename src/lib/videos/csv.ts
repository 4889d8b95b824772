/** The video importer reads CSV with the project's one CSV reader (csv-parse). */
export { CsvError, parseCsv, type CsvRow } from '../csv.ts';
