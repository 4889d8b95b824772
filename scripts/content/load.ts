/**
 * The content stage: content/ read and validated (src/lib/content.ts), the video catalog linked,
 * and every local deck ingested (scripts/ingest: text, outcome, thumbnails, cached). Problems never
 * stop it: each becomes a Problem (or a notice, for what awaits a person's review) in the report.
 */
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parseSiteSettings, SETTINGS_FILE, type LoadedSettings } from '../../src/lib/cite/settings.ts';
import { loadArchive, type Archive } from '../../src/lib/content.ts';
import { deckKey, pagesWithText, type SiteDeckPage, type SiteDecks, type SiteSlides, type SiteThumb } from '../../src/lib/decks.ts';
import type { Problem } from '../../src/lib/problems.ts';
import { routeFile, routes } from '../../src/lib/urls.ts';
import { loadVideos, type LoadedVideos } from '../../src/lib/videos/load.ts';
import { ocrTotals, type OcrTotals } from '../../src/lib/ocr/report.ts';
import { eachConcurrently } from '../../src/lib/concurrency.ts';
import { ingestSummaries } from '../ingest/index.ts';
import { ocrNotices } from '../ocr/report.ts';
import type { IngestedSummary, IngestStats } from '../ingest/types.ts';
import type { ArchiveOptions } from '../build/options.ts';
import { buildPhase } from '../build/output.ts';

export interface SiteLoad {
  archive: Archive;
  /** content/site.yaml (public address, default rights), the address overridden by --site / IW_SITE. */
  settings: LoadedSettings['settings'];
  /** Each deck's summary (the decks collection): no slide text. */
  decks: SiteDecks;
  /** Each deck's slides, by deckKey(): the slides live collection and the search index read them one deck at a time. */
  slides: SlideStore;
  videos: LoadedVideos;
  /**
   * Files the site publishes as they are (materials, thumbnails): their path in the built site,
   * decoded (routeFile of the percent-encoded route pages link to) → absolute source.
   */
  files: Map<string, string>;
  problems: Problem[];
  notices: Problem[];
  ingest: IngestStats;
  /** Pages read by OCR, their mean confidence, pages still without their text. */
  ocr: OcrTotals;
}

/** The slides of every ingested deck, kept out of Astro's content store (src/live.config.ts reads them by key). */
export interface SlideStore {
  /** The deck's slides (its text read now, from the ingest cache); undefined for a deck that was not ingested (the page says so). */
  get(key: string): Promise<SiteSlides | undefined>;
  /** What the slides were made from, for the incremental build's plan (scripts/build/plan.ts); undefined like get(). */
  digest(key: string): string | undefined;
  /** Every deck's slides, for the search index's page list (read a few at a time). */
  all(): Promise<Map<string, SiteSlides>>;
}

/** With --thumbs auto, archives of up to this many decks get a thumbnail of every page. */
const ALL_PAGE_THUMBNAILS_UP_TO = 500;
/** Width of the larger view of each slide on the deck page (rendered once; the 240 px list size is resized from it). */
const LARGE_SLIDE_WIDTH = 960;

const REVIEW_KINDS = new Set<Problem['kind']>(['video', 'reference']);

/** Deck outcomes that describe the document rather than a failure: listed, not counted as problems. */
const NOTICE_OUTCOMES = new Set(['no-text-layer']);

function thumbName(deck: IngestedSummary, page: number, width: number): string {
  return `${deck.sha256.slice(0, 24)}-p${page}-w${width}.webp`;
}

export async function loadSite(options: ArchiveOptions): Promise<SiteLoad> {
  const log = (line: string) => options.quiet || console.error(line);
  const archive = loadArchive(options.contentDir);
  // Problems name files relative to the folder holding content/, as people write them.
  const reportRoot = path.dirname(path.resolve(options.contentDir));
  const settingsFile = path.join(archive.contentDir, SETTINGS_FILE);
  const settings = parseSiteSettings(existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined, path.relative(reportRoot, settingsFile), process.env.IW_SITE);
  const problems: Problem[] = [...archive.problems, ...settings.problems];
  const notices: Problem[] = [];
  const videos = loadVideos(archive.contentDir, archive);
  // A broken catalog file is a problem; a video waiting for a person's review (unlinked, a code the
  // archive lacks, a non-YouTube host) is a notice: the archive is complete without that decision.
  for (const problem of videos.problems) (REVIEW_KINDS.has(problem.kind) ? notices : problems).push(problem);

  const inputs = archive.programs.flatMap((program) =>
    program.decks.map((deck) => ({
      id: deckKey(program.id, deck.deckSlug),
      absolutePath: deck.absolutePath,
      ...(deck.password ? { password: deck.password } : {}),
    })),
  );
  log(`content: ${archive.events.length} years, ${archive.programs.length} programs, ${inputs.length} decks, ${problems.length} problems, ${notices.length} notices`);
  // Every page's thumbnail costs a render (~100 ms): worth it for a small archive, 2.5 hours of CPU at 90,000 pages.
  const thumbs = options.thumbs === 'auto' ? (inputs.length <= ALL_PAGE_THUMBNAILS_UP_TO ? 'all' : 'first') : options.thumbs;
  log(`thumbnails: ${thumbs === 'all' ? `page 1 at 480 px and every page at 240 and ${LARGE_SLIDE_WIDTH} px` : thumbs === 'first' ? 'page 1 at 480 px' : 'none'}`);
  buildPhase('ingest', log);
  const ingest = await ingestSummaries(inputs, {
    cacheDir: options.cacheDir,
    force: options.force,
    limits: options.limits,
    thumbnails: { first: options.thumbs === 'none' ? 0 : 480, pages: thumbs === 'all' ? 240 : false, ...(thumbs === 'all' ? { large: LARGE_SLIDE_WIDTH } : {}) },
    progress: options.quiet ? 'silent' : 'auto',
    ocr: options.ocr,
  });
  const ocrUsed = ingest.stats.ocr;
  log(ocrUsed?.engine ? `ocr: ${ocrUsed.engine}` : `ocr: pages that lack their text are listed as notices, not read (${ocrUsed?.unavailable ?? 'off'})`);

  // A damaged cache entry was made again from the PDF: a notice, since the site is complete.
  for (const damage of ingest.damaged) notices.push({ file: path.relative(reportRoot, damage.absolutePath), kind: 'pdf', message: damage.message });
  const files = new Map<string, string>();
  const decks: SiteDecks = {};
  const slides = new Map<string, DeckSlides>();
  for (const program of archive.programs) {
    for (const deck of program.decks) {
      const key = deckKey(program.id, deck.deckSlug);
      const ingested = ingest.decks.get(key);
      files.set(routeFile(routes.material(program.year, deck.file)), deck.absolutePath);
      if (!ingested) continue;
      const materialFile = path.relative(reportRoot, deck.absolutePath);
      if (ingested.outcome !== 'ok') {
        (NOTICE_OUTCOMES.has(ingested.outcome) ? notices : problems).push({ file: materialFile, kind: 'pdf', message: `${ingested.outcome}: ${ingested.message}` });
      }
      notices.push(...ocrNotices(materialFile, ingested, ingest.stats.ocr));
      for (const page of ingested.pages) {
        if (page.flags.includes('failed') && ingested.outcome === 'partial') {
          problems.push({ file: materialFile, page: page.page, kind: 'pdf', message: `page failed: ${page.error ?? 'unknown error'}` });
        }
      }
      const pageThumbs = new Map<number, SiteThumb>();
      const largeThumbs = new Map<number, SiteThumb>();
      let cover: SiteThumb | undefined;
      for (const thumb of ingested.thumbnails) {
        const src = routes.thumbnail(thumbName(ingested, thumb.page, thumb.width));
        files.set(routeFile(src), thumb.file);
        const siteThumb = { src, width: thumb.width, height: thumb.height };
        if (thumb.page === 1 && (!cover || thumb.width > cover.width)) cover = siteThumb;
        const current = pageThumbs.get(thumb.page);
        if (!current || thumb.width < current.width) pageThumbs.set(thumb.page, siteThumb);
        if (thumb.width === LARGE_SLIDE_WIDTH) largeThumbs.set(thumb.page, siteThumb);
      }
      decks[key] = {
        sha256: ingested.sha256,
        bytes: ingested.bytes,
        outcome: ingested.outcome,
        message: ingested.message,
        pageCount: ingested.pageCount,
        ...(cover ? { cover } : {}),
        pagesWithText: pagesWithText(ingested.pages),
      };
      slides.set(key, { ingested, pageThumbs, largeThumbs });
    }
  }
  buildPhase('pages', log);
  log('pages: astro build');
  return { archive, settings: settings.settings, decks, slides: slideStore(slides), videos, files, problems, notices, ingest: ingest.stats, ocr: ocrTotals(ingest.decks.values()) };
}

/** Where a deck's slides come from: its summary (whose text() reads the pages) and its thumbnails by page. */
interface DeckSlides {
  ingested: IngestedSummary;
  pageThumbs: ReadonlyMap<number, SiteThumb>;
  largeThumbs: ReadonlyMap<number, SiteThumb>;
}

function slideStore(slides: ReadonlyMap<string, DeckSlides>): SlideStore {
  const store: SlideStore = {
    get: async (key) => {
      const deck = slides.get(key);
      if (!deck) return undefined;
      const pages = (await deck.ingested.text()).map((page): SiteDeckPage => {
        const thumb = deck.pageThumbs.get(page.page);
        const large = deck.largeThumbs.get(page.page);
        return {
          page: page.page,
          text: page.text,
          search: page.search,
          flags: page.flags,
          ...(page.confidence !== undefined ? { confidence: page.confidence } : {}),
          ...(thumb ? { thumb } : {}),
          ...(large ? { large } : {}),
          ...(page.error ? { error: page.error } : {}),
        };
      });
      return { pages };
    },
    all: async () => {
      const all = new Map<string, SiteSlides>();
      await eachConcurrently([...slides.keys()], 8, async (key) => {
        const deck = await store.get(key);
        if (deck) all.set(key, deck);
      });
      return all;
    },
    // The text's own SHA-256 and the thumbnails: the slides without reading them.
    digest: (key) => {
      const deck = slides.get(key);
      return deck && `${deck.ingested.textSha256} ${JSON.stringify([...deck.pageThumbs.values(), ...deck.largeThumbs.values()])}`;
    },
  };
  return store;
}
