/**
 * The site's Astro configuration, made in one place for `astro.config.mjs` (astro build, astro dev)
 * and `npm run build` (scripts/build.ts), so both make the same site.
 */
import type { AstroUserConfig } from 'astro';
import path from 'node:path';
import { astroCsp } from '../../src/lib/mirror/csp.ts';
import { archiveIntegration } from './integration.ts';
import { archiveOptions, type ArchiveOptions } from './options.ts';

export interface SiteConfig extends Partial<ArchiveOptions> {
  /** The sub-path the site is served under (default "/"). Links are relative, so the built folder also works elsewhere. */
  base?: string;
  outDir?: string;
}

export function archiveConfig({ base = '/', outDir = './dist', ...given }: SiteConfig = {}): AstroUserConfig {
  const archive = archiveOptions(given);
  return {
    base,
    // Astro's own cache (its content store among it) beside ours: builds of other content folders
    // with other caches (tests, benchmarks) never share one.
    cacheDir: path.join(archive.cacheDir, '..', 'astro'),
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
    // Every page carries the archive's Content-Security-Policy with the hashes of its inline styles and scripts.
    security: { csp: astroCsp },
    vite: {
      server: {
        // The dev server would otherwise watch every file under the project: the PDF cache (a page image
        // per slide) and the benchmark's generated archives (.cache/bench: ~120,000 files after one run)
        // took `astro dev` from 3 s to 22 s to start. Their contents reach pages through the content stage.
        watch: { ignored: ['**/.cache/**', '**/dist/**', '**/reports/**'] },
      },
      build: {
        // The search page's script (src/pages/search.astro importing src/search/search-page.ts, one chunk) is inlined into the page: a bundled
        // script file would be linked as a root-absolute /_astro/… URL, which breaks a moved or sub-path copy.
        // Astro inlines a page script that fits this limit and has no imports; other assets keep Vite's default.
        assetsInlineLimit: (file: string) => (/(^|\/)search\.astro_astro_type_script/u.test(file) ? true : undefined),
      },
    },
    integrations: [archiveIntegration(archive)],
  };
}
