/**
 * `npm run build`: the archive built by Astro with the archive integration (scripts/build/),
 * exactly as `astro build` does, with the settings as command-line flags. Problems never stop it;
 * with --strict (or IW_STRICT=1) any problem makes the exit code 1.
 *
 *   node scripts/build.ts [--content DIR] [--out DIR] [--base /sub/path/] [--strict] [--force]
 *                         [--thumbs auto|all|first|none] [--max-pages 1000] [--max-mb 200] [--quiet] [--site URL] [--wait] [--ocr auto|off|force]
 *
 * The site is built into a staging folder beside the output and swapped in only when complete, under a
 * lock on the output and the cache (scripts/build/output.ts): a second build stops (exit 75) or, with
 * --wait, waits; a killed or failed build leaves the previous site whole.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { archiveOptions, PROJECT_ROOT, type ThumbsMode } from './build/options.ts';
import { OutputLockedError, withOutput } from './build/output.ts';
import { writeReport, type BuildResult } from './build/report.ts';
import { inputDigests, outputIntact, readState, sameInputs } from './build/state.ts';
import { OCR_MODES, type OcrMode } from './ocr/engine.ts';

export type { BuildResult };

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
    site: { type: 'string' },
    wait: { type: 'boolean', default: false },
    ocr: { type: 'string', default: 'auto' },
  },
});
// The public address overrides content/site.yaml's `url` (a mirror published elsewhere).
if (values.site) process.env.IW_SITE = values.site;
if (!(OCR_MODES as readonly string[]).includes(values.ocr)) {
  console.error(`--ocr: expected auto, off or force; found "${values.ocr}"`);
  process.exit(2);
}
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
const [contentDir, cacheDir, reportDir] = [values.content, values.cache, values.report].map((dir) => path.resolve(dir)) as [string, string, string];
mkdirSync(path.join(PROJECT_ROOT, '.cache'), { recursive: true });
const started = performance.now();
const settings = {
  contentDir,
  cacheDir,
  reportDir,
  // Strict mode is judged below, once the site is in place: problems fail the exit code, not the site.
  strict: false,
  force: values.force,
  thumbs: values.thumbs as ThumbsMode,
  limits: { maxPages, maxBytes: Math.round(maxMb * 1024 * 1024) },
  quiet: values.quiet,
  ocr: values.ocr as OcrMode,
};

/**
 * Nothing to do when the published output was made from the same inputs (code, options, environment,
 * every content file: scripts/build/state.ts) and is still exactly as it was written. The report is
 * written again from the output's record, saying the build was skipped; Astro is never loaded.
 */
async function upToDate(outDir: string): Promise<boolean> {
  if (values.force || process.env.IW_BUILD_STOP_AT) return false;
  const state = readState(outDir);
  if (!state?.result) return false;
  const { inputs } = await inputDigests(archiveOptions(settings), values.base, state);
  if (!sameInputs(inputs, state.inputs) || !outputIntact(outDir, state.files)) return false;
  const before = state.result as BuildResult;
  const ms = Math.round(performance.now() - started);
  const result: BuildResult = {
    ...before,
    stats: { ...before.stats, ms, build: { kind: 'skipped', reason: 'nothing changed since the output was built', rendered: 0, carried: 0, linked: 0, copied: 0 }, phases: { check: ms } },
  };
  writeReport(reportDir, result);
  const relative = path.relative(process.cwd(), outDir);
  console.error(`${relative === '' ? '.' : relative.startsWith('..') ? outDir : relative}/ is up to date (nothing changed since it was built): no page rendered, no file written; ${before.problems.length} problems, ${before.notices.length} notices (see ${reportDir}/build-report.md)`);
  return true;
}

const output = { outDir: path.resolve(values.out), cacheDir, wait: values.wait, log: (line: string) => console.error(line), upToDate };
try {
  await withOutput(output, async (stagingDir) => {
    const [{ build: astroBuild }, { archiveConfig }] = await Promise.all([import('astro'), import('./build/config.ts')]);
    // Astro bundles the prerendered pages into <working directory>/.astro/ when the output lies
    // outside it: a working directory of this build's own (inside the project, so the bundle still
    // finds node_modules) keeps two builds of other outputs from overwriting each other's bundle.
    const cwd = process.cwd();
    const workDir = mkdtempSync(path.join(PROJECT_ROOT, '.cache', 'build-'));
    process.chdir(workDir);
    try {
      await astroBuild({
        root: PROJECT_ROOT,
        configFile: false,
        logLevel: values.quiet ? 'error' : 'warn',
        ...archiveConfig({ base: values.base, outDir: stagingDir, ...settings }),
      });
    } finally {
      process.chdir(cwd);
      rmSync(workDir, { recursive: true, force: true });
    }
  });
} catch (error) {
  if (!(error instanceof OutputLockedError)) throw error;
  console.error(error.message);
  process.exit(75);
}
if (values.strict) {
  const report = JSON.parse(readFileSync(path.join(reportDir, 'build-report.json'), 'utf8')) as BuildResult;
  if (report.problems.length > 0) {
    const { StrictModeError } = await import('./build/integration.ts');
    console.error(new StrictModeError(report.problems.length).message);
    process.exit(1);
  }
}
