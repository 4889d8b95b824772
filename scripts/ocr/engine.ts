/**
 * The OCR engine: Tesseract's command-line program (Debian `tesseract-ocr` with
 * `tesseract-ocr-jpn`, `-jpn-vert`, `-eng`). Finds it, names it for the cache key
 * (its version, the sha256 of every language data file used, the settings), or
 * says why it cannot be used and how to install it.
 *
 * `IW_TESSERACT` names another binary (tests use a missing one to build without OCR).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Debian packages of the engine and its language data (scripts/system-deps.ts installs them). */
export const TESSERACT_PACKAGES = ['tesseract-ocr', 'tesseract-ocr-jpn', 'tesseract-ocr-jpn-vert', 'tesseract-ocr-eng'] as const;
export const INSTALL_HINT = `install Tesseract: apt-get install ${TESSERACT_PACKAGES.join(' ')} (npm start and npm test do it when run as root)`;

export type OcrMode = 'auto' | 'off' | 'force';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'off', 'force'];

/** What the worker needs to run the engine; part of the ingest cache key through `key`. */
export interface OcrSettings {
  binary: string;
  /** Tesseract -l: Japanese first, English for the Latin words of Japanese slides. */
  languages: string;
  /** Page segmentation mode 3: fully automatic layout (slides mix titles, bullets, footers). */
  psm: number;
  dpi: number;
  force: boolean;
  /** Engine version, language data hashes and settings: changes when any of them does. */
  key: string;
}

export type OcrEngine = { available: true; settings: OcrSettings; description: string } | { available: false; reason: string };

export const DEFAULT_LANGUAGES = 'jpn+eng';
/** 150 dpi: 2,000 px across a 13.3-inch slide, where Tesseract reads 9 pt footers and is still ~1.5 s a page. */
export const DEFAULT_DPI = 150;
const PSM = 3;

const cache = new Map<string, OcrEngine>();

/** Finds the engine once per process (binary, languages). */
export function findOcrEngine(mode: OcrMode, languages = DEFAULT_LANGUAGES, dpi = DEFAULT_DPI): OcrEngine {
  if (mode === 'off') return { available: false, reason: 'OCR is off (--ocr off)' };
  const binary = process.env.IW_TESSERACT || 'tesseract';
  const id = `${binary}|${languages}|${dpi}|${mode}`;
  const known = cache.get(id);
  if (known) return known;
  const engine = probe(binary, languages, dpi, mode === 'force');
  cache.set(id, engine);
  return engine;
}

function probe(binary: string, languages: string, dpi: number, force: boolean): OcrEngine {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return { available: false, reason: `Tesseract not found (${binary}: ${version.error ? (version.error as NodeJS.ErrnoException).code ?? version.error.message : `exit ${version.status}`}); ${INSTALL_HINT}` };
  }
  const versionLine = `${version.stdout}${version.stderr}`.split('\n')[0]?.trim() ?? 'tesseract';
  const list = spawnSync(binary, ['--list-langs'], { encoding: 'utf8' });
  const listing = `${list.stdout}${list.stderr}`;
  const dir = /"([^"]+)"/u.exec(listing)?.[1];
  const installed = new Set(listing.split('\n').slice(1).map((line) => line.trim()).filter(Boolean));
  const wanted = languages.split('+');
  const missing = wanted.filter((lang) => !installed.has(lang));
  if (missing.length > 0 || !dir) {
    return { available: false, reason: `Tesseract lacks the language data ${missing.join(', ') || languages}; ${INSTALL_HINT}` };
  }
  const hashes = wanted.map((lang) => {
    try {
      return `${lang}:${createHash('sha256').update(readFileSync(path.join(dir, `${lang}.traineddata`))).digest('hex').slice(0, 16)}`;
    } catch {
      return `${lang}:unreadable`;
    }
  });
  const settings = `-l ${languages} --psm ${PSM} --dpi ${dpi}${force ? ' force' : ''}`;
  const key = createHash('sha256').update(JSON.stringify([versionLine, hashes, settings])).digest('hex').slice(0, 16);
  return {
    available: true,
    settings: { binary, languages, psm: PSM, dpi, force, key },
    description: `${versionLine} (${hashes.join(', ')}; ${settings})`,
  };
}
