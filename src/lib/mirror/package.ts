/**
 * The mirror package: what `npm run mirror` writes and `npm run verify` checks.
 *
 *   iw-archive-YYYYMMDD/
 *     site/            the built site (serve this folder, or open site/index.html from disk)
 *     server/          nginx and Apache configuration: CSP and headers, redirects of old URLs
 *     README.txt       the layout and the commands, for an operator who has only the archive
 *     manifest.json    every file with its size and SHA-256; every material with its program,
 *                      original URL and outcome; the build's counts
 *     SHA256SUMS       `sha256sum -c SHA256SUMS` checks every file including manifest.json
 *
 * Pure logic; the I/O is in scripts/mirror/package.ts and scripts/mirror/verify.ts.
 */

export const MANIFEST_JSON = 'manifest.json';
export const SHA256SUMS = 'SHA256SUMS';
export const SITE_FOLDER = 'site';
export const MANIFEST_VERSION = 1;

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface MaterialEntry {
  program: string;
  programPage: string;
  file: string;
  page: string | null;
  originalUrl: string | null;
  /** The text-extraction outcome of the build (ok, partial, encrypted, no-text-layer, …); null when not parsed. */
  outcome: string | null;
  sha256: string | null;
}

export interface MirrorManifest {
  version: number;
  name: string;
  /** The date the package is named by: the newest content date, or the one given. */
  date: string;
  build: { problems: number; notices: number; stats: unknown };
  files: FileEntry[];
  materials: MaterialEntry[];
}

/** The part of data/archive.json the manifest reads (src/lib/cite/data.ts). */
export interface ExportForManifest {
  events: { year: number; start: string | null; end: string | null }[];
  programs: {
    id: string;
    url: string;
    date: string | null;
    materials: { file?: string; page?: string; url?: string; originalUrl?: string | null; outcome?: string | null; sha256?: string | null }[];
  }[];
}

/** The newest date the content speaks of: the last day of the last event or program. */
export function newestContentDate(data: ExportForManifest): string | null {
  const dates = [...data.events.map((event) => event.end), ...data.programs.map((program) => program.date)].filter(
    (date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(date),
  );
  return dates.sort().at(-1) ?? null;
}

export function packageName(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date)) throw new Error(`package date: expected YYYY-MM-DD; found ${JSON.stringify(date)}`);
  return `iw-archive-${date.replaceAll('-', '')}`;
}

export function materialEntries(data: ExportForManifest): MaterialEntry[] {
  return data.programs.flatMap((program) =>
    program.materials
      .filter((material) => material.file !== undefined)
      .map((material) => ({
        program: program.id,
        programPage: program.url,
        file: material.file ?? '',
        page: material.page ?? null,
        originalUrl: material.originalUrl ?? null,
        outcome: material.outcome ?? null,
        sha256: material.sha256 ?? null,
      })),
  );
}

/** `sha256sum` format: "<hash>  <path>", one line per file, sorted by path. */
export function sha256sums(files: FileEntry[]): string {
  return [...files]
    .sort((a, b) => compareNames(a.path, b.path))
    .map((file) => `${file.sha256}  ${file.path}\n`)
    .join('');
}

export function parseSha256sums(text: string, name = SHA256SUMS): Map<string, string> {
  const sums = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/u.exec(line);
    if (!match) throw new Error(`${name} line ${index + 1}: expected "<sha256>  <path>"; found ${JSON.stringify(line.slice(0, 80))}`);
    sums.set(match[2] ?? '', match[1] ?? '');
  });
  return sums;
}

/** Byte order of names, the same everywhere (not the locale's): the package's entries are in this order. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Comparison {
  ok: number;
  missing: string[];
  changed: string[];
  extra: string[];
}

/** A copy's files (path → hash, or a function computing it) against what its manifest lists. */
export function compareFiles(expected: FileEntry[], actual: Map<string, () => { bytes: number; sha256: string }>): Comparison {
  const result: Comparison = { ok: 0, missing: [], changed: [], extra: [] };
  const listed = new Set<string>();
  for (const entry of expected) {
    listed.add(entry.path);
    const measure = actual.get(entry.path);
    if (!measure) {
      result.missing.push(entry.path);
      continue;
    }
    const found = measure();
    if (found.bytes === entry.bytes && found.sha256 === entry.sha256) result.ok += 1;
    else result.changed.push(entry.path);
  }
  result.extra = [...actual.keys()].filter((name) => !listed.has(name)).sort(compareNames);
  return result;
}

/** README.txt at the top of the package: what an operator who only has the archive file needs. */
export function packageReadme(name: string, base: string): string {
  return `Internet Week archive mirror ${name}

site/        the archive. Open site/index.html from disk, or serve the folder with any web server
             at any path (everything is relative). Full-text search needs a web server; from disk
             the search page offers a finder by code, title, speaker and year.
server/      nginx.conf (a location block for ${base}: CSP and security headers, the 404 page, MIME
             types; change alias to where site/ is), apache.htaccess (copy to site/.htaccess),
             csp.txt (the Content-Security-Policy header), redirects-nginx.conf and
             redirects-apache.conf (old nic.ad.jp and event URLs -> archive pages, for the old hosts),
             old-links.tsv (the same table).
manifest.json  every file with size and SHA-256; every material with program, original URL, outcome.
SHA256SUMS     check the copy:  sha256sum -c SHA256SUMS   (or: npm run verify -- THIS_FOLDER)

Quick start without a web server setup:  cd site && python3 -m http.server 8080
Update: rsync -a --delete --checksum NEW_PACKAGE_FOLDER/ /srv/iw-archive/  then sha256sum -c SHA256SUMS
`;
}
