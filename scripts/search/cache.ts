/**
 * The incremental search index cache: one entry per shard bundle Pagefind wrote,
 * kept outside the output (by default .cache/search/, beside the PDF cache).
 *
 * An entry's key is the SHA-256 of everything that decides the bundle's bytes: a
 * format string (bump CACHE_FORMAT when the Pagefind options or the bundle layout
 * change), the Pagefind package and binary versions, the shard's output folder and
 * year range, and each page's url and the SHA-256 of its HTML in order (exactly what
 * is given to Pagefind). Pagefind writes the same bytes for the same input, so a hit
 * puts the cached bundle into the output (hard links, so the build's record of the
 * output knows the files again without reading them) instead of indexing again.
 *
 * Layout: <cacheDir>/<key>/ holds the bundle's files and iw-cache.json, the list of
 * files with their sizes and SHA-256; <cacheDir>/iw-pages.json holds each page's
 * indexed character count by page digest, for planning shards without reading pages
 * the build did not change. An entry is written to a temporary folder and
 * renamed into place (an interrupted run never leaves a half entry), and is checked
 * file by file against its list when read: a corrupted, partial or concurrently
 * deleted entry is a miss, and the shard is indexed again. After a build only the
 * entries it used are kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dirMaker, linkOrCopy } from '../build/tree.ts';

export const CACHE_FORMAT = 'iw-search-cache/2 forceLanguage=ja';
const ENTRY_LIST = 'iw-cache.json';
const PAGE_COUNTS = 'iw-pages.json';
const KEY = /^[0-9a-f]{64}$/u;

interface EntryFile {
  path: string;
  size: number;
  sha256: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The Pagefind versions that write the bundles: the npm package and, where found, its
 * platform binary package. Throws when the npm package's version cannot be read.
 */
export function pagefindVersions(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve('pagefind')));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const main = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
  if (main.name !== 'pagefind' || !main.version) throw new Error(`no pagefind package.json above ${dir}`);
  const versions = [`pagefind@${main.version}`];
  const binary = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  for (const candidate of [path.join(dir, 'node_modules', '@pagefind', binary), path.join(dir, '..', '@pagefind', binary)]) {
    try {
      const platform = JSON.parse(readFileSync(path.join(candidate, 'package.json'), 'utf8')) as { version?: string };
      versions.push(`@pagefind/${binary}@${platform.version ?? '?'}`);
      break;
    } catch {
      // Not installed there: the npm version alone pins it (its optionalDependencies are exact).
    }
  }
  return versions.join(' ');
}

/** The digest of one page as given to Pagefind: its url and the SHA-256 of its HTML. */
export function pageDigest(url: string, htmlSha256: string): string {
  const hash = createHash('sha256');
  for (const part of [url, htmlSha256]) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest('hex');
}

/** The cache key of one shard: format, Pagefind versions, output folder, years and the digests of its pages in order. */
export function shardKey(input: { versions: string; dir: string; years: readonly [number, number]; pageDigests: readonly string[] }): string {
  const hash = createHash('sha256');
  hash.update(`${CACHE_FORMAT}\n${input.versions}\n${input.dir}\n${input.years[0]}-${input.years[1]}\n${input.pageDigests.length}\n`);
  for (const digest of input.pageDigests) hash.update(`${digest}\n`);
  return hash.digest('hex');
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export class SearchCache {
  readonly dir: string;
  private readonly used = new Set<string>();
  private readonly onDamaged: ((message: string) => void) | undefined;
  private counts: Map<string, number | null> | undefined;
  private readonly countsUsed = new Map<string, number | null>();

  constructor(dir: string, onDamaged?: (message: string) => void) {
    this.dir = dir;
    this.onDamaged = onDamaged;
  }

  /** A page's indexed characters by its digest (null: the page has nothing Pagefind indexes), when counted before. */
  pageChars(digest: string): number | null | undefined {
    if (!this.counts) {
      this.counts = new Map();
      try {
        const stored = JSON.parse(readFileSync(path.join(this.dir, PAGE_COUNTS), 'utf8')) as { format?: string; chars?: Record<string, number | null> };
        if (stored.format === CACHE_FORMAT) for (const [key, chars] of Object.entries(stored.chars ?? {})) if (chars === null || Number.isInteger(chars)) this.counts.set(key, chars);
      } catch {
        // No counts yet, or unreadable: every page is counted from its HTML.
      }
    }
    const chars = this.counts.get(digest);
    if (chars !== undefined) this.countsUsed.set(digest, chars);
    return chars;
  }

  rememberPageChars(digest: string, chars: number | null): void {
    this.counts?.set(digest, chars);
    this.countsUsed.set(digest, chars);
  }

  /**
   * Copies the entry `key` into `target` (which must not exist yet) and returns true;
   * false, with `target` removed, when the entry is missing or does not match its list.
   */
  restore(key: string, target: string): boolean {
    const entry = path.join(this.dir, key);
    try {
      const list = JSON.parse(readFileSync(path.join(entry, ENTRY_LIST), 'utf8')) as { key?: string; files?: EntryFile[] };
      if (list.key !== key || !Array.isArray(list.files) || list.files.length === 0) throw new Error(`${ENTRY_LIST} is not a list for this key`);
      const present = filesOf(entry).filter((name) => name !== ENTRY_LIST);
      if (present.join('\n') !== list.files.map((file) => file.path).join('\n')) throw new Error(`the files present are not the files listed in ${ENTRY_LIST}`);
      for (const file of list.files) {
        const data = readFileSync(path.join(entry, ...file.path.split('/')));
        if (data.length !== file.size || sha256(data) !== file.sha256) throw new Error(`${file.path} does not match`);
      }
      const ensureDir = dirMaker();
      for (const file of list.files) {
        const out = path.join(target, ...file.path.split('/'));
        ensureDir(path.dirname(out));
        linkOrCopy(path.join(entry, ...file.path.split('/')), out);
      }
      this.used.add(key);
      return true;
    } catch (error) {
      // No entry is a plain miss; an entry that does not match its list is damage worth a word.
      if (existsSync(entry)) this.onDamaged?.(`search cache entry ${key.slice(0, 12)}…: ${error instanceof Error ? error.message : String(error)}; indexed again`);
      rmSync(target, { recursive: true, force: true });
      return false;
    } finally {
      // A bad entry is dropped so that the store below can replace it.
      if (!this.used.has(key)) this.drop(key);
    }
  }

  /**
   * Stores the bundle folder `source` as the entry `key` (temporary folder, then rename): hard links to
   * its files where it can (an output is replaced, never rewritten in place; a damaged file is caught by
   * its SHA-256 when the entry is read), else copies.
   */
  store(key: string, source: string): void {
    const entry = path.join(this.dir, key);
    const temp = path.join(this.dir, `.tmp-${key}-${process.pid}-${Date.now()}`);
    try {
      mkdirSync(temp, { recursive: true });
      const files: EntryFile[] = [];
      const ensureDir = dirMaker();
      for (const name of filesOf(source)) {
        const from = path.join(source, ...name.split('/'));
        const data = readFileSync(from);
        const out = path.join(temp, ...name.split('/'));
        ensureDir(path.dirname(out));
        linkOrCopy(from, out);
        files.push({ path: name, size: data.length, sha256: sha256(data) });
      }
      writeFileSync(path.join(temp, ENTRY_LIST), `${JSON.stringify({ key, format: CACHE_FORMAT, files })}\n`);
      this.drop(key);
      renameSync(temp, entry);
      this.used.add(key);
    } catch {
      // The cache is an optimisation: a failed store (full disk, a concurrent writer) leaves the output as it is.
      rmSync(temp, { recursive: true, force: true });
    }
  }

  /** Deletes the entries (and leftover temporary folders) this build did not use, and keeps the page counts it used. */
  prune(): void {
    if (!existsSync(this.dir)) return;
    if (this.countsUsed.size > 0) {
      const temp = path.join(this.dir, `.tmp-pages-${process.pid}-${Date.now()}`);
      const chars = Object.fromEntries([...this.countsUsed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      try {
        writeFileSync(temp, `${JSON.stringify({ format: CACHE_FORMAT, chars })}\n`);
        renameSync(temp, path.join(this.dir, PAGE_COUNTS));
      } catch {
        rmSync(temp, { force: true });
      }
    }
    for (const name of readdirSync(this.dir)) {
      if (this.used.has(name) || name === PAGE_COUNTS) continue;
      if (KEY.test(name)) this.drop(name);
      else if (name.startsWith('.tmp-') || name.startsWith('.old-')) {
        const match = /-(\d+)-\d+$/u.exec(name);
        if (!match || !isAlive(Number(match[1]))) rmSync(path.join(this.dir, name), { recursive: true, force: true });
      }
    }
  }

  /** Removes an entry by first renaming it away, so a reader never sees it half deleted under its key. */
  private drop(key: string): void {
    const entry = path.join(this.dir, key);
    if (!existsSync(entry)) return;
    const old = path.join(this.dir, `.old-${key}-${process.pid}-${Date.now()}`);
    try {
      renameSync(entry, old);
      rmSync(old, { recursive: true, force: true });
    } catch {
      // Another process removed or replaced it first.
    }
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
