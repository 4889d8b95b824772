// @ts-check
import { defineConfig } from 'astro/config';

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
  vite: {
    build: {
      // The search page's script (src/pages/search.astro importing src/search/search-page.ts, one chunk) is inlined into the page: a bundled
      // script file would be linked as a root-absolute /_astro/… URL, which breaks a moved or sub-path copy.
      // Astro inlines a page script that fits this limit and has no imports; other assets keep Vite's default.
      assetsInlineLimit: (file) => (/(^|\/)search\.astro_astro_type_script/u.test(file) ? true : undefined),
    },
  },
});
