/**
 * processPdf on real pdf.js with small PDFs written here (Helvetica only).
 * The generated Japanese fixtures are exercised in pdf-fixtures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, processPdf } from '../src/lib/pdf/process.ts';

interface Run {
  text: string;
  x: number;
  y: number;
  size?: number;
}

/** A valid PDF with one page per entry, each a list of Helvetica text runs (ASCII only). */
function miniPdf(pages: Run[][], opts: { truncateAt?: number; breakPage?: number } = {}): Uint8Array {
  // breakPage: that page's object is replaced by a number, so pdf.js fails on that page only.
  const objs: string[] = [];
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Count ${n} /Kids [${pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ')}] >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((runs, i) => {
    const pageNo = 4 + i * 2;
    let content = runs.map((r) => `BT /F1 ${r.size ?? 24} Tf ${r.x} ${r.y} Td (${r.text.replace(/[()\\]/gu, (c) => '\\' + c)}) Tj ET`).join('\n');
    objs[pageNo] = opts.breakPage === i + 1 ? '42' : `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageNo + 1} 0 R >>`;
    objs[pageNo + 1] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const bytes = Uint8Array.from(out, (c) => c.charCodeAt(0) & 0xff);
  return opts.truncateAt !== undefined ? bytes.subarray(0, opts.truncateAt) : bytes;
}

const footer = (i: number): Run[] => [
  { text: 'Copyright (c) JPNIC. All Rights Reserved.', x: 40, y: 20, size: 10 },
  { text: String(i), x: 900, y: 20, size: 10 },
];

describe('processPdf', () => {
  it('has a version for the cache key', () => {
    expect(EXTRACTOR_VERSION).toMatch(/\S/u);
  });

  it('extracts per-page text, removes the repeated footer, keeps raw beside it', async () => {
    const data = miniPdf(
      [1, 2, 3, 4].map((i) => [
        { text: `Slide ${'ABCD'[i - 1]} title`, x: 40, y: 480, size: 32 },
        { text: i === 2 ? 'Route Server' : `body ${'wxyz'[i - 1]}`, x: 40, y: 400 },
        ...footer(i),
      ]),
    );
    const before = data.slice();
    const { deck, bitmaps } = await processPdf(data);
    expect(deck.outcome).toBe('ok');
    expect(deck.pageCount).toBe(4);
    expect(bitmaps).toEqual([]);
    expect(data).toEqual(before); // the caller's bytes are untouched
    const p2 = deck.pages[1];
    expect(p2?.text).toBe('Slide B title\nRoute Server');
    expect(p2?.raw).toContain('All Rights Reserved');
    expect(p2?.search).toBe('slide b title route server');
    expect(p2?.flags).toEqual([]);
  });

  it('classifies empty, not-pdf, truncated and too-large input without throwing', async () => {
    expect((await processPdf(new Uint8Array())).deck.outcome).toBe('empty');
    const html = await processPdf(new TextEncoder().encode('<!DOCTYPE html><html><body>Not found</body></html>'));
    expect(html.deck.outcome).toBe('not-pdf');
    expect(html.deck.message).toMatch(/HTML page/u);
    const full = miniPdf([[{ text: 'hello', x: 10, y: 10 }]]);
    const cut = await processPdf(full.subarray(0, 40));
    expect(['corrupt', 'no-text-layer']).toContain(cut.deck.outcome);
    expect((await processPdf(full, { maxBytes: 10 })).deck.outcome).toBe('too-large');
    const big = await processPdf(miniPdf([[], [], []]), { maxPages: 2 });
    expect(big.deck.outcome).toBe('too-large');
    expect(big.deck.message).toMatch(/3 pages/u);
  });

  it('flags a page that fails and keeps the others (partial)', async () => {
    const data = miniPdf([[{ text: 'first page', x: 40, y: 400 }], [{ text: 'second', x: 40, y: 400 }], [{ text: 'third page', x: 40, y: 400 }]], { breakPage: 2 });
    const { deck } = await processPdf(data);
    expect(deck.outcome).toBe('partial');
    // pdf.js's page-tree recovery stops counting at the broken kid, so page 3 is not seen.
    expect(deck.message).toMatch(/^Page 2 of \d could not be read \(.+\); the other pages are kept/u);
    expect(deck.pages[0]?.text).toBe('first page');
    expect(deck.pages[1]?.flags).toEqual(['failed']);
    expect(deck.pages[1]?.error).toBeTruthy();
  });

  it('reports pages without text', async () => {
    const { deck } = await processPdf(miniPdf([[], []]));
    expect(deck.outcome).toBe('no-text-layer');
    expect(deck.message).toMatch(/needs OCR/u);
    expect(deck.pages.map((p) => p.flags)).toEqual([['no-text'], ['no-text']]);
  });

  it('renders the first page at the requested width, or all pages', async () => {
    const data = miniPdf([[{ text: 'one', x: 40, y: 400 }], [{ text: 'two', x: 40, y: 400 }]]);
    const first = await processPdf(data, { render: [{ pages: 'first', width: 480 }] });
    expect(first.bitmaps).toHaveLength(1);
    const b = first.bitmaps[0];
    expect(b?.page).toBe(1);
    expect(b?.width).toBe(480);
    expect(b?.height).toBe(270);
    expect(b?.rgba.length).toBe(480 * 270 * 4);
    // White background, some dark text pixels.
    expect(b?.rgba[0]).toBe(255);
    expect(Array.from(b?.rgba ?? []).some((v, i) => i % 4 === 0 && v < 100)).toBe(true);
    const all = await processPdf(data, { render: [{ pages: 'all', width: 200 }, { pages: 'first', width: 480 }] });
    expect(all.bitmaps.map((x) => `${x.page}:${x.width}`).sort()).toEqual(['1:200', '1:480', '2:200']);
  });

  it('keeps memory flat over many documents', async () => {
    const data = miniPdf([[{ text: 'memory', x: 40, y: 400 }]]);
    for (let i = 0; i < 20; i++) await processPdf(data);
    global.gc?.();
    const start = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) await processPdf(data);
    global.gc?.();
    expect(process.memoryUsage().heapUsed - start).toBeLessThan(60 * 1024 * 1024);
  }, 60_000);
});
