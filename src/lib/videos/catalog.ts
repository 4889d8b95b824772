/**
 * Reading and writing content/videos/: the importer-owned catalog, the person-owned
 * links.yaml, and review.yaml. Merging is deterministic, so importing the same
 * export twice writes nothing the second time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument, stringify, YAMLParseError, type Document } from 'yaml';
import { readContentText } from '../content-files.ts';
import { describeValue, findMarkup, problemsFromZod, type Problem } from '../problems.ts';
import { parseChapters } from './chapters.ts';
import type { ImportedVideo } from './formats.ts';
import type { CatalogVideo, LinksInput } from './link.ts';
import { linksFileSchema, programRefSchema, reviewFileSchema, videoSchema, VIDEO_ID, type LinkEntry, type ReviewEntry, type VideoData } from './schema.ts';

export const VIDEOS_DIR = 'videos';
export const CATALOG_DIR = 'catalog';
export const LINKS_FILE = 'links.yaml';
export const REVIEW_FILE = 'review.yaml';

export interface VideoPaths {
  /** content/videos, absolute. */
  dir: string;
  catalog: string;
  links: string;
  review: string;
  /** The project root problems are relative to. */
  root: string;
}

export function videoPaths(contentDir: string, root = path.dirname(path.resolve(contentDir))): VideoPaths {
  const dir = path.join(path.resolve(contentDir), VIDEOS_DIR);
  return { dir, catalog: path.join(dir, CATALOG_DIR), links: path.join(dir, LINKS_FILE), review: path.join(dir, REVIEW_FILE), root };
}

export function relative(paths: VideoPaths, absolute: string): string {
  return path.relative(paths.root, absolute).split(path.sep).join('/');
}

function yamlProblem(file: string, error: unknown): Problem {
  if (error instanceof YAMLParseError) {
    const position = error.linePos?.[0];
    const where = position ? ` at line ${position.line} column ${position.col}` : '';
    return { file, kind: 'front-matter', message: `expected valid YAML; the parser says${where}: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/u, '')}` };
  }
  return { file, kind: 'front-matter', message: `expected valid YAML; ${error instanceof Error ? error.message : String(error)}` };
}

function parseYamlFile(paths: VideoPaths, absolute: string, file: string, problems: Problem[], text?: string): { data: unknown; document: Document } | null {
  // Read like every content file: inside content/ (symlinks resolved), under the size limit, whole UTF-8.
  const read = text === undefined ? readContentText(path.dirname(paths.dir), absolute, (name) => relative(paths, name)) : { text };
  if ('problem' in read) {
    problems.push({ file, ...read.problem });
    return null;
  }
  const document = parseDocument(read.text, { version: '1.2' });
  if (document.errors.length > 0) {
    problems.push(yamlProblem(file, document.errors[0]));
    return null;
  }
  return { data: document.toJS(), document };
}

/** Every catalog entry, validated on its own; a broken file is a problem and the rest still load. */
export function readCatalog(paths: VideoPaths): { videos: Map<string, CatalogVideo>; problems: Problem[] } {
  const videos = new Map<string, CatalogVideo>();
  const problems: Problem[] = [];
  if (!existsSync(paths.catalog)) return { videos, problems };
  for (const name of readdirSync(paths.catalog).filter((entry) => entry.endsWith('.yaml')).sort()) {
    const absolute = path.join(paths.catalog, name);
    const file = relative(paths, absolute);
    const parsed = parseYamlFile(paths, absolute, file, problems);
    if (!parsed) continue;
    const result = videoSchema.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...problemsFromZod(file, result.error, parsed.data));
      continue;
    }
    const stem = name.slice(0, -'.yaml'.length);
    if (result.data.id !== stem) {
      problems.push({ file, field: 'id', kind: 'video', message: `expected the id to match the file name (${stem}); found ${describeValue(result.data.id)} (skipped)` });
      continue;
    }
    if (result.data.platform !== 'youtube') {
      problems.push({ file, field: 'platform', kind: 'video', message: `expected a YouTube video; found ${result.data.platform} (kept as a plain link, no player)` });
    }
    // The programs' rule: markup in a title is named and the title kept, shown escaped.
    problems.push(...findMarkup(file, { title: result.data.title, chapters: result.data.chapters.map((chapter) => ({ title: chapter.title })) }, ''));
    videos.set(result.data.id, { ...result.data, file });
  }
  return { videos, problems };
}

export interface LinksRead {
  input: LinksInput;
  document: Document | null;
  problems: Problem[];
}

/** links.yaml, entry by entry: a malformed entry is a problem, the others count. `text` replaces the file (a dry run). */
export function readLinks(paths: VideoPaths, text?: string): LinksRead {
  const file = relative(paths, paths.links);
  const entries = new Map<string, LinkEntry>();
  const problems: Problem[] = [];
  if (text === undefined && !existsSync(paths.links)) return { input: { file, entries }, document: null, problems };
  const parsed = parseYamlFile(paths, paths.links, file, problems, text);
  if (!parsed) return { input: { file, entries }, document: null, problems };
  if (parsed.data === null || parsed.data === undefined) return { input: { file, entries }, document: parsed.document, problems };
  if (typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    problems.push({ file, kind: 'schema', message: `expected a mapping of video id to { year, code } or none; found ${describeValue(parsed.data)}` });
    return { input: { file, entries }, document: parsed.document, problems };
  }
  for (const [id, value] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (!VIDEO_ID.test(id)) {
      problems.push({ file, field: id, kind: 'schema', message: `expected a video id (A-Z, a-z, 0-9, _ and -) as the key; found ${describeValue(id)}` });
      continue;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      // The object form: name the field that is wrong (year, code, subTalk, …).
      const checked = programRefSchema.safeParse(value);
      if (!checked.success) {
        problems.push(...problemsFromZod(file, checked.error, value).map((found) => ({ ...found, field: found.field === undefined ? id : `${id}.${found.field}` })));
        continue;
      }
    }
    const result = linksFileSchema.safeParse({ [id]: value });
    if (!result.success) {
      problems.push({ file, field: id, kind: 'schema', message: `expected { year, code } (optionally subTalk, speaker, part, note) or the word none; found ${describeValue(value)}` });
      continue;
    }
    const entry = result.data[id];
    if (entry !== undefined) entries.set(id, entry);
  }
  return { input: { file, entries }, document: parsed.document, problems };
}

export function readReview(paths: VideoPaths): { entries: ReviewEntry[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!existsSync(paths.review)) return { entries: [], problems };
  const file = relative(paths, paths.review);
  const parsed = parseYamlFile(paths, paths.review, file, problems);
  if (!parsed) return { entries: [], problems };
  const result = reviewFileSchema.safeParse(parsed.data ?? []);
  if (!result.success) {
    problems.push(...problemsFromZod(file, result.error, parsed.data));
    return { entries: [], problems };
  }
  return { entries: result.data, problems };
}

const KEY_ORDER = ['id', 'platform', 'url', 'title', 'published', 'duration', 'channel', 'series', 'program', 'chapters', 'description'] as const;

/** One catalog file: fixed key order, block text for descriptions, a header saying who owns it. */
export function serialiseVideo(video: VideoData): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const value = video[key];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    if (key === 'description' && value === '') continue;
    ordered[key] = value;
  }
  return `# Written by scripts/import/videos.ts: re-importing overwrites this file.\n# Link it to a program in content/videos/links.yaml, not here.\n${stringify(ordered, { lineWidth: 0, version: '1.2' })}`;
}

export interface MergeOptions {
  /** --series: the series of every video in this import. */
  series?: string;
  /** The playlist's title, when the export has one. */
  playlistTitle?: string;
}

/** A series id from a playlist or video title: "Internet Week Basic オンデマンド" → basic-ondemand. */
export function seriesFromTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  return /internet\s*week\s*basic/iu.test(title.normalize('NFKC')) ? 'basic-ondemand' : undefined;
}

export interface MergeResult {
  video: VideoData | null;
  problems: Problem[];
}

/**
 * What an import knows replaces what the catalog had; what it does not know
 * (a duration missing from playlistItems, chapters a flat playlist lacks) is kept.
 */
export function mergeVideo(existing: VideoData | undefined, imported: ImportedVideo, options: MergeOptions, file: string, exportFile: string): MergeResult {
  const problems: Problem[] = [];
  const title = imported.title ?? existing?.title;
  if (title === undefined) {
    problems.push({ file: exportFile, field: imported.at, kind: 'video', message: `expected a title for new video ${imported.id}; found none (this export only adds to known videos: import a playlist or video export first)` });
    return { video: null, problems };
  }
  const description = imported.description ?? existing?.description ?? '';
  const duration = imported.duration ?? existing?.duration;
  let chapters = imported.chapters;
  if (chapters === undefined) {
    const parsed = parseChapters(description, duration);
    if (parsed.rejected) problems.push({ file, field: 'description', kind: 'video', message: `no chapters: ${parsed.rejected}` });
    chapters = parsed.chapters.length > 0 ? parsed.chapters : (existing?.chapters ?? []);
  }
  const published = imported.published ?? existing?.published;
  const channel = imported.channel ?? existing?.channel;
  const series = options.series ?? imported.series ?? seriesFromTitle(options.playlistTitle) ?? existing?.series ?? seriesFromTitle(title);
  const program = imported.program ?? existing?.program;
  const video: VideoData = {
    id: imported.id,
    platform: imported.platform,
    url: imported.url,
    title,
    ...(published === undefined ? {} : { published }),
    ...(duration === undefined ? {} : { duration }),
    description,
    ...(channel === undefined ? {} : { channel }),
    chapters,
    ...(series === undefined ? {} : { series }),
    ...(program === undefined ? {} : { program }),
  };
  const checked = videoSchema.safeParse(video);
  if (!checked.success) {
    problems.push(...problemsFromZod(exportFile, checked.error, video).map((found) => ({ ...found, field: `${imported.at}.${found.field ?? ''}`, message: `${found.message} (video ${imported.id} skipped)` })));
    return { video: null, problems };
  }
  return { video: checked.data, problems };
}

export interface PlannedChange {
  id: string;
  /** Absolute path of the catalog file. */
  path: string;
  action: 'add' | 'update' | 'unchanged';
  /** Fields that change, for an update. */
  fields: string[];
  text: string;
  video: VideoData;
}

export interface ImportPlan {
  changes: PlannedChange[];
  problems: Problem[];
}

/** The catalog after importing `videos`, without writing anything. */
export function planImport(paths: VideoPaths, catalog: ReadonlyMap<string, VideoData>, videos: readonly ImportedVideo[], options: MergeOptions, exportFile: string): ImportPlan {
  const problems: Problem[] = [];
  const planned = new Map<string, PlannedChange>();
  const firstAt = new Map<string, string>();
  for (const imported of videos) {
    if (!VIDEO_ID.test(imported.id)) continue;
    const earlier = firstAt.get(imported.id);
    if (earlier !== undefined) {
      problems.push({ file: exportFile, field: imported.at, kind: 'duplicate', message: `duplicate id ${imported.id}: ${earlier} has it too; merged into one catalog entry` });
    } else firstAt.set(imported.id, imported.at);
    const absolute = path.join(paths.catalog, `${imported.id}.yaml`);
    const file = relative(paths, absolute);
    const base = planned.get(imported.id)?.video ?? catalog.get(imported.id);
    const merged = mergeVideo(base, imported, options, file, exportFile);
    problems.push(...merged.problems);
    if (!merged.video) continue;
    const text = serialiseVideo(merged.video);
    const before = existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
    const previous = catalog.get(imported.id);
    const fields = previous
      ? KEY_ORDER.filter((key) => JSON.stringify(previous[key] ?? null) !== JSON.stringify(merged.video?.[key] ?? null)).map(String)
      : [];
    const action = before === null ? 'add' : before === text ? 'unchanged' : 'update';
    planned.set(imported.id, { id: imported.id, path: absolute, action, fields: action === 'update' && fields.length === 0 ? ['(formatting)'] : fields, text, video: merged.video });
  }
  return { changes: [...planned.values()], problems };
}

const REVIEW_HEADER = `# Suggestions for videos without a program, written by scripts/import/videos.ts (regenerated on every run).
# Accept one:  node scripts/import/videos.ts --accept VIDEO_ID [--choice N]   (N = 1 for the first suggestion)
# Reject all:  node scripts/import/videos.ts --reject VIDEO_ID                (writes VIDEO_ID: none)
# Or edit content/videos/links.yaml by hand: VIDEO_ID: { year: 2024, code: O1 }
`;

export function serialiseReview(entries: readonly ReviewEntry[]): string {
  return `${REVIEW_HEADER}${entries.length === 0 ? '[]\n' : stringify(entries, { lineWidth: 0, version: '1.2' })}`;
}

const LINKS_HEADER = `# Owned by people: which program each video belongs to. No import overwrites it.
#   VIDEO_ID: { year: 2024, code: O1 }                 the program (code as listed, any case, zero-padding allowed)
#   VIDEO_ID: { year: 2024, code: D2, subTalk: D2-1 }  one sub-talk; speaker: and part: 1 are allowed too
#   VIDEO_ID: none                                      not a program video
`;

/** links.yaml with one entry set; comments and other entries stay as written. */
export function setLink(existing: string | null, id: string, entry: LinkEntry): string {
  const source = existing ?? LINKS_HEADER;
  const document = parseDocument(source, { version: '1.2' });
  if (document.errors.length > 0) throw document.errors[0];
  if (document.contents === null) {
    const line = `${id}: ${entry === 'none' ? 'none' : stringify(entry, { collectionStyle: 'flow', lineWidth: 0 }).trim()}\n`;
    return `${source}${source === '' || source.endsWith('\n') ? '' : '\n'}${line}`;
  }
  if (!isMap(document.contents)) throw new Error(`expected links.yaml to be a mapping of video id to { year, code } or none; found ${describeValue(document.toJS())}`);
  const value = entry === 'none' ? 'none' : document.createNode(entry, { flow: true });
  document.set(id, value);
  return document.toString({ lineWidth: 0 });
}
