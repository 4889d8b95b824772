/**
 * `astro build` alone over warm caches, for the benchmark: the archive's content stage answers
 * every deck from the PDF cache and the search index reuses its shards, so what is timed is
 * Astro rendering the pages plus the integration's copies and manifest.
 *
 *   node scripts/tools/bench/astro-only.ts --content DIR --cache DIR --out DIR [--thumbs MODE] [--ocr MODE]
 *
 * --thumbs and --ocr must be those of the build that filled the cache (they are in its keys).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import { archiveConfig } from '../../build/config.ts';
import { PROJECT_ROOT, type ThumbsMode } from '../../build/options.ts';
import type { OcrMode } from '../../ocr/engine.ts';

const { values } = parseArgs({
  options: { content: { type: 'string' }, cache: { type: 'string' }, out: { type: 'string' }, thumbs: { type: 'string', default: 'auto' }, ocr: { type: 'string', default: 'auto' } },
});
if (!values.content || !values.cache || !values.out) {
  console.error('usage: node scripts/tools/bench/astro-only.ts --content DIR --cache DIR --out DIR');
  process.exit(2);
}
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const started = performance.now();
await build({
  root: PROJECT_ROOT,
  configFile: false,
  logLevel: 'error',
  ...archiveConfig({
    contentDir: path.resolve(values.content),
    cacheDir: path.resolve(values.cache),
    outDir: path.resolve(values.out),
    reportDir: path.resolve(values.out, '..', 'astro-only-report'),
    thumbs: values.thumbs as ThumbsMode,
    ocr: values.ocr as OcrMode,
    quiet: true,
  }),
});
console.log(JSON.stringify({ ms: Math.round(performance.now() - started) }));
