/**
 * Real-deck text: PowerPoint puts the slide number's text box on the baseline of a header or
 * footer, and extraction glues them (`3Copyright© 2017 …`, `5StackStorm の特徴 / システムの抽象化`).
 * A generated deck does the same; the number is split off and the repeated part removed, and what
 * is left is what poppler's pdftotext reads on the page too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedFont, PdfBuilder, StandardFont } from '../scripts/tools/pdfgen/index.ts';
import { processPdf } from '../src/lib/pdf/process.ts';

const HEADER = 'StackStorm の特徴 / システムの抽象化';
const FOOTER = 'Copyright© 2017 NTT TechnoCross Corporation';
const BODIES = ['センサーが外部のイベントを検知する', 'トリガーがルールを起動する', 'アクションを実行する', 'ワークフローで組み合わせる', '監視と連携する'];

function gluedDeck(): Uint8Array {
  const doc = new PdfBuilder();
  const ja = new EmbeddedFont();
  const latin = new StandardFont('Helvetica');
  BODIES.forEach((body, i) => {
    const page = doc.addPage();
    const n = String(i + 1);
    // The number's box ends where the header's begins, on the same baseline: one line to pdf.js.
    page.text(latin, n, 30, 500, 14);
    page.text(ja, HEADER, 30 + latin.measure(n, 14), 500, 14);
    page.text(ja, body, 80, 380, 24);
    page.text(latin, n, 20, 12, 10);
    page.text(latin, FOOTER, 20 + latin.measure(n, 10), 12, 10);
  });
  return doc.toBytes();
}

describe('page numbers glued to a repeated header and footer', () => {
  it('are split off and the repeated header and footer removed; the body stays as pdftotext reads it', async () => {
    const bytes = gluedDeck();
    const { deck } = await processPdf(bytes);
    expect(deck.pages[2]?.raw).toContain(`3${HEADER}`);
    expect(deck.pages[2]?.raw).toContain(`3${FOOTER}`);
    expect(deck.pages.map((page) => page.text)).toEqual(BODIES);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'glued-')), 'deck.pdf');
    writeFileSync(file, bytes);
    const poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
    BODIES.forEach((body, i) => expect(poppler[i]).toContain(body));
  });
});
