/**
 * npm run import -- FILE_OR_DIR... [--year YYYY] [--dry-run] [--strict] [--content DIR]
 *
 * Imports listings (CSV/TSV), legacy program pages (HTML) and folders of material files into
 * content/: one Markdown file per program, an event file for a year that has none, material
 * files copied to content/materials/<year>/. The decisions are src/lib/import/plan.ts; this
 * file reads inputs, checks every target stays inside content/ (no symlinks), writes, reports.
 */
import { copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { codeSlug, normaliseCode } from '../../src/lib/codes.ts';
import { declaredHtmlCharset, decodeBytes } from '../../src/lib/import/decode.ts';
import { readHtmlPage } from '../../src/lib/import/html.ts';
import { readListing } from '../../src/lib/import/listing.ts';
import { formatImportProblem, type ImportedProgram, type ImportProblem } from '../../src/lib/import/model.ts';
import { parseCli, runMain, type CliIo } from '../cli.ts';
import { planImport, type ExistingProgram, type MaterialFile, type RegistryPerson } from '../../src/lib/import/plan.ts';

const USAGE = 'usage: npm run import -- FILE_OR_DIR... [--year YYYY] [--dry-run] [--strict] [--content DIR]';
const LISTING = /\.(csv|tsv)$/iu;
const PAGE = /\.html?$/iu;
const MATERIAL = /\.(pdf|pptx?|key|zip|odp)$/iu;

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  copied: string[];
  unmatched: string[];
  problems: string[];
  notices: string[];
}

function yearFolder(name: string): number | undefined {
  return /^(19|20)\d\d$/u.test(name) ? Number(name) : undefined;
}

interface InputFile {
  absolute: string;
  /** As shown in messages: the path as given. */
  shown: string;
  year?: number;
  /** For a material: its path under content/materials/<year>/. */
  materialPath: string;
}

function listInputs(argument: string, problems: ImportProblem[], cwd: string): InputFile[] {
  const absolute = path.resolve(cwd, argument);
  if (!existsSync(absolute)) {
    problems.push({ file: argument, message: 'expected a file or folder to import; found nothing there' });
    return [];
  }
  if (!lstatSync(absolute).isDirectory()) {
    return [{ absolute, shown: argument, materialPath: path.basename(absolute), ...(yearFolder(path.basename(path.dirname(absolute))) ? { year: yearFolder(path.basename(path.dirname(absolute))) ?? 0 } : {}) }];
  }
  const files: InputFile[] = [];
  const walk = (dir: string, year: number | undefined, base: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isSymbolicLink()) {
        problems.push({ file: path.relative(cwd, full), message: 'expected a file or folder; found a symbolic link, which the importer does not follow' });
      } else if (entry.isDirectory()) {
        const folderYear = yearFolder(entry.name);
        walk(full, folderYear ?? year, folderYear === undefined ? base : full);
      } else if (entry.isFile()) {
        files.push({ absolute: full, shown: path.relative(cwd, full) || full, ...(year === undefined ? {} : { year }), materialPath: path.relative(base, full).split(path.sep).join('/') });
      }
    }
  };
  walk(absolute, yearFolder(path.basename(absolute)), absolute);
  return files;
}

/** Refuses a target outside content/ or reached through a symbolic link; returns its absolute path. */
function safeTarget(contentRoot: string, relative: string, cwd: string): string {
  const target = path.resolve(contentRoot, relative);
  if (!target.startsWith(`${contentRoot}${path.sep}`)) throw new Error(`refused to write ${relative}: it resolves outside ${contentRoot}`);
  let current = contentRoot;
  for (const part of path.relative(contentRoot, target).split(path.sep)) {
    current = path.join(current, part);
    if (existsSync(current) && lstatSync(current).isSymbolicLink()) throw new Error(`refused to write ${path.relative(cwd, target)}: ${path.relative(cwd, current)} is a symbolic link`);
  }
  return target;
}

function writeAtomically(target: string, data: string | Buffer): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.import-${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, target);
}

function readExisting(contentRoot: string): { programs: ExistingProgram[]; eventYears: number[]; registry: RegistryPerson[] } {
  const programs: ExistingProgram[] = [];
  const programsDir = path.join(contentRoot, 'programs');
  for (const yearName of existsSync(programsDir) ? readdirSync(programsDir).sort() : []) {
    const year = yearFolder(yearName);
    if (year === undefined) continue;
    for (const name of readdirSync(path.join(programsDir, yearName)).filter((file) => file.endsWith('.md')).sort()) {
      const text = readFileSync(path.join(programsDir, yearName, name), 'utf8');
      let slug = name.slice(0, -3);
      try {
        const data = matter(text, { engines: { yaml: (source: string) => parseYaml(source) as object } }).data as { code?: unknown };
        const code = typeof data.code === 'string' ? normaliseCode(data.code) : null;
        if (code !== null) slug = codeSlug(code);
      } catch {
        // A file with broken front matter keeps its file name as its slot; the planner reports it if the import touches it.
      }
      programs.push({ year, slug, path: `programs/${yearName}/${name}`, text });
    }
  }
  const eventsDir = path.join(contentRoot, 'events');
  const eventYears = (existsSync(eventsDir) ? readdirSync(eventsDir) : []).map((name) => yearFolder(name.replace(/\.md$/u, ''))).filter((year) => year !== undefined);
  const registry: RegistryPerson[] = [];
  const speakersDir = path.join(contentRoot, 'speakers');
  for (const name of existsSync(speakersDir) ? readdirSync(speakersDir).filter((file) => file.endsWith('.md')) : []) {
    try {
      const data = matter(readFileSync(path.join(speakersDir, name), 'utf8'), { engines: { yaml: (source: string) => parseYaml(source) as object } }).data as RegistryPerson;
      if (typeof data.name === 'string') registry.push({ name: data.name, ...(typeof data.romaji === 'string' ? { romaji: data.romaji } : {}), aliases: Array.isArray(data.aliases) ? data.aliases.map(String) : [] });
    } catch {
      // The build reports a broken registry file; the importer only loses its romaji for matching.
    }
  }
  return { programs, eventYears, registry };
}

export function runImport(inputs: string[], options: { year?: number; dryRun: boolean; contentDir: string; log?: (line: string) => void; /** Relative paths are read against it and shown from it (default the process's). */ cwd?: string }): ImportSummary {
  const log = options.log ?? ((line: string) => console.log(line));
  const cwd = options.cwd ?? process.cwd();
  const contentRoot = path.resolve(cwd, options.contentDir);
  if (!existsSync(contentRoot) || lstatSync(contentRoot).isSymbolicLink() || !lstatSync(contentRoot).isDirectory()) {
    throw new Error(`expected the content folder ${contentRoot} to be a real folder (not a symbolic link)`);
  }
  const problems: ImportProblem[] = [];
  const programs: ImportedProgram[] = [];
  const materials: MaterialFile[] = [];
  const materialSources = new Map<string, string>();
  const skipped: string[] = [];
  for (const argument of inputs) {
    for (const input of listInputs(argument, problems, cwd)) {
      const year = input.year ?? options.year;
      if (LISTING.test(input.absolute) || PAGE.test(input.absolute)) {
        const bytes = readFileSync(input.absolute);
        const isPage = PAGE.test(input.absolute);
        const decoded = decodeBytes(bytes, isPage ? declaredHtmlCharset(bytes) : undefined);
        if ('error' in decoded) {
          problems.push({ file: input.shown, message: `${decoded.error}; nothing in this file was imported` });
          continue;
        }
        if (decoded.warning) problems.push({ file: input.shown, message: decoded.warning });
        const read = isPage
          ? readHtmlPage(decoded.text, { file: input.shown, ...(year === undefined ? {} : { year }) })
          : readListing(decoded.text, { file: input.shown, ...(year === undefined ? {} : { year }), ...(/\.tsv$/iu.test(input.absolute) ? { delimiter: '\t' as const } : {}) });
        programs.push(...read.programs);
        problems.push(...read.problems);
      } else if (MATERIAL.test(input.absolute)) {
        if (year === undefined) {
          problems.push({ file: input.shown, message: 'expected the year of this material: a YEAR/ folder above it or --year; found neither (not imported)' });
          continue;
        }
        materials.push({ year, file: input.materialPath, source: input.shown });
        materialSources.set(`${year}/${input.materialPath}`, input.absolute);
      } else skipped.push(input.shown);
    }
  }

  const existing = readExisting(contentRoot);
  const plan = planImport({ programs, materials, existing: existing.programs, existingEventYears: existing.eventYears, registry: existing.registry });
  problems.push(...plan.problems);
  const summary: ImportSummary = { created: [], updated: [], unchanged: [], copied: [], unmatched: [...skipped, ...plan.unmatched.map((file) => file.source)], problems: [], notices: [...plan.notices] };
  const verb = options.dryRun ? 'would ' : '';
  const shownPath = (relative: string) => path.join(path.relative(cwd, contentRoot) || '.', relative);

  for (const material of plan.attached) {
    const relative = `materials/${material.year}/${material.file}`;
    const from = materialSources.get(`${material.year}/${material.file}`) ?? '';
    try {
      const target = safeTarget(contentRoot, relative, cwd);
      if (existsSync(target)) {
        if (!readFileSync(target).equals(readFileSync(from))) problems.push({ file: material.source, message: `expected ${shownPath(relative)} to be this file or absent; a different file is there, which was kept (not overwritten)` });
        continue;
      }
      if (!options.dryRun) {
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(from, target);
      }
      summary.copied.push(relative);
      log(`${verb}copy ${material.source} → ${shownPath(relative)}`);
    } catch (error) {
      problems.push({ file: material.source, message: error instanceof Error ? error.message : String(error) });
    }
  }

  for (const write of plan.writes) {
    try {
      const target = safeTarget(contentRoot, write.path, cwd);
      const onDisk = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
      if (onDisk === write.text) {
        summary.unchanged.push(write.path);
        continue;
      }
      if (write.action === 'create' && onDisk !== undefined) {
        problems.push({ file: shownPath(write.path), message: 'expected no file here for a new program or event; one is there, and it was kept' });
        continue;
      }
      if (!options.dryRun) writeAtomically(target, write.text);
      (write.action === 'create' ? summary.created : summary.updated).push(write.path);
      log(`${verb}${write.action} ${shownPath(write.path)}${write.action === 'update' ? ` (adds ${write.changes.join(', ')})` : ''}`);
    } catch (error) {
      problems.push({ file: shownPath(write.path), message: error instanceof Error ? error.message : String(error) });
    }
  }
  // A material a listing or page names must be in content/materials/<year>/ for the build to find it.
  for (const write of plan.writes) {
    const year = /^programs\/(\d{4})\//u.exec(write.path)?.[1];
    if (year === undefined) continue;
    for (const file of write.text.matchAll(/^\s*-?\s*file: (.+)$/gmu)) {
      const name = (file[1] ?? '').trim().replace(/^["']|["']$/gu, '');
      if (!existsSync(path.join(contentRoot, 'materials', year, name)) && !summary.copied.includes(`materials/${year}/${name}`)) {
        summary.notices.push(`${shownPath(write.path)} lists the material "${name}", which is not in ${shownPath(`materials/${year}/`)} yet: import its folder or copy it there`);
      }
    }
  }
  summary.problems = problems.map(formatImportProblem);
  return summary;
}

/** `npm run import -- …`: the exit code (0, 1 for problems under --strict, 2 for bad usage). */
export function main(argv: string[], io: CliIo): number {
  const parsed = parseCli(
    argv,
    io,
    {
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      content: { type: 'string' },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.err(`expected at least one FILE_OR_DIR to import\n${USAGE}`);
    return 2;
  }
  if (values.year !== undefined && yearFolder(values.year) === undefined) {
    io.err(`--year: expected a year such as 2007; found ${JSON.stringify(values.year)}`);
    return 2;
  }
  const dryRun = values['dry-run'];
  let summary: ImportSummary;
  try {
    summary = runImport(positionals, {
      ...(values.year === undefined ? {} : { year: Number(values.year) }),
      dryRun,
      cwd: io.cwd,
      log: io.out,
      contentDir: values.content ?? path.join(import.meta.dirname, '..', '..', 'content'),
    });
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
  for (const notice of summary.notices) io.out(`notice: ${notice}`);
  for (const file of summary.unmatched) io.out(`unmatched: ${file}`);
  for (const problem of summary.problems) io.err(`problem: ${problem}`);
  io.out(
    `${dryRun ? 'dry run (nothing written): ' : ''}${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ` +
      `${summary.copied.length} material files copied, ${summary.unmatched.length} unmatched, ${summary.problems.length} problems`,
  );
  if (values.strict && summary.problems.length > 0) {
    io.err(`strict mode: ${summary.problems.length} problems → exit 1`);
    return 1;
  }
  return 0;
}

if (import.meta.main) await runMain(main);
