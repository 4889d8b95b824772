/**
 * The Pagefind step of the build alone, for the benchmark: buildSearchIndex()
 * (scripts/search/index.ts) over an already built site, with a chosen shard size
 * (a huge one gives the unsharded index). The site folder receives the bundles, so
 * give it a copy (`cp -al dist copy` is enough: only pagefind* folders are replaced).
 *
 *   node scripts/tools/bench/search-index-only.ts --content DIR --cache DIR --site DIR [--shard-chars N] [--thumbs MODE] [--ocr MODE]
 *
 * --thumbs and --ocr must be those of the build that filled the cache (they are in its keys).
 */
import { parseArgs } from 'node:util';
import { archiveOptions, type ThumbsMode } from '../../build/options.ts';
import type { OcrMode } from '../../ocr/engine.ts';
import { loadSite } from '../../content/load.ts';
import { searchPages } from '../../../src/lib/search/describe.ts';
import { buildSearchIndex } from '../../search/index.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    cache: { type: 'string' },
    site: { type: 'string' },
    'shard-chars': { type: 'string' },
    thumbs: { type: 'string', default: 'auto' },
    ocr: { type: 'string', default: 'auto' },
  },
});
if (!values.content || !values.cache || !values.site) {
  console.error('usage: node scripts/tools/bench/search-index-only.ts --content DIR --cache DIR --site DIR [--shard-chars N]');
  process.exit(2);
}
// The page list from the build's content stage, every deck answered from the warm PDF cache.
const { archive, decks, slides } = await loadSite(archiveOptions({ contentDir: values.content, cacheDir: values.cache, thumbs: values.thumbs as ThumbsMode, ocr: values.ocr as OcrMode, quiet: true }));
const allSlides = await slides.all();
const result = await buildSearchIndex({
  outDir: values.site,
  pages: searchPages(archive, decks, (key) => allSlides.get(key)),
  ...(values['shard-chars'] ? { shardChars: Number(values['shard-chars']) } : {}),
  log: (line) => console.error(line),
});
console.log(JSON.stringify({ ...result.stats, problems: result.problems.length }));
