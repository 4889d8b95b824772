/**
 * pdfgen and the PDF fixtures, checked against the real pdfjs-dist legacy
 * build (and poppler's pdftotext/pdffonts when installed): what a user would
 * notice, not what the writer intended.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeSjis,
  KANGXI,
  PdfBuilder,
  rc4,
  renderDeck,
  StandardFont,
  tokens,
  wrapText,
} from '../scripts/tools/pdfgen/index.ts';
import { DecksError, parseDecks } from '../scripts/tools/pdfgen/decks-yaml.ts';
import { main } from '../scripts/tools/sample/generate.ts';
import { runCli } from './helpers/cli.ts';
import { deckPdf, FIXTURE_KINDS, FIXTURES, fixturePdf, type FixtureKind } from './fixtures/pdfs.ts';

const require = createRequire(import.meta.url);
const PDFJS = dirname(require.resolve('pdfjs-dist/package.json')) + '/';

interface Opened {
  numPages: number;
  /** Per page: the items joined with "\n", or the error getPage/getTextContent threw. */
  pages: (string | Error)[];
  info: Record<string, unknown>;
}

async function open(bytes: Uint8Array, password?: string): Promise<Opened> {
  const task = getDocument({
    data: bytes.slice(), // pdf.js may transfer the buffer
    cMapUrl: PDFJS + 'cmaps/',
    cMapPacked: true,
    standardFontDataUrl: PDFJS + 'standard_fonts/',
    verbosity: 0,
    ...(password !== undefined ? { password } : {}),
  });
  try {
    const doc = await task.promise;
    const pages: (string | Error)[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
        page.cleanup();
      } catch (error) {
        pages.push(error as Error);
      }
    }
    const meta = await doc.getMetadata();
    return { numPages: doc.numPages, pages, info: meta.info as Record<string, unknown> };
  } finally {
    await task.destroy();
  }
}

async function openError(bytes: Uint8Array, password?: string): Promise<{ name: string; code?: number }> {
  try {
    await open(bytes, password);
  } catch (error) {
    const e = error as { name: string; code?: number };
    return { name: e.name, ...(e.code !== undefined ? { code: e.code } : {}) };
  }
  throw new Error('expected pdf.js to refuse the file');
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

const which = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasPoppler = which('pdftotext') && which('pdffonts');
const tmp = mkdtempSync(join(tmpdir(), 'pdfgen-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const poppler = (tool: string, kind: string, bytes: Uint8Array, args: string[] = []): string => {
  const file = join(tmp, `${kind}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
};

describe('fixtures in pdf.js', () => {
  const openable = FIXTURE_KINDS.filter((k) => FIXTURES[k].openError === undefined);

  it.each(openable)('%s: page count and phrases per page', async (kind) => {
    const fx = FIXTURES[kind];
    const doc = await open(await fixturePdf(kind));
    expect(doc.numPages).toBe(fx.pageCount);
    doc.pages.forEach((page, i) => {
      const n = i + 1;
      if (fx.failingPages?.includes(n)) {
        expect(page, `page ${n} should fail`).toBeInstanceOf(Error);
        return;
      }
      expect(page, `page ${n} should open`).not.toBeInstanceOf(Error);
      for (const phrase of fx.phrases[n] ?? []) expect(page as string).toContain(phrase);
    });
  });

  it('ja-embedded, ja-cmap and ja-sjis give the same Japanese text', async () => {
    const texts = await Promise.all(
      (['ja-embedded', 'ja-cmap', 'ja-sjis'] as const).map(async (k) => (await open(await fixturePdf(k))).pages),
    );
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    expect(texts[0]?.[0]).toContain('馬渡 将隆');
  });

  it('kangxi: Kangxi and radical-supplement code points come out, and fold back to the phrases', async () => {
    const fx = FIXTURES.kangxi;
    const doc = await open(await fixturePdf('kangxi'));
    const all = doc.pages.join('\n');
    for (const cp of ['\u2F64', '\u2F83', '\u2ED1', '\u2F92', '\u2F63']) expect(all).toContain(cp);
    expect(all).not.toContain('用');
    const fold = (s: string): string => s.normalize('NFKC').replaceAll('\u2ED1', '長');
    for (const [page, phrases] of Object.entries(fx.cleanPhrases ?? {})) {
      const text = fold(doc.pages[Number(page) - 1] as string);
      for (const phrase of phrases) expect(text).toContain(phrase);
    }
  });

  it('overprint: every title comes out twice, body lines once', async () => {
    const fx = FIXTURES.overprint;
    const doc = await open(await fixturePdf('overprint'));
    fx.overprinted?.forEach((title, i) => expect(count(doc.pages[i] as string, title)).toBe(2));
    expect(count(doc.pages[1] as string, '2008年10月に JPIX に入社')).toBe(1);
    const plain = await open(await fixturePdf('ja-embedded'));
    expect(count(plain.pages[1] as string, '自己紹介')).toBe(1);
  });

  it('repeated-footer: footer and copyright on every page after the first, page numbers', async () => {
    const fx = FIXTURES['repeated-footer'];
    const doc = await open(await fixturePdf('repeated-footer'));
    for (const furniture of fx.repeated ?? []) {
      for (const page of doc.pages.slice(1)) expect(page as string).toContain(furniture);
    }
    expect(doc.pages[0] as string).not.toContain('21 3');
    expect((doc.pages[4] as string).split('\n')).toContain('5');
  });

  it.each(['image-only', 'outlines-only'] as const)('%s: pages parse but carry no text', async (kind) => {
    const doc = await open(await fixturePdf(kind));
    expect(doc.numPages).toBe(3);
    for (const page of doc.pages) expect((page as string).trim()).toBe('');
  });

  it('garbage: the text layer is control and private-use characters only', async () => {
    const doc = await open(await fixturePdf('garbage'));
    const chars = [...doc.pages.join('')].filter((c) => !/\s/.test(c));
    expect(chars.length).toBeGreaterThan(50);
    const bad = chars.filter((c) => {
      const cp = c.codePointAt(0)!;
      return cp < 0x20 || (cp >= 0xe000 && cp <= 0xf8ff);
    });
    expect(bad.length).toBe(chars.length);
    expect(bad.some((c) => c.codePointAt(0)! < 0x20)).toBe(true);
    expect(bad.some((c) => c.codePointAt(0)! >= 0xe000)).toBe(true);
  });

  it('bad-page: pdf.js fails on page 3 only', async () => {
    const doc = await open(await fixturePdf('bad-page'));
    const failed = doc.pages.flatMap((p, i) => (p instanceof Error ? [i + 1] : []));
    expect(failed).toEqual([3]);
    expect((doc.pages[2] as Error).message).toMatch(/Page dictionary/);
  });

  it('encrypted: PasswordException without (code 1) or with a wrong password (code 2), text with it', async () => {
    const bytes = await fixturePdf('encrypted');
    expect(await openError(bytes)).toEqual({ name: 'PasswordException', code: 1 });
    expect(await openError(bytes, 'wrong')).toEqual({ name: 'PasswordException', code: 2 });
    const doc = await open(bytes, FIXTURES.encrypted.password);
    expect(doc.info['EncryptFilterName']).toBe('Standard');
    for (const [page, phrases] of Object.entries(FIXTURES.encrypted.phrases)) {
      for (const phrase of phrases) expect(doc.pages[Number(page) - 1] as string).toContain(phrase);
    }
  });

  it.each(['truncated', 'empty', 'not-pdf'] as const)('%s: InvalidPDFException', async (kind) => {
    expect((await openError(await fixturePdf(kind))).name).toBe('InvalidPDFException');
  });

  it('truncated: any cut point of a deck fails to open', async () => {
    const whole = await fixturePdf('ja-embedded');
    for (const share of [0.1, 0.3, 0.9, 0.99]) {
      expect((await openError(whole.slice(0, Math.floor(whole.length * share)))).name).toBe('InvalidPDFException');
    }
  });

  it('metadata: /Info values come through', async () => {
    const doc = await open(await fixturePdf('ja-embedded'));
    expect(doc.info['Title']).toBe('インターネットトラフィックの流れとオペレーション');
    expect(doc.info['Author']).toBe('馬渡 将隆');
    expect(doc.info['Producer']).toBe('iw-archive pdfgen');
  });

  it('deckPdf: n pages with the given text', async () => {
    const bytes = await deckPdf({ pages: 12, text: (n) => ({ title: `第${n}章`, lines: [`Page ${n} body`] }), footer: '21 3' });
    const doc = await open(bytes);
    expect(doc.numPages).toBe(12);
    expect(doc.pages[11]).toContain('第12章');
    expect(doc.pages[11]).toContain('Page 12 body');
    const dflt = await open(await deckPdf({ pages: 2, font: 'cmap' }));
    expect(dflt.pages[1]).toContain('スライド 2');
  });
});

describe('rendering in pdf.js (@napi-rs/canvas)', () => {
  /** Dark pixels of page 2 rendered at half size. */
  async function inkOf(kind: FixtureKind): Promise<number> {
    const task = getDocument({
      data: await fixturePdf(kind),
      cMapUrl: PDFJS + 'cmaps/',
      cMapPacked: true,
      standardFontDataUrl: PDFJS + 'standard_fonts/',
      wasmUrl: PDFJS + 'wasm/',
      verbosity: 0,
    });
    try {
      const doc = await task.promise;
      const page = await doc.getPage(2);
      const viewport = page.getViewport({ scale: 0.5 });
      const factory = doc.canvasFactory as {
        create(w: number, h: number): {
          canvas: HTMLCanvasElement;
          context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
        };
      };
      const canvas = factory.create(viewport.width, viewport.height);
      await page.render({ canvas: canvas.canvas, viewport }).promise;
      const { data } = canvas.context.getImageData(0, 0, viewport.width, viewport.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 0) dark++;
      return dark;
    } finally {
      await task.destroy();
    }
  }

  it('the embedded subset renders, and outlines-only draws the same glyphs', async () => {
    const text = await inkOf('ja-embedded');
    const outlines = await inkOf('outlines-only');
    expect(text).toBeGreaterThan(300);
    expect(Math.abs(text - outlines) / text).toBeLessThan(0.05);
  });
});

describe('determinism', () => {
  it.each(FIXTURE_KINDS)('%s: two generations are byte-identical', async (kind: FixtureKind) => {
    const a = await fixturePdf(kind);
    const b = await fixturePdf(kind);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('no clock in the output; the /ID follows the content', async () => {
    const a = Buffer.from(await deckPdf({ pages: 2 }));
    const b = Buffer.from(await deckPdf({ pages: 3 }));
    expect(a.toString('latin1')).not.toMatch(/CreationDate|ModDate/);
    const id = (buf: Buffer): string => /\/ID \[<([0-9a-f]{32})>/.exec(buf.toString('latin1'))?.[1] ?? '';
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(a)).not.toBe(id(b));
  });
});

describe.skipIf(!hasPoppler)('fixtures in poppler', () => {
  it.each(['ja-embedded', 'ja-cmap', 'ja-sjis', 'english', 'kangxi', 'mixed'] as const)(
    '%s: pdftotext finds the phrases',
    async (kind) => {
      const text = poppler('pdftotext', kind, await fixturePdf(kind), ['-enc', 'UTF-8']);
      const pages = text.split('\f');
      for (const [page, phrases] of Object.entries(FIXTURES[kind].phrases)) {
        for (const phrase of phrases) expect(pages[Number(page) - 1]).toContain(phrase);
      }
    },
  );

  it('encrypted: pdftotext needs the user password', async () => {
    const bytes = await fixturePdf('encrypted');
    expect(() => poppler('pdftotext', 'encrypted', bytes)).toThrow();
    expect(poppler('pdftotext', 'encrypted', bytes, ['-upw', 'iw2024'])).toContain('自己紹介');
  });

  it('pdffonts: embedded CID TrueType vs non-embedded CID Type 0 vs Helvetica', async () => {
    expect(poppler('pdffonts', 'ja-embedded', await fixturePdf('ja-embedded'))).toMatch(/\+NotoSansJP-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(poppler('pdffonts', 'ja-cmap', await fixturePdf('ja-cmap'))).toMatch(/HeiseiKakuGo-W5\s+CID Type 0\s+UniJIS-UCS2-H\s+no/);
    expect(poppler('pdffonts', 'ja-sjis', await fixturePdf('ja-sjis'))).toMatch(/CID Type 0\s+90ms-RKSJ-H\s+no/);
    expect(poppler('pdffonts', 'english', await fixturePdf('english'))).toMatch(/Helvetica\s+Type 1\s+WinAnsi\s+no/);
  });
});

describe('pdfgen pieces', () => {
  it('rc4 matches the classic test vector', () => {
    const out = rc4(new TextEncoder().encode('Key'), new TextEncoder().encode('Plaintext'));
    expect(Buffer.from(out).toString('hex')).toBe('bbf316e8d940af0ad3');
  });

  it('Shift_JIS encoding round-trips through TextDecoder', () => {
    const text = 'インターネット週間 2024 ｶﾀｶﾅ 髙';
    expect(new TextDecoder('shift_jis').decode(encodeSjis(text))).toBe(text);
    expect(() => encodeSjis('😀')).toThrow(/cannot encode/);
  });

  it('the Kangxi table folds back under NFKC (except the U+2E80 block)', () => {
    for (const [kanji, radical] of KANGXI) {
      if (radical.codePointAt(0)! < 0x2f00) expect(radical.normalize('NFKC')).not.toBe(kanji);
      else expect(radical.normalize('NFKC')).toBe(kanji);
    }
  });

  it('wraps Japanese per character and English per word, with kinsoku', () => {
    const measure = (s: string): number => [...s].length;
    expect(wrapText('あいうえおかきくけこ', 4, measure)).toEqual(['あいうえ', 'おかきく', 'けこ']);
    expect(wrapText('route server operations', 12, measure)).toEqual(['route server', 'operations']);
    expect(wrapText('あいう。えお', 3, measure)).toEqual(['あい', 'う。え', 'お']);
    expect(tokens('IX の「運用」')).toEqual(['IX', ' ', 'の', '「運', '用」']);
  });

  it('refuses text a font cannot show, naming the character', () => {
    expect(() => new StandardFont().encode('日本')).toThrow(/cannot show "日"/);
    expect(() => renderDeck({ font: 'standard', slides: [{ title: '日本語' }] })).toThrow(/slide 1/);
    expect(() => new PdfBuilder().toBytes()).toThrow(/at least one page/);
  });
});

describe('Kangxi and garbage ToUnicode on non-embedded CMap fonts', () => {
  it.each(['cmap', 'sjis'] as const)('%s', async (font) => {
    const slides = [{ title: '利用者の自己紹介', lines: ['長期的な見通し ｶﾅ ABC'] }];
    const kangxi = await open(await deckPdf({ font, slides, kangxi: true }));
    expect(kangxi.pages[0]).toContain('利⽤者の⾃己紹介');
    expect(kangxi.pages[0]).toContain('⻑期的な⾒通し ｶﾅ ABC');
    const garbage = await open(await deckPdf({ font, slides, garbage: true }));
    expect(garbage.pages[0]).not.toMatch(/[利用者ABC]/);
  });
});

describe('decks.yaml and scripts/tools/sample/generate.ts', () => {
  const yaml = `
- path: 2024/o1/o1-test.pdf
  font: embedded
  footer: "21 3"
  copyright: "©Example"
  slides:
    - title: テストの表紙
      lines: [Internet Week 2024, "2024.11.19"]
    - title: 自己紹介
      lines: [JPIX に入社]
- path: 1999/notes/C3.PDF
  font: cmap
  kangxi: true
  slides:
    - title: 運用の実際
`;

  it('parses entries into deck specs', () => {
    const decks = parseDecks(yaml);
    expect(decks.map((d) => d.path)).toEqual(['2024/o1/o1-test.pdf', '1999/notes/C3.PDF']);
    expect(decks[0]?.spec).toMatchObject({ font: 'embedded', footer: '21 3', copyright: '©Example', info: { title: 'テストの表紙' } });
    expect(decks[1]?.spec.kangxi).toBe(true);
    expect(parseDecks('')).toEqual([]);
  });

  it('names the entry and field of every problem', () => {
    const bad = `
- path: ../escape.pdf
  font: comic
  slides: []
- path: 2024/a.pdf
  overprint: "yes"
  colour: red
  slides:
    - title: ""
      lines: [ok, 2024]
`;
    let error: unknown;
    try {
      parseDecks(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DecksError);
    const problems = (error as DecksError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^entry 1 \(\.\.\/escape\.pdf\): path: must be a relative path/),
        expect.stringMatching(/^entry 1 .*font: must be one of embedded, cmap, sjis, standard/),
        expect.stringMatching(/^entry 1 .*slides: must be a non-empty list/),
        expect.stringMatching(/^entry 2 \(2024\/a\.pdf\): overprint: must be true or false/),
        expect.stringMatching(/^entry 2 .*colour: unknown field/),
        expect.stringMatching(/^entry 2 .*slides\[0\]\.title: must be a non-empty string/),
        expect.stringMatching(/^entry 2 .*slides\[0\]\.lines\[1\]: must be a string/),
      ]),
    );
  });

  it('writes only what changed, and --check reports differences', async () => {
    const dir = join(tmp, 'sample');
    mkdirSync(dir, { recursive: true });
    const decks = join(dir, 'decks.yaml');
    const out = join(dir, 'materials');
    writeFileSync(decks, yaml);
    const script = join(import.meta.dirname, '../scripts/tools/sample/generate.ts');
    // In-process (the CLI's main, output captured); the first --check runs as a child process, for the real exit code.
    const run = async (...args: string[]): Promise<{ status: number; out: string }> => {
      const result = await runCli(main, ['--decks', decks, '--out', out, ...args]);
      return { status: result.status, out: result.stdout + result.stderr };
    };
    const spawnRun = (...args: string[]): { status: number; out: string } => {
      try {
        return { status: 0, out: execFileSync(process.execPath, [script, '--decks', decks, '--out', out, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { status: err.status, out: err.stdout + err.stderr };
      }
    };
    expect(spawnRun('--check')).toMatchObject({ status: 1, out: expect.stringContaining('missing:') });
    expect((await run()).out).toContain('2 written, 0 unchanged');
    const file = join(out, '2024/o1/o1-test.pdf');
    const mtime = statSync(file).mtimeMs;
    expect((await run()).out).toContain('0 written, 2 unchanged');
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect((await run('--check')).status).toBe(0);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(await run('--check')).toMatchObject({ status: 1, out: expect.stringContaining('differs:') });
    expect((await run()).out).toContain('1 written, 1 unchanged');
    writeFileSync(decks, '- path: x.pdf\n  slides: [{ title: 1 }]\n');
    expect(await run()).toMatchObject({ status: 2, out: expect.stringContaining('entry 1 (x.pdf): slides[0].title') });
    expect((await run('--decks', join(dir, 'none.yaml'))).status).toBe(0);
    expect(existsSync(join(out, 'x.pdf'))).toBe(false);
  });
});
