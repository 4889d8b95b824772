/**
 * `npm run build`: the archive built by Astro with the archive integration (scripts/build/),
 * exactly as `astro build` does, with the settings as command-line flags. Problems never stop it;
 * with --strict (or IW_STRICT=1) any problem makes the exit code 1.
 *
 *   node scripts/build.ts [--content DIR] [--out DIR] [--base /sub/path/] [--strict] [--force]
 *                         [--thumbs auto|all|first|none] [--max-pages 1000] [--max-mb 200] [--quiet]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build as astroBuild } from 'astro';
import { archiveConfig } from './build/config.ts';
import { StrictModeError } from './build/integration.ts';
import { PROJECT_ROOT, type ThumbsMode } from './build/options.ts';

export type { BuildResult } from './build/report.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    base: { type: 'string', default: process.env.IW_BASE ?? '/' },
    cache: { type: 'string', default: '.cache/pdf' },
    report: { type: 'string', default: 'reports' },
    strict: { type: 'boolean', default: ['1', 'true'].includes(process.env.IW_STRICT ?? '') },
    force: { type: 'boolean', default: false },
    thumbs: { type: 'string', default: 'auto' },
    'max-pages': { type: 'string', default: '1000' },
    'max-mb': { type: 'string', default: '200' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!['auto', 'all', 'first', 'none'].includes(values.thumbs)) {
  console.error(`--thumbs: expected auto, all, first or none; found "${values.thumbs}"`);
  process.exit(2);
}
const maxPages = Number(values['max-pages']);
const maxMb = Number(values['max-mb']);
if (!(maxPages > 0) || !(maxMb > 0)) {
  console.error(`--max-pages and --max-mb: expected positive numbers; found "${values['max-pages']}" and "${values['max-mb']}"`);
  process.exit(2);
}

// Vite's own names leak in from a parent Vite process (vitest sets BASE_URL=/) and would win over the config.
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX']) delete process.env[name];
process.env.ASTRO_TELEMETRY_DISABLED = '1';
try {
  await astroBuild({
    root: PROJECT_ROOT,
    configFile: false,
    logLevel: values.quiet ? 'error' : 'warn',
    ...archiveConfig({
      base: values.base,
      outDir: path.resolve(values.out),
      contentDir: path.resolve(values.content),
      cacheDir: path.resolve(values.cache),
      reportDir: path.resolve(values.report),
      strict: values.strict,
      force: values.force,
      thumbs: values.thumbs as ThumbsMode,
      limits: { maxPages, maxBytes: Math.round(maxMb * 1024 * 1024) },
      quiet: values.quiet,
    }),
  });
} catch (error) {
  if (!(error instanceof StrictModeError)) throw error;
  console.error(error.message);
  process.exit(1);
}
