import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure logic and PDFs made in memory or in temporary folders) runs its
 * files in parallel; `integration` (real builds, CLIs, Chromium) then runs one file at a time,
 * because builds share the project's caches and ports, and shares one build of the sample
 * archive (test/helpers/sample-site.ts). A new test file is an integration test unless listed here.
 */
const UNIT = [
  'codes', 'content', 'markdown', 'names-dates', 'urls', 'text-clean', 'search-normalise', 'search-entities',
  'videos-chapters', 'videos-detect', 'videos-formats', 'videos-link',
  'pdfgen', 'pdf-fixtures', 'pdf-layout', 'pdf-process', 'pdf-render', 'corpus',
  'ingest-fixtures', 'ingest-progress', 'bench-generator', 'bench-harness',
  'cite', 'cite-eras', 'ical', 'timetable', 'join-lines', 'highlight', 'glued-numbers', 'mirror-logic', 'mirror-links',
  'import-fields', 'ocr-clean', 'build-output', 'serve',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          fileParallelism: false,
          globalSetup: ['test/helpers/sample-site.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
