/**
 * `npm run mirror`: builds the site and packages it for mirror operators as
 * OUT/iw-archive-YYYYMMDD/ (the unpacked tree, for rsync) and
 * OUT/iw-archive-YYYYMMDD.tar.gz (the same files, deterministic bytes), with
 * manifest.json and SHA256SUMS (layout: src/lib/mirror/package.ts).
 *
 *   node scripts/mirror/package.ts [--out mirror] [--date YYYY-MM-DD] [--base /archive/iw/]
 *                                  [--redirect-to https://archive.example.org/iw/]
 *                                  [--site dist --report reports]   (package an existing build)
 *                                  [build options: --content DIR --strict --thumbs …]
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { headerPolicy, metaPolicy } from '../../src/lib/mirror/csp.ts';
import { apacheRedirects, nginxRedirects, type OldLink } from '../../src/lib/mirror/old-links.ts';
import {
  MANIFEST_JSON,
  MANIFEST_VERSION,
  SHA256SUMS,
  SITE_FOLDER,
  materialEntries,
  newestContentDate,
  packageName,
  packageReadme,
  sha256sums,
  type ExportForManifest,
  type FileEntry,
  type MirrorManifest,
} from '../../src/lib/mirror/package.ts';
import { apacheHtaccess, nginxLocation, normaliseBase } from '../../src/lib/mirror/server-config.ts';
import type { BuildResult } from '../build.ts';
import { walk, writeTarGz } from './archive.ts';

export interface PackageOptions {
  /** A built site (scripts/build.ts output) and its report folder. */
  siteDir: string;
  reportDir: string;
  outDir: string;
  /** YYYY-MM-DD; default the newest content date. */
  date?: string;
  /** Where the mirror will be served, for the server configs ("/" by default). */
  base: string;
  /** Where old-URL redirects point (default: the base on the same host). */
  redirectTo?: string;
}

export interface PackageResult {
  name: string;
  folder: string;
  archive: string;
  files: number;
  bytes: number;
}

export function fileEntry(root: string, name: string): FileEntry {
  const data = readFileSync(path.join(root, name));
  return { path: name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

export async function packageMirror(options: PackageOptions): Promise<PackageResult> {
  const readJson = <T>(file: string, what: string): T => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new Error(`${file}: expected ${what} written by the build; ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const data = readJson<ExportForManifest>(path.join(options.siteDir, 'data', 'archive.json'), 'the archive data (data/archive.json)');
  const report = readJson<BuildResult>(path.join(options.reportDir, 'build-report.json'), 'the build report');
  const date = options.date ?? newestContentDate(data);
  if (!date) throw new Error(`${options.siteDir}/data/archive.json: no event or program has a date to name the package by; give --date YYYY-MM-DD`);
  const name = packageName(date);
  const folder = path.join(options.outDir, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(options.siteDir, path.join(folder, SITE_FOLDER), { recursive: true });

  const pages = walk(options.siteDir).files.filter((file) => file.endsWith('.html'));
  const policies = pages.map((page) => {
    const policy = metaPolicy(readFileSync(path.join(options.siteDir, page), 'utf8'));
    if (!policy) throw new Error(`${options.siteDir}/${page}: no Content-Security-Policy meta tag (is security.csp set in astro.config.mjs?)`);
    return policy;
  });
  const base = normaliseBase(options.base);
  const header = headerPolicy(policies);
  const table = readJson<OldLink[]>(path.join(options.siteDir, 'data', 'old-links.json'), 'the old-URL table (data/old-links.json)');
  const server = path.join(folder, 'server');
  mkdirSync(server);
  writeFileSync(path.join(server, 'nginx.conf'), nginxLocation({ base, root: `/srv/${name}/${SITE_FOLDER}/`, policy: header }));
  writeFileSync(path.join(server, 'apache.htaccess'), apacheHtaccess({ base, policy: header }));
  writeFileSync(path.join(server, 'csp.txt'), `${header}\n`);
  writeFileSync(path.join(server, 'redirects-nginx.conf'), nginxRedirects(table, options.redirectTo ?? base));
  writeFileSync(path.join(server, 'redirects-apache.conf'), apacheRedirects(table, options.redirectTo ?? base));
  writeFileSync(path.join(folder, 'README.txt'), packageReadme(name, base));
  writeFileSync(path.join(server, 'old-links.tsv'), `old_url\tarchive_page\tsource\n${table.map((link) => `${link.old}\t${link.page}\t${link.source}`).join('\n')}\n`);

  const files = walk(folder).files.map((file) => fileEntry(folder, file));
  const manifest: MirrorManifest = {
    version: MANIFEST_VERSION,
    name,
    date,
    build: { problems: report.problems.length, notices: report.notices.length, stats: { ...report.stats, ms: undefined, ingest: undefined } },
    files,
    materials: materialEntries(data),
  };
  writeFileSync(path.join(folder, MANIFEST_JSON), `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(path.join(folder, SHA256SUMS), sha256sums([...files, fileEntry(folder, MANIFEST_JSON)]));

  const archive = path.join(options.outDir, `${name}.tar.gz`);
  // Every entry dated midnight UTC of the package date: the same files give the same bytes.
  await writeTarGz(folder, name, archive, new Date(`${date}T00:00:00Z`));
  return { name, folder, archive, files: files.length + 2, bytes: statSync(archive).size };
}

const MIRROR_OPTIONS = ['--out', '--date', '--base', '--redirect-to', '--site', '--report'] as const;

/** The mirror's own options; everything else is passed to the build (--content, --strict, --thumbs, …). */
function splitArgs(args: string[]): { values: Partial<Record<(typeof MIRROR_OPTIONS)[number], string>>; buildArgs: string[] } {
  const values: Partial<Record<(typeof MIRROR_OPTIONS)[number], string>> = {};
  const buildArgs: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/su);
    const known = MIRROR_OPTIONS.find((option) => option === flag);
    if (!known) {
      if (arg !== '--') buildArgs.push(arg);
      continue;
    }
    const value = inline ?? args[(index += 1)];
    if (value === undefined) throw new Error(`${known}: expected a value`);
    values[known] = value;
  }
  return { values, buildArgs };
}

async function main(): Promise<void> {
  const { values: given, buildArgs } = splitArgs(process.argv.slice(2));
  let siteDir = given['--site'];
  if (!siteDir) {
    // Build first, into dist/ as npm run build does (--out names the package folder here).
    siteDir = 'dist';
    const build = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, '..', 'build.ts'), '--out', siteDir, '--report', given['--report'] ?? 'reports', '--base', given['--base'] ?? '/', ...buildArgs],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const date = given['--date']?.replace(/^(\d{4})(\d{2})(\d{2})$/u, '$1-$2-$3');
  const redirectTo = given['--redirect-to'];
  const result = await packageMirror({
    siteDir,
    reportDir: given['--report'] ?? 'reports',
    outDir: given['--out'] ?? 'mirror',
    base: given['--base'] ?? '/',
    ...(date ? { date } : {}),
    ...(redirectTo ? { redirectTo } : {}),
  });
  console.error(`mirror: ${result.archive} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.files} files) and ${result.folder}/; check a copy with: npm run verify -- ${result.archive}`);
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`mirror: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
