/**
 * OCR end to end: a deck whose Japanese is drawn as outlines behind a thin Latin text layer,
 * and a scanned deck, built by the real build (scripts/build.ts, Tesseract in the ingest
 * workers), read on their slide pages with the OCR note, found by Pagefind in Chromium down to
 * the slide; the same archive built without Tesseract still succeeds and lists what it could
 * not read. Also: a query equal to a slide's heading links the deck's result to that slide.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/mirror/serve.ts';
import { findOcrEngine } from '../../scripts/ocr/engine.ts';
import { deckPdf, fixturePdf } from '../fixtures/pdfs.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { buildSite, type BuiltSite } from '../helpers/build.ts';
import { frontMatter, writeTree } from '../helpers/tree.ts';

const engine = findOcrEngine('auto');
if (!engine.available && !process.env.CI) console.warn(`test/e2e/ocr.test.ts: skipped: ${engine.reason}`);
const withTesseract = describe.skipIf(!engine.available && !process.env.CI);

/** Only on page 3 of the outlined deck (drawn as outlines: no text layer has it; 冗長構成 beside it is read as 旭長構成 at 150 dpi). */
const OUTLINED_ONLY = '切り替え';
const HEADING = 'モニタリング関連のプラグイン';

async function content(): Promise<string> {
  const ranking = await deckPdf({
    pages: 8,
    text: (page) =>
      page === 2
        ? { title: '監視の全体像', lines: ['モニタリングの設定とプラグイン', 'プラグインの関連ファイル', 'モニタリング対象の関連サービス'] }
        : page === 8
          ? { title: HEADING, lines: ['Zabbix 連携', 'Prometheus 連携'] }
          : { title: `運用の話題 ${page}`, lines: [`項目 ${page}`] },
  });
  const root = writeTree(
    {
      'content/events/2017.md': frontMatter('name: Internet Week 2017\nstart: 2017-11-28\nend: 2017-12-01'),
      'content/programs/2017/s9.md': frontMatter(
        `code: S9
title: 運用自動化の実践
date: 2017-11-29
type: seminar
materials:
  - { file: s9/s9-outlined.pdf, title: 運用自動化 (アウトライン) }
  - { file: s9/s9-scan.pdf, title: 運用自動化 (スキャン) }
  - { file: s9/s9-ranking.pdf, title: 監視プラグイン }`,
        '運用の自動化について。',
      ),
      'content/materials/2017/s9/s9-outlined.pdf': await fixturePdf('outlines-mixed'),
      'content/materials/2017/s9/s9-scan.pdf': await fixturePdf('scan-ja'),
      'content/materials/2017/s9/s9-ranking.pdf': ranking,
    },
    'iw-ocr-content-',
  );
  return path.join(root, 'content');
}

let contentDir: string;
beforeAll(async () => {
  contentDir = await content();
});

withTesseract('an archive with an outlined and a scanned deck', () => {
  let site: BuiltSite;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'iw-ocr-site-'));
    site = buildSite({ content: contentDir, workDir: work, cacheDir: path.join(work, 'cache', 'pdf'), args: ['--thumbs', 'first'] });
    if (site.status !== 0) throw new Error(`build failed (${site.status}):\n${site.stderr}`);
    server = await serve(site.outDir);
    browser = await launchBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the OCR text on the slide pages, with a visible note', () => {
    const outlined = readFileSync(path.join(site.outDir, '2017/s9/s9-outlined/index.html'), 'utf8');
    expect(outlined).toContain('構成の切り替えを自動で行う');
    expect(outlined).toContain('OCR で読み取ったもので、誤りを含むことがあります');
    const scan = readFileSync(path.join(site.outDir, '2017/s9/s9-scan/index.html'), 'utf8');
    expect(scan).toContain('検知から復旧までの手順を定義する');
    expect(scan).toMatch(/信頼度 \d+%/u);
  });

  it('reports pages OCR\'d and their mean confidence', () => {
    expect(site.report.stats.ocr.pagesRead).toBe(6);
    expect(site.report.stats.ocr.meanConfidence).toBeGreaterThan(0.6);
    const md = readFileSync(path.join(site.reportDir, 'build-report.md'), 'utf8');
    expect(md).toMatch(/## OCR\n\nPages read by OCR: 6 \(mean confidence \d+ %\); pages still without their text: 0/u);
    expect(md).toMatch(/Engine: tesseract \d/u);
  });

  /** The search page's results for a query: each result's link (a deck's goes to its best slide, #pN). */
  async function searchLinks(query: string): Promise<string[]> {
    await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => ['done', 'empty', 'error'].includes(document.getElementById('search')?.dataset.state ?? ''), null, { timeout: 30_000 });
    return page.$$eval('.search-result h2 a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
  }

  it('finds a word that only an outlined page shows, down to that slide', async () => {
    const links = await searchLinks(OUTLINED_ONLY);
    expect(links.some((url) => /\/2017\/s9\/s9-outlined\/(index\.html)?#p3$/u.test(url))).toBe(true);
    expect(links.some((url) => /\/2017\/s9\/s9-scan\/(index\.html)?#p3$/u.test(url))).toBe(true);
  });

  it('links a deck to the slide whose heading is the query, not an earlier slide that mentions its words', async () => {
    // Slide 2 mentions モニタリング, 関連 and プラグイン; slide 8 is titled by the whole query.
    const links = await searchLinks(HEADING);
    const deck = links.find((url) => url.includes('s9-ranking'));
    expect(deck).toMatch(/#p8$/u);
  });
});

describe('the same archive without Tesseract', () => {
  it('builds, lists the pages it could not read as notices and says how to install Tesseract', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'iw-ocr-none-'));
    const site = buildSite({
      content: contentDir,
      workDir: work,
      cacheDir: path.join(work, 'cache', 'pdf'),
      args: ['--thumbs', 'none', '--strict'],
      env: { IW_TESSERACT: path.join(work, 'no-tesseract') },
    });
    expect(site.status).toBe(0);
    const notices = site.report.notices.filter((notice) => notice.file.endsWith('s9-outlined.pdf'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(
      /^pages 1–3 of 3 lack their text \(page 1: the text layer has only \d+ letters and digits, but \d+ glyph-like shapes are drawn as outlines\); not OCR'd: Tesseract not found .*apt-get install tesseract-ocr/u,
    );
    expect(readFileSync(path.join(site.reportDir, 'build-report.md'), 'utf8')).toMatch(/pages 1–3 of 3 lack their text/u);
    expect(site.report.stats.ocr).toEqual({ pagesRead: 0, meanConfidence: null, pagesWaiting: 6, pagesEmpty: 0 });
    const outlined = readFileSync(path.join(site.outDir, '2017/s9/s9-outlined/index.html'), 'utf8');
    expect(outlined).not.toContain(OUTLINED_ONLY);
    expect(outlined).toContain('要OCR');
  });
});
