/**
 * The Astro step of the build alone, for the benchmark: the same environment as
 * scripts/build.ts gives it, over decks.json left by a previous build.
 *
 *   node scripts/bench/astro-only.ts --content DIR --decks FILE --out DIR
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'astro';

const { values } = parseArgs({ options: { content: { type: 'string' }, decks: { type: 'string' }, out: { type: 'string' } } });
if (!values.content || !values.decks || !values.out) {
  console.error('usage: node scripts/bench/astro-only.ts --content DIR --decks FILE --out DIR');
  process.exit(2);
}
Object.assign(process.env, {
  IW_CONTENT_DIR: path.resolve(values.content),
  IW_DECKS_FILE: path.resolve(values.decks),
  IW_OUT_DIR: path.resolve(values.out),
  IW_BASE: '/',
  ASTRO_TELEMETRY_DISABLED: '1',
});
const started = performance.now();
await build({ root: path.resolve(import.meta.dirname, '..', '..'), logLevel: 'error' });
console.log(JSON.stringify({ ms: Math.round(performance.now() - started) }));
