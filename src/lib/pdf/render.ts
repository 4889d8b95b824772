/**
 * Page bitmaps: pdf.js drawing on an @napi-rs/canvas, with Japanese fonts for
 * text whose font is not embedded.
 *
 * In Node pdf.js runs with `disableFontFace`: an embedded font is drawn from its
 * own glyph outlines, but a font without a FontFile (Type0 HeiseiKakuGo-W5,
 * KozMinPr6N, Ryumin-Light, MS-Gothic … with a predefined CMap) is drawn with
 * `ctx.fillText` and `ctx.font = '… "HeiseiKakuGo", sans-serif'`: the BaseFont
 * cut at its first hyphen, then a generic family chosen from the font
 * descriptor (`monospace` for FixedPitch, `serif` for Serif, else `sans-serif`). `useSystemFonts` does not help in Node: its
 * substitutions go through the FontFace API, which pdf.js asserts off there.
 *
 * So what a non-embedded Japanese font looks like is decided by what
 * @napi-rs/canvas makes of that list. Left alone, it knows neither name, maps the
 * generic family to a Latin font and takes each kanji from the first installed
 * family, by name, that has it (IPAGothic, for Mincho fonts too), and only from
 * the fonts it scans: /usr/share/fonts and ~/.fonts (its /usr/local/share/fonts
 * entry is a relative path). With no Japanese font there, the Japanese text is
 * not drawn at all. Here the Japanese fonts the project installs
 * (scripts/system-deps.ts) are found by file name at run time and registered
 * under the Japanese names pdf.js asks for (Gothic or Mincho by name) and under
 * the generic keywords themselves, so that every character of such text comes
 * from a Japanese font of the right style.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { PageBitmap } from './process.ts';

/** Debian packages that provide the fonts below (installed by `npm start` / `npm test`). */
export const JAPANESE_FONT_PACKAGES = ['fonts-ipafont-gothic', 'fonts-ipafont-mincho'] as const;

/** Gothic and Mincho, each proportional (P) and fixed-pitch (M). */
type Role = 'gothicP' | 'gothicM' | 'minchoP' | 'minchoM';

/**
 * Font files by preference, per role. pdf.js places every glyph itself, so the
 * two only differ in the shapes of Latin letters. fonts-japanese-{gothic,mincho}.ttf
 * are Debian's alternatives for whatever Japanese font is installed (Takao, VL …).
 */
const CANDIDATES: Readonly<Record<Role, readonly string[]>> = {
  gothicP: ['ipaexg.ttf', 'ipagp.ttf', 'ipag.ttf', 'fonts-japanese-gothic.ttf'],
  gothicM: ['ipag.ttf', 'ipaexg.ttf', 'ipagp.ttf', 'fonts-japanese-gothic.ttf'],
  minchoP: ['ipaexm.ttf', 'ipamp.ttf', 'ipam.ttf', 'fonts-japanese-mincho.ttf'],
  minchoM: ['ipam.ttf', 'ipaexm.ttf', 'ipamp.ttf', 'fonts-japanese-mincho.ttf'],
};

/**
 * The family names pdf.js puts first in ctx.font for a non-embedded font: the
 * BaseFont, normalised (MS-PGothic → "MS PGothic") and cut at its first hyphen
 * (HeiseiKakuGo-W5 → "HeiseiKakuGo"). Known Japanese ones get their style by name;
 * any other font gets the generic family pdf.js derives from its descriptor flags.
 */
const NAMES: Readonly<Record<Role, readonly string[]>> = {
  gothicP: [
    'MS PGothic', 'MSPGothic', 'MS UI Gothic', 'MSUIGothic', 'Meiryo', 'MeiryoUI', 'YuGothic', 'YuGothicUI', 'HeiseiKakuGo',
    'HeiseiMaruGo', 'KozGoPr6N', 'KozGoPro', 'KozGoProVI', 'KozGoStd', 'GothicBBB', 'MidashiGo', 'FutoGoB101', 'Jun101',
    'HiraKakuProN', 'HiraKakuPro', 'HiraKakuStdN', 'HiraginoSans', 'HGPGothicE', 'HGPGothicM', 'HGSGothicE', 'HGSGothicM',
    'SourceHanSans', 'SourceHanSansJP', 'NotoSansCJKjp', 'NotoSansJP',
  ],
  gothicM: ['MS Gothic', 'MSGothic', 'HGGothicE', 'HGGothicM', 'TakaoGothic', 'VL Gothic', 'VLGothic'],
  minchoP: [
    'MS PMincho', 'MSPMincho', 'YuMincho', 'HeiseiMin', 'KozMinPr6N', 'KozMinPro', 'KozMinProVI', 'KozMinStd', 'Ryumin',
    'MidashiMin', 'FutoMinA101', 'HiraMinProN', 'HiraMinPro', 'HiraMinStdN', 'HGPMinchoB', 'HGPMinchoE', 'HGSMinchoB',
    'HGSMinchoE', 'SourceHanSerif', 'SourceHanSerifJP', 'NotoSerifCJKjp', 'NotoSerifJP',
  ],
  minchoM: ['MS Mincho', 'MSMincho', 'HGMinchoB', 'HGMinchoE', 'TakaoMincho'],
};

/** The generic families pdf.js falls back to, and the role each one gets. */
const GENERICS = { 'sans-serif': 'gothicP', serif: 'minchoP', monospace: 'gothicM' } as const satisfies Record<string, Role>;

/** Where Linux keeps fonts, system-wide and per user. */
export function defaultFontDirs(): string[] {
  const home = homedir();
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts'];
  if (process.env.XDG_DATA_HOME) dirs.push(join(process.env.XDG_DATA_HOME, 'fonts'));
  if (home) dirs.push(join(home, '.local', 'share', 'fonts'), join(home, '.fonts'));
  return dirs;
}

export interface JapaneseFonts {
  /** Font file per role; Mincho roles fall back to Gothic files. Empty when no Japanese font was found. */
  files: Partial<Record<Role, string>>;
  /** Set when something is missing: what rendering loses and which packages fix it. */
  warning?: string;
}

/** Finds the Japanese font files in `dirs` (searched recursively, earlier directories first). */
export function findJapaneseFonts(dirs: readonly string[] = defaultFontDirs()): JapaneseFonts {
  const byName = new Map<string, string>();
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue; // absent or unreadable
    }
    for (const rel of entries) {
      const name = basename(rel);
      if (!byName.has(name) && name.endsWith('.ttf')) {
        const file = join(dir, rel);
        if (existsSync(file)) byName.set(name, file); // not a dangling alternatives link
      }
    }
  }
  const pick = (role: Role): string | undefined => CANDIDATES[role].map((name) => byName.get(name)).find((f) => f !== undefined);
  const gothicP = pick('gothicP');
  const gothicM = pick('gothicM');
  const minchoP = pick('minchoP');
  const minchoM = pick('minchoM');
  const install = `install the Debian packages ${JAPANESE_FONT_PACKAGES.join(' and ')} (apt-get install ${JAPANESE_FONT_PACKAGES.join(' ')}; npm start and npm test do it when run as root)`;
  if (!gothicP && !minchoP) {
    return {
      files: {},
      warning: `no Japanese font found in ${dirs.join(', ')}: thumbnails of slides whose Japanese fonts are not embedded will lack their Japanese text (text extraction is not affected); ${install}.`,
    };
  }
  const files: JapaneseFonts['files'] = {};
  const set = (role: Role, file: string | undefined): void => {
    if (file) files[role] = file;
  };
  // Japanese text in the other style beats no Japanese text.
  set('gothicP', gothicP ?? minchoP);
  set('gothicM', gothicM ?? gothicP ?? minchoM);
  set('minchoP', minchoP ?? gothicP);
  set('minchoM', minchoM ?? minchoP ?? gothicM);
  const result: JapaneseFonts = { files };
  if (!gothicP) result.warning = `no Japanese Gothic font found: Gothic text in non-embedded fonts is drawn in Mincho; ${install}.`;
  else if (!minchoP) result.warning = `no Japanese Mincho font found: Mincho text in non-embedded fonts is drawn in Gothic; ${install}.`;
  return result;
}

export interface FontRegistry {
  registerFromPath(path: string, nameAlias?: string): unknown;
  setAlias(fontName: string, alias: string): boolean;
}

/**
 * Registers the Japanese fonts under the generic family keywords and under the
 * Japanese font names pdf.js asks for. Returns the names that resolve, by file.
 */
export function registerJapaneseFonts(registry: FontRegistry, fonts: JapaneseFonts): Map<string, string> {
  const done = new Map<string, string>();
  for (const role of Object.keys(CANDIDATES) as Role[]) {
    const file = fonts.files[role];
    if (!file) continue;
    const family = `iw-ja-${role}`;
    if (!registry.registerFromPath(file, family)) continue;
    for (const name of NAMES[role]) if (registry.setAlias(family, name)) done.set(name, file);
  }
  for (const [generic, role] of Object.entries(GENERICS)) {
    const file = fonts.files[role];
    // A generic family changes only when a font is registered under the keyword itself.
    if (file && registry.registerFromPath(file, generic)) done.set(generic, file);
  }
  return done;
}

type Canvas = typeof import('@napi-rs/canvas');
let canvasPromise: Promise<Canvas> | undefined;

/** @napi-rs/canvas with the Japanese fonts registered (once per thread); warns once when fonts are missing. */
function loadCanvas(): Promise<Canvas> {
  canvasPromise ??= import('@napi-rs/canvas').then((canvas) => {
    const fonts = findJapaneseFonts();
    const registered = registerJapaneseFonts(canvas.GlobalFonts, fonts);
    if (fonts.warning) console.warn(`pdf render: ${fonts.warning}`);
    else if (!registered.has('sans-serif')) console.warn(`pdf render: @napi-rs/canvas refused the Japanese font ${fonts.files.gothicP}.`);
    return canvas;
  });
  return canvasPromise;
}

export interface RenderablePage {
  pageNumber: number;
  getViewport(p: { scale: number }): { width: number; height: number };
  render(p: { canvas: unknown; viewport: unknown }): { promise: Promise<void> };
}

/** Renders a page `width` CSS px wide to raw RGBA. */
export async function renderPage(page: RenderablePage, width: number): Promise<PageBitmap> {
  const { createCanvas } = await loadCanvas();
  const base = page.getViewport({ scale: 1 });
  const scale = width / base.width;
  const viewport = page.getViewport({ scale });
  const w = Math.round(width);
  const h = Math.max(1, Math.round(viewport.height));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  // Characters the registered fonts lack come from an installed font; pick a Japanese one, not the host language's.
  ctx.lang = 'ja';
  await page.render({ canvas, viewport }).promise;
  const img = ctx.getImageData(0, 0, w, h);
  const rgba = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength).slice();
  canvas.width = 0;
  canvas.height = 0;
  return { page: page.pageNumber, width: w, height: h, rgba };
}
