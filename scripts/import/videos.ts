/**
 * Imports video metadata into content/videos/catalog/ and refreshes content/videos/review.yaml.
 *
 *   node scripts/import/videos.ts FILE... [--dry-run] [--content DIR] [--series ID]
 *   node scripts/import/videos.ts --accept VIDEO_ID [--choice N] [--dry-run]
 *   node scripts/import/videos.ts --reject VIDEO_ID [--dry-run]
 *   node scripts/import/videos.ts --review            (only refresh review.yaml)
 *
 * Formats (detected from the content): YouTube Data API playlistItems.list / videos.list JSON,
 * yt-dlp -J (a video, a playlist, --flat-playlist), CSV. See scripts/tools/sample/videos/README.md.
 * content/videos/links.yaml belongs to people: only --accept and --reject write it, one entry each.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadArchive } from '../../src/lib/content.ts';
import { formatProblem, type Problem } from '../../src/lib/problems.ts';
import { planImport, readCatalog, readLinks, readReview, relative, serialiseReview, setLink, videoPaths } from '../../src/lib/videos/catalog.ts';
import { FORMAT_NAMES, parseExport } from '../../src/lib/videos/formats.ts';
import { linkVideos, type CatalogVideo } from '../../src/lib/videos/link.ts';
import type { LinkEntry } from '../../src/lib/videos/schema.ts';
import { parseCli, runMain, type CliIo } from '../cli.ts';

const USAGE = `usage: node scripts/import/videos.ts FILE... [--dry-run] [--content DIR] [--series ID]
       node scripts/import/videos.ts --accept VIDEO_ID [--choice N] | --reject VIDEO_ID | --review`;

/** The exit code: 0, 1 when an export or a decision could not be applied, 2 for bad usage. */
export function main(argv: string[], io: CliIo): number {
  const parsed = parseCli(
    argv,
    io,
    {
      'dry-run': { type: 'boolean', default: false },
      content: { type: 'string' },
      series: { type: 'string' },
      accept: { type: 'string' },
      choice: { type: 'string' },
      reject: { type: 'string' },
      review: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0 && values.accept === undefined && values.reject === undefined && !values.review) {
    io.err(`expected an export FILE, --accept, --reject or --review\n${USAGE}`);
    return 2;
  }
  if (values.series !== undefined && !/^[a-z0-9-]+$/u.test(values.series)) {
    io.err(`--series: expected a series id of a-z, 0-9 and - (like basic-ondemand); found ${JSON.stringify(values.series)}`);
    return 2;
  }
  const dryRun = values['dry-run'];
  const contentDir = path.resolve(io.cwd, values.content ?? path.join(import.meta.dirname, '../../content'));
  const paths = videoPaths(contentDir);
  const would = dryRun ? 'would ' : '';
  const problems: Problem[] = [];
  let failed = false;

  const catalogRead = readCatalog(paths);
  problems.push(...catalogRead.problems);
  const catalog = new Map(catalogRead.videos);
  const writes = new Map<string, string>();
  const counts = { add: 0, update: 0, unchanged: 0 };

  for (const input of positionals) {
    const absolute = path.resolve(io.cwd, input);
    const shown = path.relative(io.cwd, absolute) || input;
    if (!existsSync(absolute)) {
      problems.push({ file: shown, kind: 'video', message: 'expected an export file; found nothing at this path' });
      failed = true;
      continue;
    }
    const parsed = parseExport(readFileSync(absolute, 'utf8'), shown);
    problems.push(...parsed.problems);
    if (parsed.format === null) {
      failed = true;
      continue;
    }
    io.out(`${shown}: ${FORMAT_NAMES[parsed.format]}${parsed.playlistTitle ? ` 「${parsed.playlistTitle}」` : ''}, ${parsed.videos.length} video(s)`);
    const plan = planImport(paths, catalog, parsed.videos, {
      ...(values.series === undefined ? {} : { series: values.series }),
      ...(parsed.playlistTitle === undefined ? {} : { playlistTitle: parsed.playlistTitle }),
    }, shown);
    problems.push(...plan.problems);
    for (const change of plan.changes) {
      const file = relative(paths, change.path);
      const earlier = writes.has(change.path);
      catalog.set(change.id, { ...change.video, file });
      if (change.action === 'unchanged' && !earlier) {
        counts.unchanged += 1;
        continue;
      }
      if (change.action !== 'unchanged') {
        if (!earlier) counts[change.action] += 1;
        io.out(`  ${would}${change.action} ${file}${change.action === 'update' ? ` (${change.fields.join(', ')})` : ''}  ${change.video.title}`);
      }
      writes.set(change.path, change.text);
    }
  }

  // links.yaml: only --accept and --reject touch it, one entry.
  let linksText: string | undefined;
  const decide = (id: string, entry: LinkEntry, why: string): void => {
    const before = existsSync(paths.links) ? readFileSync(paths.links, 'utf8') : null;
    linksText = setLink(before, id, entry);
    writes.set(paths.links, linksText);
    io.out(`${would}set ${relative(paths, paths.links)}: ${id}: ${entry === 'none' ? 'none' : `{ year: ${entry.year}, code: ${entry.code}${entry.subTalk ? `, subTalk: ${entry.subTalk}` : ''} }`} (${why})`);
  };
  if (values.accept !== undefined) {
    const review = readReview(paths);
    problems.push(...review.problems);
    const entry = review.entries.find((candidate) => candidate.video === values.accept);
    const choice = Number(values.choice ?? '1');
    const suggestion = entry?.suggestions[choice - 1];
    if (!entry) {
      io.err(`--accept: expected a video listed in ${relative(paths, paths.review)}; found no entry for ${JSON.stringify(values.accept)}`);
      return 1;
    }
    if (!Number.isInteger(choice) || !suggestion) {
      io.err(`--choice: expected 1 to ${entry.suggestions.length} (the suggestions of ${entry.video}); found ${JSON.stringify(values.choice)}`);
      return 1;
    }
    decide(entry.video, { year: suggestion.year, code: suggestion.code }, `accepted suggestion ${choice}: ${suggestion.program} 「${suggestion.title}」`);
  }
  if (values.reject !== undefined) {
    if (!catalog.has(values.reject)) {
      io.err(`--reject: expected a video in the catalog; found no content/videos/catalog/${values.reject}.yaml`);
      return 1;
    }
    decide(values.reject, 'none', 'rejected: not linked to a program');
  }

  // Link against the archive and refresh review.yaml.
  const archive = loadArchive(contentDir);
  const links = readLinks(paths, linksText);
  problems.push(...links.problems);
  const videos: CatalogVideo[] = [...catalog.values()];
  const linked = linkVideos(videos, archive.programs, links.input);
  problems.push(...linked.problems);
  const reviewText = serialiseReview(linked.review);
  const reviewBefore = existsSync(paths.review) ? readFileSync(paths.review, 'utf8') : null;
  if (reviewBefore !== reviewText) {
    writes.set(paths.review, reviewText);
    io.out(`${would}write ${relative(paths, paths.review)} (${linked.review.length} video(s) to review)`);
  }

  if (!dryRun) {
    for (const [file, text] of writes) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }

  const bySource = { links: 0, 'front-matter': 0, export: 0, code: 0 };
  for (const link of linked.links.values()) bySource[link.source] += 1;
  const suggested = linked.review.filter((entry) => entry.suggestions.length > 0).length;
  for (const found of problems) io.out(`problem: ${formatProblem(found)}`);
  io.out(
    [
      `${dryRun ? 'dry run, nothing written. ' : ''}catalog: ${catalog.size} video(s); ${counts.add} added, ${counts.update} updated, ${counts.unchanged} unchanged`,
      `linked: ${linked.links.size} (links.yaml ${bySource.links}, program front matter ${bySource['front-matter']}, export ${bySource.export}, code in title/description ${bySource.code}); marked none: ${linked.none.size}`,
      `unlinked: ${linked.review.length} (${suggested} with suggestions in review.yaml, ${linked.review.length - suggested} without)`,
      `problems: ${problems.length}`,
    ].join('\n'),
  );
  return failed ? 1 : 0;
}

if (import.meta.main) await runMain(main);
