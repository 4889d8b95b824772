/**
 * Makes sure the Debian packages the project needs are present, installing the
 * missing ones with apt-get when running as root (as on CI and the dev
 * machines), and printing the command otherwise. Run by `prestart`/`pretest`.
 *
 *   node scripts/system-deps.ts [fonts|test]
 *
 * fonts: a Japanese font, so slides in non-embedded Japanese fonts render in thumbnails, and
 *        Tesseract with Japanese and English data, so scans and outlined decks are read (OCR).
 * test:  fonts + Chromium and its headless shell (the end-to-end suite runs the shell: scripts/tools/chromium.ts)
 *        + poppler-utils and poppler-data (pdftotext) for the cross-checks + nginx (the mirror's
 *        end-to-end test serves the package with it).
 */
import { spawnSync } from 'node:child_process';
import { JAPANESE_FONT_PACKAGES } from '../src/lib/pdf/render.ts';
import { TESSERACT_PACKAGES } from './ocr/engine.ts';

/** The Japanese fonts src/lib/pdf/render.ts looks for (IPA P Gothic / P Mincho and friends). */
const FONTS = [...JAPANESE_FONT_PACKAGES];
/** Tesseract and its Japanese, vertical Japanese and English data: OCR of scans and outlined decks (scripts/ocr/). */
const OCR = [...TESSERACT_PACKAGES];
const SETS: Record<string, string[]> = {
  fonts: [...FONTS, ...OCR],
  test: [...FONTS, ...OCR, 'chromium', 'chromium-headless-shell', 'poppler-utils', 'poppler-data', 'nginx'],
};

const wanted = SETS[process.argv[2] ?? 'fonts'];
if (!wanted) {
  console.error(`system-deps: expected "fonts" or "test"; found "${process.argv[2]}"`);
  process.exit(2);
}

const installed = (name: string) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout.includes('install ok installed');
const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
if (!hasDpkg) {
  console.error('system-deps: not a Debian system; install a Japanese font, Chromium and poppler-utils yourself.');
  process.exit(0);
}
const missing = wanted.filter((name) => !installed(name));
if (missing.length === 0) process.exit(0);

const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
if (process.getuid?.() !== 0) {
  console.error(`system-deps: missing Debian packages: ${missing.join(', ')}.\n  Install them with: sudo apt-get update && sudo ${command}`);
  process.exit(process.env.CI ? 1 : 0);
}
console.error(`system-deps: installing ${missing.join(', ')} …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...missing]]) {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) {
    console.error(`system-deps: apt-get ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(1);
  }
}
