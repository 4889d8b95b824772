/**
 * extract — run the PDF ingest pipeline on files or directories and show what it got.
 *
 *   node scripts/ingest/extract.ts <file-or-directory>... [options]      (npm run extract -- …)
 *
 * Directories are searched recursively for *.pdf (any case); files named explicitly are processed
 * whatever their extension. Results come from the same cache as the site build (.cache/pdf/ in the
 * project), so a file seen before is not parsed again.
 *
 * Options:
 *   --json            print a JSON array (format below) instead of the human-readable report
 *   --out FILE        write the report or JSON to FILE instead of stdout
 *   --cache DIR       the PDF cache to read and write (default .cache/pdf, the build's; like the build's --cache)
 *   --force           re-extract even when the cache has the file
 *   --no-cache        neither read nor write the cache
 *   --password PW     user password for encrypted PDFs (applies to every file given)
 *   --max-pages N     refuse files with more than N pages (outcome too-large)
 *   --max-bytes N     refuse files larger than N bytes (outcome too-large)
 *   --workers N       worker threads (default: available cores)
 *   --strict          exit 1 when any file's outcome is not "ok"
 *   --ocr MODE        auto (default: OCR pages that lack their text when Tesseract is installed),
 *                     off (only flag them "needs-ocr"), force (OCR every page)
 *   --quiet           no progress on stderr
 *
 * Exit status: 0 when every file was processed, whatever its outcome (bad PDFs are results, not
 * errors); 1 with --strict when any file is not "ok"; 2 for a usage error (unknown option, a path
 * that does not exist).
 *
 * JSON format (--json): an array of ExtractRecord (src/lib/decks.ts: the deck with the `file` it came
 * from), one element per file, in the order the files were given (directory contents sorted by path):
 *
 *   [
 *     {
 *       "file": "talks/o1-mawatari.pdf",   // the path as given (relative to the current directory when inside it)
 *       "sha256": "d50ad3b9…",             // sha256 of the file's bytes, lowercase hex ("" if unreadable)
 *       "bytes": 1039,                      // file size
 *       "outcome": "ok",                    // ok | partial | encrypted | empty | not-pdf | corrupt |
 *                                           // no-text-layer | garbage | too-large (src/lib/pdf/types.ts)
 *       "message": "Text extracted from all 1 page.",   // one sentence a person can act on
 *       "pageCount": 1,                     // pages in the PDF (0 when it could not be opened)
 *       "metadata": { "title": "…", "author": "…", "producer": "…", "creator": "…" },  // each key optional
 *       "pages": [                          // one per page, 1-based; empty when the file could not be opened
 *         {
 *           "page": 1,
 *           "text": "…",                    // cleaned text: Kangxi radicals mapped, overprint and repeated
 *                                           // headers/footers removed, lines joined with \n
 *           "raw": "…",                     // text as pdf.js gave it
 *           "search": "…",                  // normalised for indexing: NFKC, width folded
 *           "flags": [],                    // any of "no-text", "garbage", "failed", "needs-ocr" (lacks its
 *                                           // text, not OCR'd), "ocr" (text read by OCR)
 *           "ocrReason": "…",               // with needs-ocr / ocr: why the page lacks its text
 *           "confidence": 0.91,             // with ocr: OCR confidence 0–1
 *           "ocrRaw": "…",                  // with ocr: Tesseract's text before cleaning
 *           "error": "…"                    // only when the page failed: why
 *         }
 *       ]
 *     }
 *   ]
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestDecks } from './index.ts';
import type { DeckInput, IngestedDeck, IngestOptions } from './index.ts';
import { formatBytes } from '../../src/lib/bytes.ts';
import type { ExtractRecord } from '../../src/lib/decks.ts';

export type { ExtractRecord };
import { OCR_MODES, type OcrMode } from '../ocr/engine.ts';
import { parseCli, processIo, type CliIo } from '../cli.ts';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(PROJECT, '.cache', 'pdf');

const USAGE = `usage: node scripts/ingest/extract.ts <file-or-directory>... [--json] [--out FILE] [--cache DIR] [--force] [--no-cache]
       [--password PW] [--max-pages N] [--max-bytes N] [--workers N] [--ocr auto|off|force] [--strict] [--quiet]`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

async function collect(args: string[], cwd: string): Promise<{ display: string; absolute: string }[]> {
  const out: { display: string; absolute: string }[] = [];
  const seen = new Set<string>();
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    const rel = path.relative(cwd, absolute);
    out.push({ display: rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute, absolute });
  };
  const walk = async (dir: string): Promise<string[]> => {
    const found: string[] = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) found.push(...(await walk(p)));
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.pdf')) found.push(p);
    }
    return found;
  };
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    if (info.isDirectory()) for (const f of (await walk(absolute)).sort()) add(f);
    else add(absolute);
  }
  return out;
}

export function toRecord(file: string, deck: IngestedDeck): ExtractRecord {
  return {
    file,
    sha256: deck.sha256,
    bytes: deck.bytes,
    outcome: deck.outcome,
    message: deck.message,
    pageCount: deck.pageCount,
    metadata: deck.metadata,
    pages: deck.pages.map((p) => ({
      page: p.page,
      text: p.text,
      raw: p.raw,
      search: p.search,
      flags: [...p.flags],
      ...(p.error !== undefined ? { error: p.error } : {}),
      ...(p.ocrReason !== undefined ? { ocrReason: p.ocrReason } : {}),
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      ...(p.ocrRaw !== undefined ? { ocrRaw: p.ocrRaw } : {}),
    })),
  };
}

function human(records: ExtractRecord[]): string {
  const lines: string[] = [];
  for (const r of records) {
    const size = formatBytes(r.bytes);
    lines.push(`== ${r.file}`);
    lines.push(`   ${r.outcome} · ${r.pageCount} page${r.pageCount === 1 ? '' : 's'} · ${size}${r.sha256 ? ` · sha256 ${r.sha256.slice(0, 12)}` : ''}`);
    lines.push(`   ${r.message}`);
    const meta = Object.entries(r.metadata).map(([k, v]) => `${k}: ${v}`);
    if (meta.length) lines.push(`   ${meta.join(' · ')}`);
    for (const p of r.pages) {
      const flags = p.flags.length ? ` [${p.flags.join(', ')}${p.confidence !== undefined ? `, confidence ${Math.round(p.confidence * 100)} %` : ''}]` : '';
      lines.push(`   -- page ${p.page}${flags}${p.error ? `: ${p.error}` : ''}`);
      if (p.ocrReason) lines.push(`      (${p.ocrReason})`);
      if (p.text) for (const line of p.text.split('\n')) lines.push(`      ${line}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The exit code: 0, 1 under --strict when a file is not ok, 2 for bad usage. Progress goes to the process's stderr. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseCli(
    argv,
    io,
    {
      json: { type: 'boolean' },
      out: { type: 'string' },
      cache: { type: 'string' },
      force: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      password: { type: 'string' },
      'max-pages': { type: 'string' },
      'max-bytes': { type: 'string' },
      workers: { type: 'string' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean' },
      ocr: { type: 'string' },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.err(USAGE);
    return 2;
  }
  let files;
  let options: IngestOptions;
  try {
    files = await collect(positionals, io.cwd);
    const maxPages = positiveInt('max-pages', values['max-pages']);
    const maxBytes = positiveInt('max-bytes', values['max-bytes']);
    const workers = positiveInt('workers', values.workers);
    const ocr = values.ocr ?? 'auto';
    if (!(OCR_MODES as readonly string[]).includes(ocr)) throw new UsageError(`--ocr: expected auto, off or force; found ${JSON.stringify(ocr)}`);
    options = {
      cacheDir: values['no-cache'] ? false : values.cache === undefined ? CACHE_DIR : path.resolve(io.cwd, values.cache),
      thumbnails: { first: 0, pages: false },
      progress: values.quiet ? 'silent' : 'auto',
      ...(values.force ? { force: true } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ocr: ocr as OcrMode,
      limits: { ...(maxPages !== undefined ? { maxPages } : {}), ...(maxBytes !== undefined ? { maxBytes } : {}) },
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`extract: ${error.message}`);
    return 2;
  }
  const inputs: DeckInput[] = files.map((f) => ({
    id: f.display,
    absolutePath: f.absolute,
    ...(values.password !== undefined ? { password: values.password } : {}),
  }));
  const { decks } = await ingestDecks(inputs, options);
  const records = files.map((f) => {
    const deck = decks.get(f.display);
    if (!deck) throw new Error(`internal: no result for ${f.display}`);
    return toRecord(f.display, deck);
  });
  const text = values.json ? `${JSON.stringify(records, null, 2)}\n` : human(records);
  if (values.out) await writeFile(path.resolve(io.cwd, values.out), text);
  // Its last newline is the one io.out adds: the same bytes as the text.
  else if (text) io.out(text.replace(/\n$/u, ''));
  return values.strict && records.some((r) => r.outcome !== 'ok') ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `extract … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}
