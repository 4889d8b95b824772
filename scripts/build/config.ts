/**
 * The site's Astro configuration, made in one place for `astro.config.mjs` (astro build, astro dev)
 * and `npm run build` (scripts/build.ts), so both make the same site.
 */
import type { AstroUserConfig } from 'astro';
import path from 'node:path';
import { archiveIntegration } from './integration.ts';
import { archiveOptions, type ArchiveOptions } from './options.ts';

export interface SiteConfig extends Partial<ArchiveOptions> {
  /** The sub-path the site is served under (default "/"). Links are relative, so the built folder also works elsewhere. */
  base?: string;
  /** The site's public URL, for canonical links (default: IW_SITE, else none). */
  site?: string;
  outDir?: string;
}

export function archiveConfig({ base = '/', site = process.env.IW_SITE, outDir = './dist', ...given }: SiteConfig = {}): AstroUserConfig {
  const archive = archiveOptions(given);
  return {
    base,
    // Astro's own cache (its content store among it) beside ours: builds of other content folders
    // with other caches (tests, benchmarks) never share one.
    cacheDir: path.join(archive.cacheDir, '..', 'astro'),
    ...(site ? { site } : {}),
    outDir,
    trailingSlash: 'always',
    build: {
      format: 'directory',
      // Inline CSS: no absolute /_astro/ URLs in pages, so a copied mirror needs no rewrite.
      inlineStylesheets: 'always',
    },
    // Keep whitespace between inline elements: compressed HTML glues speaker names together in search excerpts.
    compressHTML: false,
    devToolbar: { enabled: false },
    integrations: [archiveIntegration(archive)],
  };
}
