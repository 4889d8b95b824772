import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, each running its files in parallel. `unit` (pure logic, PDFs made in memory or
 * in temporary folders, CLIs called in-process) runs first; then `integration` (real builds as
 * child processes, Chromium, nginx, Tesseract). Integration files run in parallel too: each
 * builds into temporary folders of its own, builds on the project's cache (.cache/pdf) take
 * turns on its lock (buildSite() passes --wait), and the sample archive is built once per run,
 * started by the globalSetup while other files run, and shared read-only (test/helpers/sample-site.ts).
 * A new test file is an integration test unless listed here.
 *
 * Workers: at least two, also on a two-core machine (Vitest's default there is one), since the
 * files spend much of their time waiting for builds, browsers and Tesseract.
 */
const WORKERS = Math.max(2, availableParallelism());

const UNIT = [
  'codes', 'content', 'markdown', 'names-dates', 'urls', 'text-clean', 'search-normalise', 'search-entities',
  'videos-chapters', 'videos-detect', 'videos-formats', 'videos-link', 'videos-import',
  'pdfgen', 'pdf-fixtures', 'pdf-layout', 'pdf-process', 'pdf-render', 'corpus',
  'ingest-fixtures', 'ingest-progress', 'ingest-cli', 'bench-generator', 'bench-harness',
  'cite', 'cite-eras', 'ical', 'timetable', 'join-lines', 'highlight', 'glued-numbers', 'mirror-logic', 'mirror-links',
  'import-fields', 'ocr-clean', 'build-output', 'serve', 'hostile-content', 'search-order', 'concurrency',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      // isolate: false: the unit files share their workers' module graph instead of each importing
      // it anew (pure logic, no process state kept between files): a third less CPU for the project.
      { extends: true, test: { name: 'unit', include: UNIT, maxWorkers: WORKERS, isolate: false, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          maxWorkers: WORKERS,
          // Tests that build may first wait for another file's build on the same cache.
          testTimeout: 600_000,
          globalSetup: ['test/helpers/sample-site.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
