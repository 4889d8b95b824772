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
import { copyFileSync, createReadStream, linkSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { searchPages } from '../../src/lib/search/describe.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { sitePath } from '../../src/lib/urls.ts';
import { loadSite } from '../content/load.ts';
import { checkSiteLinks } from '../mirror/links.ts';
import { listFiles, MANIFEST_NAME, writeManifest } from '../mirror/manifest.ts';
import { buildSearchIndex, SEARCH_BUNDLE_DIR } from '../search/index.ts';
import { archiveOptions, type ArchiveOptions } from './options.ts';
import { buildPhase, publishedDir } from './output.ts';
import { dataDigests, planRender, type DataDigests, type RenderPlan } from './plan.ts';
import { buildKindText, writeReport, type BuildPhases, type BuildResult } from './report.ts';
import { openRun, type ArchiveRun } from './run.ts';
import { dirMaker } from './tree.ts';
import { sameStamp, stampOf } from '../../src/lib/file-stamp.ts';
import { hashTree, inputDigests, outputIntact, readState, STATE_FORMAT, walkFiles, writeState, type BuildState } from './state.ts';

const CONTENT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.webp': 'image/webp' };

export function archiveIntegration(given: Partial<ArchiveOptions> = {}): AstroIntegration {
  const options = archiveOptions(given);
  let run: ArchiveRun;
  let started = 0;
  let siteReady = 0;
  let base = '/';
  /** The published output's record, and whether the output is still exactly as recorded. */
  let previous: { state: BuildState; intact: boolean } | undefined;
  let inputs: Awaited<ReturnType<typeof inputDigests>> | undefined;
  let digests: DataDigests | undefined;
  return {
    name: 'iw-archive',
    hooks: {
      'astro:config:setup': ({ config, command }) => {
        started = performance.now();
        base = config.base;
        run = openRun(options, async (given) => {
          const site = await loadSite(given);
          siteReady = performance.now();
          return site;
        });
        if (command !== 'build') return;
        const outDir = fileURLToPath(config.outDir);
        const published = publishedDir(outDir);
        let planned: Promise<RenderPlan> | undefined;
        run.renderPlan = () => (planned ??= decide());
        const decide = async (): Promise<RenderPlan> => {
          const state = readState(published);
          // Only a build into a staging folder beside the published output can carry files over from it.
          previous = state ? { state, intact: outputIntact(published, state.files) } : undefined;
          inputs = await inputDigests(options, base, state);
          digests = dataDigests(await run.site());
          if (published === path.resolve(outDir)) return { kind: 'full', reason: 'building into the published folder itself (astro build): every page' };
          if (!previous) return { kind: 'full', reason: 'no record of a previous output' };
          if (!previous.intact) return { kind: 'full', reason: 'the previous output was changed since it was built' };
          const before = previous.state.inputs;
          const untracked = (['code', 'options', 'environment'] as const).filter((part) => before[part] !== inputs?.inputs[part]);
          if (untracked.length > 0) return { kind: 'full', reason: `${untracked.join(', ')} changed` };
          return planRender(await run.site(), digests, previous.state.data);
        };
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
        const plan = await run.renderPlan();
        const phases: BuildPhases = { content: Math.round(siteReady - started), pages: Math.round(performance.now() - siteReady) };
        const timed = <T>(phase: keyof BuildPhases, work: () => T): T => {
          const from = performance.now();
          try {
            return work();
          } finally {
            // A phase may run in parts (the manifest: the output's record before indexing, the bundles after).
            phases[phase] = (phases[phase] ?? 0) + Math.round(performance.now() - from);
          }
        };
        const published = publishedDir(outDir);
        const carryFrom = previous?.intact && published !== path.resolve(outDir) ? { dir: published, state: previous.state } : undefined;
        const rendered = walkFiles(outDir).length;
        // Materials and thumbnails: hard-linked from the previous output when their source is unchanged, else copied.
        const publish = timed('publish', () => publishFiles(outDir, site.files, carryFrom));
        // An incremental build carries every page it did not render over from the previous output (hard links: nothing copied).
        const carried = plan.kind === 'incremental' && carryFrom ? timed('carry', () => carryOver(outDir, carryFrom, site.files)) : [];
        // The record of every file so far (pages, materials, thumbnails): a file carried over or linked keeps
        // its hash without being read, and the search step knows each unchanged page by it.
        const linkedFromPrevious = carryFrom ? new Set([...publish.linkedNames, ...carried]) : undefined;
        const built = timed('manifest', () => hashTree(outDir, listFiles(outDir), previous?.state.files, linkedFromPrevious));
        buildPhase('search', log);
        const notices = [...site.notices];
        const searchCacheDir = path.join(options.cacheDir, '..', 'search');
        // A damaged search cache entry was indexed again: a notice, since the site is complete.
        const onCacheDamaged = (message: string) => notices.push({ file: path.relative(path.dirname(options.contentDir), searchCacheDir), kind: 'build', message });
        const searchStarted = performance.now();
        const search = await buildSearchIndex({
          outDir,
          // Which pages and years: the text indexed is in the built pages themselves.
          pages: searchPages(site.archive, site.decks, () => undefined),
          knownDigest: (file) => built[file]?.sha256,
          cacheDir: searchCacheDir,
          log,
          onCacheDamaged,
        });
        phases.search = Math.round(performance.now() - searchStarted);
        buildPhase('manifest', log);
        const record = timed('manifest', () => {
          // Only the search step wrote since the output was hashed: its bundles are hashed now (a bundle linked from the cache keeps its hash by its stamp).
          const bundles = readdirSync(outDir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && SEARCH_BUNDLE_DIR.test(entry.name))
            .flatMap((entry) => listFiles(path.join(outDir, entry.name)).map((name) => `${entry.name}/${name}`));
          const unchanged = Object.fromEntries(Object.entries(built).filter(([name]) => !writtenEachBuild(name)));
          return writeManifest(outDir, { ...unchanged, ...hashTree(outDir, bundles, previous?.state.files) });
        });
        const files = Object.keys(record).length - 1;
        // Every internal link, anchor and asset of the built site, and inline code against the CSP (scripts/mirror/links.ts).
        const linkProblems = timed('links', () => checkSiteLinks(outDir, options.reportDir, { files: record, cacheFile: path.join(options.cacheDir, '..', 'links.json') }));
        const problems = [...site.problems, ...search.problems, ...linkProblems];
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
            build: { kind: plan.kind, reason: plan.reason, rendered, carried: carried.length, linked: publish.linkedNames.length, copied: publish.copied },
            phases,
            search: search.stats,
          },
        };
        writeReport(options.reportDir, result);
        if (inputs) {
          writeState(published, {
            format: STATE_FORMAT,
            inputs: inputs.inputs,
            contentFiles: inputs.contentFiles,
            ...(digests ? { data: digests } : {}),
            // The stamps stay valid once the staging folder is renamed into place.
            files: record,
            sources: publish.sources,
            result,
          });
        }
        for (const problem of problems) console.error(`problem: ${formatProblem(problem)}`);
        const { stats } = result;
        console.error(
          `built ${shown(published)}/ (${buildKindText(result)}): ${stats.programs} programs, ${stats.decks} decks (${stats.ingest.parsed} parsed, ${stats.ingest.cached} cached), ${stats.pages} pages, ${stats.files} files in ${(stats.ms / 1000).toFixed(1)} s; ${problems.length} problems, ${result.notices.length} notices (see ${shown(options.reportDir)}/build-report.md)`,
        );
        if (options.strict && problems.length > 0) throw new StrictModeError(problems.length);
      },
    },
  };
}

/**
 * Copies the materials and thumbnails into the output; one whose source is unchanged since the
 * previous output (same path, size, mtime, inode) is hard-linked from that output instead.
 */
function publishFiles(outDir: string, files: ReadonlyMap<string, string>, from: { dir: string; state: BuildState } | undefined) {
  const sources: BuildState['sources'] = {};
  const linkedNames: string[] = [];
  let copied = 0;
  const ensureDir = dirMaker();
  for (const [file, source] of files) {
    const target = path.join(outDir, file);
    ensureDir(path.dirname(target));
    const stamp = stampOf(statSync(source, { bigint: true }));
    sources[file] = { ...stamp, path: source };
    const before = from?.state.sources[file];
    if (from && before && before.path === source && sameStamp(before, stamp) && from.state.files[file]) {
      try {
        linkSync(path.join(from.dir, file), target);
        linkedNames.push(file);
        continue;
      } catch {
        // Another file system, or the file is gone: copy it.
      }
    }
    copyFileSync(source, target);
    copied += 1;
  }
  return { sources, linkedNames, copied };
}

/** Output files that every build writes itself (the manifest, the search bundles): never carried over. */
function writtenEachBuild(name: string): boolean {
  const [top = '', ...below] = name.split('/');
  return name === MANIFEST_NAME || (below.length > 0 && SEARCH_BUNDLE_DIR.test(top));
}

/** Hard-links every file of the previous output that this build did not write (pages it did not render); returns their names. */
function carryOver(outDir: string, from: { dir: string; state: BuildState }, published: ReadonlyMap<string, string>): string[] {
  const carried: string[] = [];
  const ensureDir = dirMaker();
  for (const name of Object.keys(from.state.files)) {
    if (writtenEachBuild(name) || published.has(name) || from.state.sources[name]) continue;
    const target = path.join(outDir, ...name.split('/'));
    ensureDir(path.dirname(target));
    try {
      linkSync(path.join(from.dir, ...name.split('/')), target);
      carried.push(name);
    } catch (error) {
      // Rendered by this build: its own page stays.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return carried;
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
