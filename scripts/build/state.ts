/**
 * What a build's output was made from, recorded beside it (`.dist.state.json` next to `dist/`), so
 * that the next build does only what changed:
 *
 * - `inputs`: a fingerprint of everything the output depends on, in parts: the code and config that
 *   render pages (src/, scripts/ but not scripts/tools/, astro.config.mjs, tsconfig.json, public/,
 *   package.json, package-lock.json and the installed tree's node_modules/.package-lock.json, the
 *   Node version), the options (base, site, thumbnails, limits, OCR mode and the environment that
 *   changes output), the environment ingest depends on (the OCR engine found, the Japanese fonts)
 *   and every file below content/. Equal to the published output's record, and that output intact
 *   (every file as recorded: size, modification time, inode; nothing added or missing) → the build
 *   is skipped. Only `content` differing → an incremental build may be possible (scripts/build/plan.ts).
 * - `files`: every published file with its size, mtime, inode and SHA-256: the stat-keyed record
 *   that lets MANIFEST.sha256 hash only files that changed, and tells whether the output is intact.
 *   Published materials and thumbnails also record their source, so an unchanged one is hard-linked
 *   from the previous output instead of copied.
 *
 * The record is written after the output is complete (before the swap under `npm run build`); a
 * build killed between the two leaves a record that the published output does not match (its
 * MANIFEST.sha256 is another file), so nothing is skipped or carried over on its word.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sameStamp, stampOf, type FileStamp } from '../../src/lib/file-stamp.ts';
import type { ArchiveOptions } from './options.ts';
import { PROJECT_ROOT } from './options.ts';

export const STATE_FORMAT = 'iw-build-state/1';

export interface InputDigests {
  code: string;
  options: string;
  environment: string;
  content: string;
}

export interface BuildState {
  format: string;
  inputs: InputDigests;
  /** content/ files (relative path) → stamp with SHA-256: rehashed only when the stamp changes. */
  contentFiles: Record<string, FileStamp>;
  /** The data the pages were rendered from (scripts/build/plan.ts): what can be tracked per deck. */
  data?: { structure: string; decks: Record<string, string> };
  /** Every file of the published output (path relative to it, `/`-separated) → stamp with SHA-256. */
  files: Record<string, FileStamp>;
  /** Published materials and thumbnails: path in the site → stamp of the source it was made from. */
  sources: Record<string, FileStamp & { path: string }>;
  /** The build report of the build that made the output (written again when a build is skipped). */
  result?: unknown;
}


export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Files below `root` (relative, `/`-separated, sorted). A symbolic link counts as the regular file it
 * leads to; one to a folder is not followed (a link loop, or a link out of content/, never walks away),
 * and a dangling or looping link is left out.
 */
export function walkFiles(root: string, skip?: (relative: string) => boolean): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (skip?.(relative)) continue;
      if (entry.isDirectory()) folders.push(relative);
      else if (entry.isFile()) out.push(relative);
      else if (entry.isSymbolicLink()) {
        try {
          if (statSync(path.join(root, relative)).isFile()) out.push(relative);
        } catch {
          // Dangling or looping: nothing to read.
        }
      }
    }
  }
  return out.sort();
}

/** Where the record of an output folder lives: beside it, as `.dist.state.json` beside `dist/`. */
export function statePath(publishedDir: string): string {
  const absolute = path.resolve(publishedDir);
  return path.join(path.dirname(absolute), `.${path.basename(absolute)}.state.json`);
}

/**
 * The record as last read, by its stamp: the up-to-date check and the render plan of one build
 * both ask, and at full size parsing it takes a tenth of a second. A rewritten record has a new stamp.
 */
let lastRead: { file: string; stamp: FileStamp; state: BuildState } | undefined;

/** The record beside an output, or undefined when there is none (or of another format). Read-only: it may be shared. */
export function readState(publishedDir: string): BuildState | undefined {
  const file = statePath(publishedDir);
  try {
    const stamp = stampOf(statSync(file, { bigint: true }));
    if (lastRead?.file === file && sameStamp(lastRead.stamp, stamp)) return lastRead.state;
    const state = JSON.parse(readFileSync(file, 'utf8')) as BuildState;
    if (state.format !== STATE_FORMAT) return undefined;
    lastRead = { file, stamp, state };
    return state;
  } catch {
    return undefined;
  }
}

export function writeState(publishedDir: string, state: BuildState): void {
  const file = statePath(publishedDir);
  const temp = `${file}.${process.pid}`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}

/**
 * Hashes files below `root` with a stat-keyed record: a file whose stamp equals the previous one keeps
 * its SHA-256 without being read, and one named in `linkedFromPrevious` (hard-linked from the output the
 * record describes, verified by outputIntact) is not even statted. Returns the new record (every file, hashed).
 */
export function hashTree(root: string, files: readonly string[], previous: Record<string, FileStamp> | undefined, linkedFromPrevious?: ReadonlySet<string>): Record<string, FileStamp> {
  const record: Record<string, FileStamp> = {};
  for (const name of files) {
    // A hard link to the previous output's file is that file (same inode, size and mtime): its stamp holds unstatted.
    const linked = linkedFromPrevious?.has(name) ? previous?.[name] : undefined;
    if (linked?.sha256) {
      record[name] = linked;
      continue;
    }
    const full = path.join(root, ...name.split('/'));
    const stamp = stampOf(statSync(full, { bigint: true }));
    const before = previous?.[name];
    record[name] = { ...stamp, sha256: before?.sha256 && sameStamp(before, stamp) ? before.sha256 : sha256File(full) };
  }
  return record;
}

function digestOf(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest('hex');
}

/** The code and configuration that render pages: a change here is never tracked, the build is full. */
export function codeDigest(root = PROJECT_ROOT): string {
  const parts = [STATE_FORMAT, process.version];
  const trees: [string, ((relative: string) => boolean) | undefined][] = [
    ['src', undefined],
    ['scripts', (relative) => relative.startsWith('tools/')],
    ['public', undefined],
  ];
  for (const [dir, skip] of trees) {
    for (const name of walkFiles(path.join(root, dir), skip)) parts.push(`${dir}/${name}`, sha256File(path.join(root, dir, ...name.split('/'))));
  }
  for (const name of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json']) {
    const file = path.join(root, name);
    parts.push(name, existsSync(file) ? sha256File(file) : 'absent');
  }
  return digestOf(parts);
}

/** Environment variables that change what a build writes (the site's address, shard size, OCR binary, test faults). */
const OUTPUT_ENVIRONMENT = ['IW_SITE', 'IW_SEARCH_SHARD_CHARS', 'IW_TESSERACT', 'IW_INGEST_FAULTS', 'XDG_DATA_HOME'];

export function optionsDigest(options: ArchiveOptions, base: string): string {
  return digestOf([
    JSON.stringify({ base, contentDir: options.contentDir, cacheDir: options.cacheDir, reportDir: options.reportDir, thumbs: options.thumbs, limits: options.limits, ocr: options.ocr, force: options.force }),
    ...OUTPUT_ENVIRONMENT.map((name) => `${name}=${process.env[name] ?? ''}`),
  ]);
}

/** content/ hashed with the previous record's stamps: only files whose stamp changed are read. */
export function contentDigest(contentDir: string, previous: Record<string, FileStamp> | undefined): { digest: string; files: Record<string, FileStamp> } {
  const files = hashTree(contentDir, walkFiles(contentDir), previous);
  return { digest: digestOf(Object.entries(files).flatMap(([name, stamp]) => [name, stamp.sha256 ?? ''])), files };
}

export function environmentDigest(parts: readonly string[]): string {
  return digestOf(parts);
}

/**
 * True when `dir` holds exactly the files of `record`, each with its recorded stamp: nothing was
 * added, removed or rewritten since the record was made. Stats every file; reads none.
 */
export function outputIntact(dir: string, record: Record<string, FileStamp>): boolean {
  if (!existsSync(dir)) return false;
  const present = walkFiles(dir);
  if (present.length !== Object.keys(record).length) return false;
  for (const name of present) {
    const stat = statSync(path.join(dir, ...name.split('/')), { bigint: true, throwIfNoEntry: false });
    if (!stat || !sameStamp(record[name], stampOf(stat))) return false;
  }
  return true;
}

/** Every input digest of a build, and the content record they were computed with. */
export async function inputDigests(options: ArchiveOptions, base: string, previous: BuildState | undefined): Promise<{ inputs: InputDigests; contentFiles: Record<string, FileStamp> }> {
  const [{ findOcrEngine }, { findJapaneseFonts }] = await Promise.all([import('../ocr/engine.ts'), import('../../src/lib/pdf/render.ts')]);
  const engine = findOcrEngine(options.ocr);
  const fonts = Object.values(findJapaneseFonts().files).map((file) => path.basename(file)).sort();
  const content = contentDigest(options.contentDir, previous?.contentFiles);
  return {
    inputs: {
      code: codeDigest(),
      options: optionsDigest(options, base),
      environment: environmentDigest([engine.available ? engine.description : engine.reason, ...fonts]),
      content: content.digest,
    },
    contentFiles: content.files,
  };
}

export function sameInputs(a: InputDigests, b: InputDigests | undefined): boolean {
  return !!b && a.code === b.code && a.options === b.options && a.environment === b.environment && a.content === b.content;
}
