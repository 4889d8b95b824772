/**
 * The archive as an Astro integration: Astro owns the build, and this adds the archive's stages
 * around Astro's own pages.
 *
 * - astro:config:setup: opens the run (scripts/build/run.ts) whose content stage the collections
 *   load from (content/ validated, PDFs ingested: scripts/content/).
 * - astro:server:setup (`astro dev`): serves the materials and thumbnails from where they are.
 * - astro:build:done: publishes materials and thumbnails, indexes the built pages for search
 *   (scripts/search/), writes MANIFEST.sha256 (scripts/mirror/) and the build report; in strict
 *   mode any problem fails the build.
 *
 * So `astro build` and `npm run build` make the same site.
 */
import { copyFileSync, createReadStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { searchPages } from '../../src/lib/search/describe.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { sitePath } from '../../src/lib/urls.ts';
import { loadSite } from '../content/load.ts';
import { checkSiteLinks } from '../mirror/links.ts';
import { writeManifest } from '../mirror/manifest.ts';
import { buildSearchIndex } from '../search/index.ts';
import { archiveOptions, type ArchiveOptions } from './options.ts';
import { buildPhase, publishedDir } from './output.ts';
import { writeReport, type BuildResult } from './report.ts';
import { openRun, type ArchiveRun } from './run.ts';

const CONTENT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.webp': 'image/webp' };

export function archiveIntegration(given: Partial<ArchiveOptions> = {}): AstroIntegration {
  const options = archiveOptions(given);
  let run: ArchiveRun;
  let started = 0;
  let base = '/';
  return {
    name: 'iw-archive',
    hooks: {
      'astro:config:setup': ({ config }) => {
        started = performance.now();
        base = config.base;
        run = openRun(options, loadSite);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
          void run
            .site()
            .then((site) => {
              // Files are keyed by their decoded path in the site, as a server maps a request to a file.
              const file = site.files.get(sitePath(decodeURIComponent(pathname), base).slice(1));
              if (!file) return next();
              response.setHeader('content-type', CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
              createReadStream(file).pipe(response);
            })
            .catch(next);
        });
      },
      'astro:build:done': async ({ dir }) => {
        const outDir = fileURLToPath(dir);
        const log = (line: string) => options.quiet || console.error(line);
        const site = await run.site();
        for (const [file, source] of site.files) {
          const target = path.join(outDir, file);
          mkdirSync(path.dirname(target), { recursive: true });
          copyFileSync(source, target);
        }
        buildPhase('search', log);
        const notices = [...site.notices];
        const searchCacheDir = path.join(options.cacheDir, '..', 'search');
        // A damaged search cache entry was indexed again: a notice, since the site is complete.
        const onCacheDamaged = (message: string) => notices.push({ file: path.relative(path.dirname(options.contentDir), searchCacheDir), kind: 'build', message });
        const search = await buildSearchIndex({
          outDir,
          pages: searchPages(site.archive, site.decks, new Set(site.videos.videos.flatMap((video) => (video.program ? [video.program.programId] : [])))),
          cacheDir: searchCacheDir,
          log,
          onCacheDamaged,
        });
        buildPhase('manifest', log);
        const files = writeManifest(outDir);
        // Every internal link, anchor and asset of the built site, and inline code against the CSP (scripts/mirror/links.ts).
        const problems = [...site.problems, ...search.problems, ...checkSiteLinks(outDir, options.reportDir)];
        const result: BuildResult = {
          problems,
          notices,
          stats: {
            years: site.archive.events.length,
            programs: site.archive.programs.length,
            decks: site.ingest.files,
            pages: Object.values(site.decks).reduce((sum, deck) => sum + deck.pageCount, 0),
            people: site.archive.people.length,
            files,
            ms: Math.round(performance.now() - started),
            ingest: site.ingest,
            ocr: site.ocr,
          },
        };
        writeReport(options.reportDir, result);
        for (const problem of problems) console.error(`problem: ${formatProblem(problem)}`);
        const { stats } = result;
        console.error(
          `built ${shown(publishedDir(outDir))}/: ${stats.programs} programs, ${stats.decks} decks (${stats.ingest.parsed} parsed, ${stats.ingest.cached} cached), ${stats.pages} pages, ${stats.files} files in ${(stats.ms / 1000).toFixed(1)} s; ${problems.length} problems, ${result.notices.length} notices (see ${shown(options.reportDir)}/build-report.md)`,
        );
        if (options.strict && problems.length > 0) throw new StrictModeError(problems.length);
      },
    },
  };
}

/** A folder as the person who ran the build would write it: relative below the working directory, else absolute. */
function shown(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') ? dir.replace(/\/+$/u, '') : relative;
}

export class StrictModeError extends Error {
  constructor(count: number) {
    super(`strict mode: ${count} problems → exit 1`);
    this.name = 'StrictModeError';
  }
}
