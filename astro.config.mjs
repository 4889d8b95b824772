// @ts-check
import { defineConfig } from 'astro/config';
import { astroCsp } from './src/lib/mirror/csp.ts';

// IW_BASE: the sub-path the site is served under (default "/"). Pages link to each other
// with relative URLs, so the built folder also works when moved to another path unchanged.
const base = process.env.IW_BASE ?? '/';

export default defineConfig({
  base,
  ...(process.env.IW_SITE ? { site: process.env.IW_SITE } : {}),
  outDir: process.env.IW_OUT_DIR ?? './dist',
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
});
