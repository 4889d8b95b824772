/**
 * The Pagefind step of the build alone, for the benchmark: buildSearchIndex()
 * (scripts/search/index.ts) over an already built site, with a chosen shard size
 * (a huge one gives the unsharded index). The site folder receives the bundles, so
 * give it a copy (`cp -al dist copy` is enough: only pagefind* folders are replaced).
 *
 *   node scripts/bench/search-index-only.ts --content DIR --decks FILE --site DIR [--shard-chars N]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadArchive } from '../../src/lib/content.ts';
import type { SiteDecks } from '../../src/lib/decks.ts';
import { searchPages } from '../../src/lib/search/describe.ts';
import { buildSearchIndex } from '../search/index.ts';

const { values } = parseArgs({
  options: { content: { type: 'string' }, decks: { type: 'string' }, site: { type: 'string' }, 'shard-chars': { type: 'string' } },
});
if (!values.content || !values.decks || !values.site) {
  console.error('usage: node scripts/bench/search-index-only.ts --content DIR --decks FILE --site DIR [--shard-chars N]');
  process.exit(2);
}
const archive = loadArchive(values.content);
const decks = JSON.parse(readFileSync(values.decks, 'utf8')) as SiteDecks;
const result = await buildSearchIndex({
  outDir: values.site,
  pages: searchPages(archive, decks),
  ...(values['shard-chars'] ? { shardChars: Number(values['shard-chars']) } : {}),
  log: (line) => console.error(line),
});
console.log(JSON.stringify({ ...result.stats, problems: result.problems.length }));
