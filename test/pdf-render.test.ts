/**
 * Thumbnails of slides whose Japanese fonts are not embedded: real pdf.js and
 * @napi-rs/canvas through processPdf, with the system Japanese fonts that
 * scripts/system-deps.ts installs (fonts-ipafont-gothic, fonts-ipafont-mincho).
 *
 * "Ink" is the summed darkness of the page (255 − min(R, G, B) per pixel, in
 * full-black pixels) minus that of the same slide with no text: it counts
 * anti-aliased pixels too, so thin glyphs at thumbnail size are not mistaken for
 * missing ones (a count of near-black pixels gives IPA Gothic a third of Noto
 * Sans JP's ink at 480 px, glyphs drawn or not).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPdf, type PageBitmap } from '../src/lib/pdf/process.ts';
import { JAPANESE_FONT_PACKAGES, findJapaneseFonts, registerJapaneseFonts, type FontRegistry } from '../src/lib/pdf/render.ts';
import { deckPdf, fixturePdf } from './fixtures/pdfs.ts';

const WIDTH = 480; // the archive's thumbnail width

/** Page 1 of every deck below; page 2 is the slide measured (as in ja-embedded / ja-cmap). */
const COVER = { title: 'インターネットトラフィックの流れ', lines: ['Internet Week 2024'] };
/** Page 2 of the fixtures with the Japanese taken out. */
const LATIN_ONLY = { title: '', lines: ['2008 10 JPIX', 'IX', 'Route Server'] };
const NO_TEXT = { title: '', lines: [] };

function darkness(b: PageBitmap): number {
  let sum = 0;
  for (let i = 0; i < b.rgba.length; i += 4) sum += 255 - Math.min(b.rgba[i]!, b.rgba[i + 1]!, b.rgba[i + 2]!);
  return sum / 255;
}

async function page2(data: Uint8Array): Promise<{ bitmap: PageBitmap; text: string }> {
  const { deck, bitmaps } = await processPdf(data, { render: [{ pages: 'all', width: WIDTH }] });
  const bitmap = bitmaps.find((b) => b.page === 2);
  if (!bitmap) throw new Error(`page 2 was not rendered (${deck.outcome}: ${deck.message ?? ''})`);
  return { bitmap, text: deck.pages[1]?.text ?? '' };
}

describe('non-embedded Japanese fonts in thumbnails', () => {
  let blank = 0;
  const ink = (b: PageBitmap): number => darkness(b) - blank;

  beforeAll(async () => {
    const fonts = findJapaneseFonts();
    expect(fonts.files.gothicP, `no Japanese font: install ${JAPANESE_FONT_PACKAGES.join(' ')} (npm test does it as root)`).toBeDefined();
    blank = darkness((await page2(await deckPdf({ font: 'cmap', slides: [COVER, NO_TEXT] }))).bitmap);
  });

  it('ja-cmap (HeiseiKakuGo-W5, no FontFile) draws its Japanese: ink close to the embedded Noto Sans JP render', async () => {
    const embedded = await page2(await fixturePdf('ja-embedded'));
    const cmap = await page2(await fixturePdf('ja-cmap'));
    const latin = await page2(await deckPdf({ font: 'cmap', slides: [COVER, LATIN_ONLY] }));
    const e = ink(embedded.bitmap);
    const c = ink(cmap.bitmap);
    const l = ink(latin.bitmap);
    // Measured: embedded ≈ 1150, ja-cmap ≈ 800 (IPA P Gothic is lighter than Noto), Latin only ≈ 215.
    // With no Japanese font the ja-cmap page draws only its Latin: ≈ 370.
    expect(e).toBeGreaterThan(500);
    expect(c / e).toBeGreaterThanOrEqual(0.6);
    expect(c).toBeGreaterThan(2.5 * l);
    expect(cmap.bitmap.width).toBe(WIDTH);
    // Text extraction is untouched by the rendering fonts.
    expect(cmap.text).toBe(embedded.text);
    expect(cmap.text).toContain('2008年10月に JPIX に入社');
  });

  it('a Mincho font (KozMinPr6N, ja-sjis) is drawn in Mincho, not in the Gothic of HeiseiKakuGo', async () => {
    const gothic = await page2(await fixturePdf('ja-cmap'));
    const mincho = await page2(await fixturePdf('ja-sjis'));
    const latin = await page2(await deckPdf({ font: 'sjis', slides: [COVER, LATIN_ONLY] }));
    expect(mincho.text).toBe(gothic.text);
    // Same text at the same places: before the fonts were registered the two pages were identical.
    expect(Buffer.from(mincho.bitmap.rgba).equals(Buffer.from(gothic.bitmap.rgba))).toBe(false);
    // Mincho strokes are thinner than Gothic ones, but the Japanese is there.
    expect(ink(mincho.bitmap)).toBeLessThan(ink(gothic.bitmap));
    expect(ink(mincho.bitmap)).toBeGreaterThan(2 * ink(latin.bitmap));
  });
});

describe('findJapaneseFonts / registerJapaneseFonts', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iw-fonts-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('no Japanese font: a warning that names the packages, nothing registered', () => {
    const fonts = findJapaneseFonts([join(dir, 'absent'), dir]);
    expect(fonts.files).toEqual({});
    for (const pkg of JAPANESE_FONT_PACKAGES) expect(fonts.warning).toContain(pkg);
    const calls: string[] = [];
    const registry: FontRegistry = {
      registerFromPath: (_path, alias) => (calls.push(alias ?? ''), {}),
      setAlias: () => true,
    };
    expect(registerJapaneseFonts(registry, fonts).size).toBe(0);
    expect(calls).toEqual([]);
  });

  it('finds fonts in any listed directory, nested (as /usr/local/share/fonts, which @napi-rs/canvas does not scan)', () => {
    const gothic = findJapaneseFonts().files.gothicP;
    expect(gothic).toBeDefined();
    mkdirSync(join(dir, 'truetype', 'ja'), { recursive: true });
    symlinkSync(gothic!, join(dir, 'truetype', 'ja', basename(gothic!)));
    const fonts = findJapaneseFonts([dir]);
    const linked = join(dir, 'truetype', 'ja', basename(gothic!));
    // Only a Gothic font: Mincho text falls back to it, with a warning about Mincho.
    expect(fonts.files.gothicP).toBe(linked);
    expect(fonts.files.minchoP).toBe(linked);
    expect(fonts.warning).toMatch(/Mincho/);

    const aliases = new Map<string, string>();
    const registry: FontRegistry = {
      registerFromPath: (path, alias) => (aliases.set(alias ?? '', path), {}),
      setAlias: (family, alias) => (aliases.set(alias, aliases.get(family) ?? ''), true),
    };
    const done = registerJapaneseFonts(registry, fonts);
    for (const name of ['sans-serif', 'serif', 'monospace', 'MS PGothic', 'MS Gothic', 'HeiseiKakuGo', 'HeiseiMin', 'Ryumin']) {
      expect(done.get(name), name).toBe(linked);
    }
  });
});
