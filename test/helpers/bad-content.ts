/**
 * Temporary copies of the bad-content fixture (test/fixtures/bad-content) for the suites that
 * build it like `npm run build` and then do harm to it: its files, its builds, its cache.
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { verifyManifest } from '../../scripts/mirror/manifest.ts';
import { PROJECT_ROOT } from './build.ts';
import { frontMatter } from './tree.ts';

export const BAD_CONTENT = path.join(PROJECT_ROOT, 'test/fixtures/bad-content/content');

/** Tests that run two or three builds (on a machine shared with other builds). */
export const BUILDS_TIMEOUT = 600_000;

/** A program file of 2024 with `extra` front matter. */
export const program = (code: string, extra = '') => frontMatter(`code: ${code}\ntitle: ${code} のプログラム\ndate: "2024-11-20"\ntype: seminar\n${extra}`, '概要');

/** A temporary copy of the fixture content, with its own PDF cache. */
export function fixtureCopy(): { root: string; content: string; cacheDir: string; outDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'iw-hostile-'));
  const content = path.join(root, 'content');
  cpSync(BAD_CONTENT, content, { recursive: true });
  return { root, content, cacheDir: path.join(root, 'cache/pdf'), outDir: path.join(root, 'dist') };
}

/** Every file the manifest lists is there with its hash, nothing else, and the site's key pages exist. */
export function expectWholeSite(outDir: string): void {
  const verification = verifyManifest(outDir);
  expect({ mismatched: verification.mismatched, missing: verification.missing, unlisted: verification.unlisted }).toEqual({ mismatched: [], missing: [], unlisted: [] });
  expect(verification.ok).toBeGreaterThan(20);
  expect(existsSync(path.join(outDir, '2024/o1/index.html'))).toBe(true);
  expect(existsSync(path.join(outDir, 'pagefind/pagefind.js'))).toBe(true);
}
