/**
 * End-to-end search tests in headless Chromium against a site built by the real
 * build (scripts/build.ts) from test/e2e/fixture.ts, served by scripts/mirror/serve.ts
 * under a sub-path, with the index forced into several year shards so merging
 * is exercised too. The build is the run's shared one (searchFixtureSite()).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/mirror/serve.ts';
import { contentFrom, type RegionMap, restoreRegion } from '../../src/lib/search/faithful.ts';
import { indexForm } from '../../src/lib/search/normalise.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { SEARCH_FIXTURE, searchFixtureSite } from '../helpers/sample-site.ts';
import { SLIDE3_PHRASE } from './fixture.ts';

const BASE = SEARCH_FIXTURE.base;
let out: string;
let server: RunningServer;
let copyServer: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const site = searchFixtureSite();
  expect(site.status, site.stderr).toBe(0);
  out = site.outDir;
  server = await serve(out, { base: BASE });
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'iw-search-copy-')), 'mirror');
  cpSync(out, copy, { recursive: true });
  copyServer = await serve(copy, { base: '/elsewhere/mirror/' });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await copyServer?.close();
});

async function settled(target: Page = page): Promise<string> {
  await target.waitForFunction(() => ['done', 'empty', 'error', 'idle'].includes(document.getElementById('search')?.dataset.state ?? ''), null, { timeout: 30_000 });
  return (await target.getAttribute('#search', 'data-state')) ?? '';
}

async function search(query: string, extra = '', base = server.url): Promise<{ state: string; status: string; urls: string[]; links: string[] }> {
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}${extra}`);
  const state = await settled();
  return {
    state,
    status: (await page.textContent('#search-status')) ?? '',
    urls: await page.$$eval('.search-result', (items) => items.map((item) => item.getAttribute('data-url') ?? '')),
    links: await page.$$eval('.search-result h2 a', (links) => links.map((link) => (link as HTMLAnchorElement).href)),
  };
}

describe('search index', () => {
  it('is written as several year shards listed for the search page', () => {
    const { shards } = JSON.parse(readFileSync(path.join(out, 'pagefind', 'iw-shards.json'), 'utf8')) as { shards: { dir: string; from: number; to: number }[] };
    expect(shards.length).toBeGreaterThan(1);
    expect(shards[0]?.dir).toBe('pagefind');
    expect(shards.slice(1).every((shard) => shard.dir === `pagefind-${shard.from}-${shard.to}`)).toBe(true);
  });

  it('stores each filter value once per page, and a map back to the words as written that fits every region Pagefind stored', () => {
    const { shards } = JSON.parse(readFileSync(path.join(out, 'pagefind', 'iw-shards.json'), 'utf8')) as { shards: { dir: string }[] };
    let regions = 0;
    for (const shard of shards) {
      const dir = path.join(out, shard.dir, 'fragment');
      for (const file of readdirSync(dir)) {
        const raw = gunzipSync(readFileSync(path.join(dir, file))).toString('utf8');
        const fragment = JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]>; anchors: { id: string; location: number }[] };
        for (const [key, values] of Object.entries(fragment.filters)) expect(new Set(values).size, `${fragment.url} ${key}`).toBe(values.length);
        for (const anchor of fragment.anchors.filter((item) => item.id.startsWith('ix-'))) {
          const map = JSON.parse(fragment.meta[anchor.id] ?? '') as RegionMap;
          const restored = restoreRegion(contentFrom(fragment.content, anchor.location), map);
          expect(restored, `${fragment.url} ${anchor.id}`).toBeDefined();
          expect(indexForm(restored ?? '')).toBe(restoreRegion(contentFrom(fragment.content, anchor.location), { n: map.n, d: [] }));
          regions += 1;
        }
      }
    }
    expect(regions).toBeGreaterThan(20);
  });

  it('is written by the templates: the search page has no root-absolute URL and its script is inline', () => {
    const html = readFileSync(path.join(out, 'search', 'index.html'), 'utf8');
    expect(html).toContain('<script type="module">');
    expect(html.match(/\s(?:src|href)="\/[^"]*"/gu) ?? []).toEqual([]);
    expect(existsSync(path.join(out, 'assets', 'search.js'))).toBe(false);
  });
});

describe('search page in Chromium', () => {
  it('puts the program whose title matches first, for a Japanese-context and an English query', async () => {
    const bgp = await search('BGP');
    expect(bgp.state).toBe('done');
    expect(bgp.urls[0]).toBe('/2024/t1/');
    expect(bgp.urls).toContain('/2003/t5/');
    const rpki = await search('RPKI');
    expect(rpki.urls[0]).toBe('/2019/e1/');
    const kanji = await search('脅威インテリジェンス');
    expect(kanji.urls[0]).toBe('/2019/k1/');
  });

  it('opens a phrase from slide 3 on that slide of the deck page', async () => {
    const result = await search(SLIDE3_PHRASE);
    expect(result.urls[0]).toBe('/2024/t1/t1-yamada/');
    expect(result.links[0]).toBe(`${server.url}2024/t1/t1-yamada/#p3`);
    await page.click('.search-result h2 a');
    await page.waitForURL(/#p3$/u);
    expect(new URL(page.url()).pathname).toBe(`${BASE}2024/t1/t1-yamada/`);
    expect(await page.textContent('#p3')).toContain('スライド 3');
  });

  it('matches width and long-vowel variants both ways', async () => {
    expect((await search('ＢＧＰ')).urls[0]).toBe('/2024/t1/');
    // ＩＰｖ６ is written full-width in the content, searched half-width.
    expect((await search('IPv6')).urls[0]).toBe('/2003/t5/');
    for (const query of ['サーバー', 'ｻｰﾊﾞｰ', 'サーバ']) {
      const result = await search(query);
      expect(result.urls[0], query).toBe('/2012/h3/');
    }
  });

  it('does not let a katakana false friend win: サイバー finds サイバー, not サイドバー', async () => {
    const result = await search('サイバー');
    expect(result.urls[0]).toBe('/2019/k1/');
    expect(result.urls).not.toContain('/2024/s2/');
    expect((await search('サイドバー')).urls[0]).toBe('/2024/s2/');
  });

  it('says so when nothing matches, with no results shown', async () => {
    for (const query of ['zzqxvw', 'ぬぺぽ']) {
      const result = await search(query);
      expect(result.state, query).toBe('empty');
      expect(result.status).toContain('一致する結果はありません');
      expect(result.urls).toEqual([]);
    }
  });

  it('narrows with a facet whose count matches the results, keeps it in the URL, and goes back', async () => {
    const all = await search('山田');
    expect(all.urls.length).toBeGreaterThan(1);
    const label = page.locator('.search-facet[data-facet="year"] label', { hasText: '2003' });
    const count = Number(/\((\d+)\)/u.exec((await label.textContent()) ?? '')?.[1]);
    await label.locator('input').check();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('year')).toEqual(['2003']);
    const filtered = await page.$$eval('.search-result', (items) => items.map((item) => item.getAttribute('data-url')));
    expect(filtered.length).toBe(count);
    expect(filtered).toContain('/2003/t5/');
    expect(filtered).not.toContain('/2024/t1/');
    await page.goBack();
    await settled();
    expect(new URL(page.url()).searchParams.getAll('year')).toEqual([]);
    expect(await page.$$eval('.search-result', (items) => items.length)).toBe(all.urls.length);
  });

  it('filters by program type and by has-video from a shared URL', async () => {
    const tutorials = await search('山田', `&type=${encodeURIComponent('チュートリアル')}&kind=${encodeURIComponent('プログラム')}`);
    expect(tutorials.urls.sort()).toEqual(['/2003/t5/', '/2024/t1/']);
    const withVideo = await search('攻撃', `&video=${encodeURIComponent('あり')}`);
    expect(withVideo.urls).toEqual(['/2019/k1/']);
  });

  it('sorts by oldest and newest', async () => {
    expect((await search('山田', '&sort=old')).urls[0]).toBe('/2003/t5/');
    const newest = await search('山田', '&sort=new&kind=%E3%83%97%E3%83%AD%E3%82%B0%E3%83%A9%E3%83%A0');
    expect(newest.urls).toEqual(['/2024/t1/', '/2003/t5/']);
  });

  it('is reached from the search box of any page and works by keyboard', async () => {
    await page.goto(`${server.url}2012/h3/`);
    await page.fill('#site-search', 'ハンズオン');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\/index\.html\?q=/u);
    await settled();
    expect(new URL(page.url()).pathname).toBe(`${BASE}search/index.html`);
    expect(await page.getAttribute('.search-result', 'data-url')).toBe('/2012/h3/');
    await page.focus('#search-q');
    await page.fill('#search-q', 'RPKI');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=RPKI/u);
    await settled();
    expect(await page.getAttribute('.search-result', 'data-url')).toBe('/2019/e1/');
    const box = page.locator('.search-facet[data-facet="lang"] input[value="英語"]');
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/lang=/u);
    await settled();
    const urls = await page.$$eval('.search-result', (items) => items.map((item) => item.getAttribute('data-url')));
    expect(urls.sort()).toEqual(['/2019/e1/', '/2019/e1/e1-rpki/']);
  });

  it('downloads one page of fragments, no filter chunks, no worker and the wasm once for a first search', async () => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const urls: string[] = [];
    fresh.on('requestfinished', (request) => urls.push(new URL(request.url()).pathname));
    await fresh.goto(`${server.url}search/?q=${encodeURIComponent('山田')}`);
    await settled(fresh);
    await fresh.waitForLoadState('networkidle');
    await context.close();
    expect(urls.filter((url) => url.endsWith('.pf_fragment')).length).toBeGreaterThan(0);
    expect(urls.filter((url) => url.endsWith('.pf_fragment')).length).toBeLessThanOrEqual(10);
    expect(urls.filter((url) => url.endsWith('.pf_filter'))).toEqual([]);
    expect(urls.filter((url) => url.endsWith('pagefind-worker.js'))).toEqual([]);
    expect(urls.filter((url) => url.endsWith('.pagefind') && url.includes('/wasm.')).length).toBe(1);
    expect(urls.filter((url) => url.endsWith('/iw-shards.json')).length).toBe(1);
    // The page preloads each index's entry and metadata while the runtime loads: never a second download of either.
    const metadata = urls.filter((url) => url.endsWith('.pf_meta'));
    expect(metadata.length).toBeGreaterThan(0);
    expect(new Set(metadata).size).toBe(metadata.length);
    const entries = urls.filter((url) => url.endsWith('/pagefind-entry.json'));
    expect(entries.length).toBe(metadata.length);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('preloads every shard\'s metadata at once, as the shard list names it, and downloads each once', async () => {
    const { shards } = JSON.parse(readFileSync(path.join(out, 'pagefind', 'iw-shards.json'), 'utf8')) as { shards: { dir: string; indexes: Record<string, string> }[] };
    const expected = shards.map((shard) => {
      const entry = JSON.parse(readFileSync(path.join(out, shard.dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
      expect(shard.indexes).toEqual({ ja: entry.languages.ja?.hash });
      return `${BASE}${shard.dir}/pagefind.${shard.indexes.ja}.pf_meta`;
    });
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const urls: string[] = [];
    fresh.on('requestfinished', (request) => urls.push(new URL(request.url()).pathname));
    await fresh.goto(`${server.url}search/?q=${encodeURIComponent('BGP')}`);
    expect(await settled(fresh)).toBe('done');
    const preloaded = await fresh.$$eval('link[rel="preload"]', (links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname));
    await fresh.waitForLoadState('networkidle');
    await context.close();
    expect(preloaded.filter((url) => url.endsWith('.pf_meta')).sort()).toEqual([...expected].sort());
    expect(urls.filter((url) => url.endsWith('.pf_meta')).sort()).toEqual([...expected].sort());
  });

  it('quotes abstracts and slides as written, the match marked, with no page metadata in the excerpt', async () => {
    await search('IPv6');
    const abstract = page.locator('.search-result[data-url="/2003/t5/"] .search-excerpt');
    expect(await abstract.textContent()).toBe('ＩＰｖ６とＢＧＰによる相互接続の実際を解説します。');
    expect(await abstract.locator('mark').allTextContents()).toEqual(['ＩＰｖ６']);
    expect(await page.textContent('.search-result[data-url="/2003/t5/"] h2')).toBe('ＩＰｖ６時代の相互接続');
    const slide = await search('プレイヤー');
    expect(slide.urls[0]).toBe('/2024/t1/t1-yamada/');
    expect(slide.links[0]).toBe(`${server.url}2024/t1/t1-yamada/#p4`);
    const excerpt = page.locator('.search-result .search-excerpt').first();
    expect(await excerpt.textContent()).toContain('プレイヤー（事業者）は協力する');
    expect(await excerpt.locator('mark').allTextContents()).toEqual(['プレイヤー']);
    for (const query of ['山田', 'BGP', 'ハンズオン']) {
      await search(query);
      for (const text of await page.$$eval('.search-excerpt', (items) => items.map((item) => item.textContent ?? ''))) {
        expect(text, query).not.toMatch(/iw20\d\d|概要\.|日時|スライド \d|PDF のこのページ/u);
      }
    }
  });

  it('shows facet counts that equal the results choosing that value gives, for several queries', { timeout: 300_000 }, async () => {
    const allResults = async () => {
      while (await page.isVisible('#search-more')) {
        const before = await page.$$eval('.search-result', (items) => items.length);
        await page.click('#search-more');
        await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n || Boolean(document.getElementById('search-more')?.hidden), before);
      }
      return page.$$eval('.search-result', (items) => items.length);
    };
    for (const query of ['山田', 'BGP', 'サーバー']) {
      await search(query);
      expect(await page.textContent('#search-status')).not.toContain('約');
      const facets = await page.$$eval('.search-facet input', (boxes) =>
        boxes.map((box) => ({ key: (box as HTMLInputElement).name, value: (box as HTMLInputElement).value, count: Number(/\((\d+)\)/u.exec(box.parentElement?.textContent ?? '')?.[1]) })),
      );
      expect(facets.length, query).toBeGreaterThan(3);
      for (const facet of facets) {
        // Chosen in the page (as a user does), then unchosen again.
        await page.locator(`.search-facet[data-facet="${facet.key}"] input[value="${facet.value}"]`).check();
        await settled();
        expect(await allResults(), `${query} ${facet.key}=${facet.value}`).toBe(facet.count);
        expect(await page.textContent('#search-status')).toContain(`${facet.count} 件`);
        await page.locator(`.search-facet[data-facet="${facet.key}"] input[value="${facet.value}"]`).uncheck();
        await settled();
      }
    }
  });

  it('keeps focus on the facet toggled by keyboard', async () => {
    await search('山田');
    const box = page.locator('.search-facet[data-facet="year"] input[value="2003"]');
    await box.focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/year=2003/u);
    await settled();
    expect(await page.evaluate(() => {
      const active = document.activeElement as HTMLInputElement | null;
      return `${active?.name}=${active?.value}:${active?.checked}`;
    })).toBe('year=2003:true');
    await page.keyboard.press('Space');
    await page.waitForURL((url) => !url.searchParams.has('year'));
    await settled();
    expect(await page.evaluate(() => `${(document.activeElement as HTMLInputElement | null)?.name}=${(document.activeElement as HTMLInputElement | null)?.value}`)).toBe('year=2003');
  });

  it('on a phone puts the results first, folds the facets, and fits the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await phone.goto(`${server.url}search/?q=${encodeURIComponent('山田')}`);
    await settled(phone);
    const layout = await phone.evaluate(() => ({
      results: document.getElementById('search-results')?.getBoundingClientRect().top ?? 0,
      facets: document.getElementById('search-facets-fold')?.getBoundingClientRect().top ?? 0,
      open: (document.getElementById('search-facets-fold') as HTMLDetailsElement | null)?.open,
      width: document.documentElement.scrollWidth,
    }));
    await context.close();
    expect(layout.results).toBeLessThan(layout.facets);
    expect(layout.open).toBe(false);
    expect(layout.width).toBeLessThanOrEqual(390);
  });

  it('works from a copy of the built folder served at another path', async () => {
    const result = await search(SLIDE3_PHRASE, '', copyServer.url);
    expect(result.urls[0]).toBe('/2024/t1/t1-yamada/');
    expect(result.links[0]).toBe(`${copyServer.url}2024/t1/t1-yamada/#p3`);
    const thumb = await page.getAttribute('.search-result img', 'src');
    expect(thumb?.startsWith(`${copyServer.url}thumbs/`)).toBe(true);
  });
});
