/**
 * The archive build's settings: one shape for `astro.config.mjs`, `astro build`, `astro dev`
 * and `npm run build` (scripts/build.ts), which only turns command-line flags into these.
 */
import path from 'node:path';
import type { OcrMode } from '../ocr/engine.ts';

export type ThumbsMode = 'auto' | 'all' | 'first' | 'none';

export interface ArchiveOptions {
  /** The content folder (events, programs, speakers, materials, videos). */
  contentDir: string;
  /** PDF ingest cache; the search index cache sits beside it (`../search`). */
  cacheDir: string;
  /** Where build-report.md and build-report.json go. */
  reportDir: string;
  /** Re-parse every PDF, ignoring the cache. */
  force: boolean;
  /** Any problem makes the build fail (exit code 1). */
  strict: boolean;
  /** Thumbnails: page 1 of every deck, and every page when `all` (or `auto` and the archive is small). */
  thumbs: ThumbsMode;
  /** Decks over these limits are not parsed (outcome too-large, listed as a problem). */
  limits: { maxPages: number; maxBytes: number };
  /** OCR of pages that lack their text: auto (when Tesseract is installed), off, force. */
  ocr: OcrMode;
  quiet: boolean;
}

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export function archiveOptions(given: Partial<ArchiveOptions> = {}): ArchiveOptions {
  const resolve = (dir: string) => path.resolve(PROJECT_ROOT, dir);
  return {
    contentDir: resolve(given.contentDir ?? 'content'),
    cacheDir: resolve(given.cacheDir ?? '.cache/pdf'),
    reportDir: resolve(given.reportDir ?? 'reports'),
    force: given.force ?? false,
    strict: given.strict ?? ['1', 'true'].includes(process.env.IW_STRICT ?? ''),
    thumbs: given.thumbs ?? 'auto',
    limits: given.limits ?? { maxPages: 1000, maxBytes: 200 * 1024 * 1024 },
    ocr: given.ocr ?? 'auto',
    quiet: given.quiet ?? false,
  };
}
