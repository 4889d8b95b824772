/**
 * Every page type of the sample archive in Chromium, as a reader on a phone and
 * on a desktop meets it: no page is wider than a 360–390 px screen, and axe-core
 * finds no serious or critical accessibility violation at 390 or 1280 px.
 * The shared build of the sample archive (test/helpers/sample-site.ts); each page type is
 * loaded twice: at 390 px, measured there (width, axe-core) and narrowed to 360 px for the
 * width check (the layout follows the viewport as on a phone turned or resized; the one script
 * that reads the width at load, the search page's filter fold, decides the same at both), and at
 * 1280 px for axe-core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../scripts/mirror/serve.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { sampleSite } from '../helpers/sample-site.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One page of each type (the search page's layout is the search work's; it is measured all the same). */
export const PAGE_TYPES: Record<string, string> = {
  home: '',
  year: '2024/',
  program: '2024/o1/',
  'program with sub-talks and videos': '2024/d2/',
  deck: '2024/o1/o1-mawatari/',
  speakers: 'speakers/',
  speaker: 'speakers/mawatari-masataka/',
  videos: 'videos/',
  about: 'about/',
  'not found': 'no-such-page/',
  search: 'search/?q=BGP',
};

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const site = sampleSite();
  expect(site.status, site.stderr).toBe(0);
  server = await serve(site.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One browser context per width, its pages opened in turn (the site keeps no cookies or storage). */
const contexts = new Map<number, Promise<BrowserContext>>();
function contextFor(width: number): Promise<BrowserContext> {
  let context = contexts.get(width);
  if (!context) {
    context = (async () => {
      // bypassCSP: axe-core is injected as an inline script, which the pages' own CSP rightly refuses.
      const created = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
      // Nothing leaves the machine: a mirror is read offline.
      await created.route(/^https?:\/\/(?!127\.0\.0\.1)/u, (route) => route.abort());
      return created;
    })();
    contexts.set(width, context);
  }
  return context;
}

async function open(path: string, width: number, page?: Page): Promise<Page> {
  const tab = page ?? (await (await contextFor(width)).newPage());
  // The search page renders its results after load: wait for its requests to finish there.
  await tab.goto(new URL(path, server.url).href, { waitUntil: path.startsWith('search/') ? 'networkidle' : 'load' });
  return tab;
}

/**
 * One tab per device that visits every page type in turn: a navigation within one renderer reuses
 * what V8 compiled for axe-core (~0.6 s to inject and run on the next page instead of ~1.6 s in a
 * new tab). Navigating replaces the document, so nothing of one page type is left for the next.
 */
const measuringTabs = new Map<number, Promise<Page>>();
function measuringTab(width: number): Promise<Page> {
  let tab = measuringTabs.get(width);
  if (!tab) {
    tab = contextFor(width).then((context) => context.newPage());
    measuringTabs.set(width, tab);
  }
  return tab;
}

/** How far a loaded page overflows its viewport, if it does. */
async function widthProblem(page: Page, width: number): Promise<string | undefined> {
  const measured = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('main *, header *')]
      .filter((element) => element.getBoundingClientRect().right > viewport + 0.5)
      .slice(0, 3)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}"> ${(element.textContent ?? '').trim().slice(0, 40)}`);
    return { scrollWidth: document.documentElement.scrollWidth, viewport, culprits };
  });
  return measured.scrollWidth > measured.viewport ? `${width} px: ${measured.scrollWidth} px wide; ${measured.culprits.join(' | ')}` : undefined;
}

/** axe-core's serious and critical violations on a loaded page (runs last: it adds its script to the page). */
async function axeViolations(page: Page, width: number): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: { resultTypes: string[] }) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    // resultTypes: only violations are read, so axe skips building selectors for every passing node.
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
  return violations.map((violation) => `${width} px: ${violation}`);
}

interface Measured {
  width?: string | undefined;
  axe?: string[];
}

/**
 * One load of a page type on a phone (390 px, then narrowed to 360) or a desktop (1280 px),
 * measured for what its tests ask; shared by the tests of both describes.
 */
const measured = new Map<string, Promise<Partial<Record<360 | 390 | 1280, Measured>>>>();
const turns = new Map<'phone' | 'desktop', Promise<void>>();
function measureLoad(path: string, device: 'phone' | 'desktop'): Promise<Partial<Record<360 | 390 | 1280, Measured>>> {
  const key = `${device} ${path}`;
  let found = measured.get(key);
  if (!found) {
    const width = device === 'phone' ? 390 : 1280;
    // Loads of one device take turns on its tab.
    const previous = turns.get(device) ?? Promise.resolve();
    found = previous.then(async () => {
      const page = await open(path, width, await measuringTab(width));
      if (device === 'desktop') return { 1280: { axe: await axeViolations(page, 1280) } };
      const at390 = await widthProblem(page, 390);
      await page.setViewportSize({ width: 360, height: 800 });
      const at360 = await widthProblem(page, 360);
      await page.setViewportSize({ width: 390, height: 800 });
      return { 360: { width: at360 }, 390: { width: at390, axe: await axeViolations(page, 390) } };
    });
    turns.set(device, found.then(() => undefined, () => undefined));
    measured.set(key, found);
  }
  return found;
}
async function measure(path: string, width: 360 | 390 | 1280): Promise<Measured> {
  return (await measureLoad(path, width === 1280 ? 'desktop' : 'phone'))[width] ?? {};
}

// One test per page type, so each has its own time budget on a loaded machine.
describe('phones: no page wider than a 360 or 390 px screen', () => {
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    it(`${type} (/${path})`, async () => {
      const problems = [];
      for (const width of [360, 390] as const) {
        const result = await measure(path, width);
        problems.push('width' in result ? result.width : `${width} px: not measured`);
      }
      expect(problems.filter(Boolean)).toEqual([]);
    });
  }
});

describe('accessibility: axe-core finds no serious or critical violation at 390 and 1280 px', () => {
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    it(`${type} (/${path})`, async () => {
      expect([...((await measure(path, 390)).axe ?? ['390 px: not measured']), ...((await measure(path, 1280)).axe ?? ['1280 px: not measured'])]).toEqual([]);
    });
  }
});

describe('the year page timetable', () => {
  it('shows parallel programs side by side on a desktop and as a list in time order on a phone', async () => {
    const boxes = async (width: number) => {
      const page = await open('2024/', width);
      const day = page.locator('section', { has: page.locator('#day-2024-11-26') });
      const dnsDay = await day.locator('.tt-slot', { hasText: 'DNS DAY' }).boundingBox();
      const lunch = await day.locator('.tt-slot', { hasText: 'ゼロトラスト' }).boundingBox();
      const rooms = await day.locator('.tt-room').evaluateAll((cells) => cells.filter((cell) => getComputedStyle(cell).display !== 'none').map((cell) => cell.textContent));
      await page.close();
      if (!dnsDay || !lunch) throw new Error('timetable slots not found');
      return { dnsDay, lunch, rooms };
    };
    const desktop = await boxes(1280);
    expect(desktop.rooms).toEqual(['ヒューリックホール', 'ヒューリックカンファレンス Room 1']);
    expect(desktop.lunch.x).toBeGreaterThanOrEqual(desktop.dnsDay.x + desktop.dnsDay.width);
    // 12:00–12:50 lies within 10:00–17:30: the boxes overlap vertically.
    expect(desktop.lunch.y).toBeGreaterThan(desktop.dnsDay.y);
    expect(desktop.lunch.y + desktop.lunch.height).toBeLessThan(desktop.dnsDay.y + desktop.dnsDay.height);

    const phone = await boxes(390);
    expect(phone.rooms).toEqual([]);
    expect(phone.lunch.y).toBeGreaterThanOrEqual(phone.dnsDay.y + phone.dnsDay.height);
    expect(phone.lunch.x).toBe(phone.dnsDay.x);
  });

  it('lists a program of a known day but unknown time after the grid, and links the year’s calendar', async () => {
    const page = await open('2024/', 1280);
    const day = page.locator('section', { has: page.locator('#day-2024-11-19') });
    expect(await day.locator('h4').textContent()).toBe('時刻不明');
    expect(await day.locator('.program-list').textContent()).toContain('インターネット業界の今をのぞいてみよう');
    const href = await page.getByRole('link', { name: /iCalendar/u }).getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(response.headers()['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.uid)).toContain('iw2024-d2@internetweek-archive');
    expect(events.find((event) => event.uid === 'iw2024-o1@internetweek-archive')?.startDate.isDate).toBe(true);
    await page.close();
  });
});

describe('reading a deck', () => {
  const deck = '2024/o1/o1-mawatari/';

  it('joins the lines the PDF broke mid-sentence and keeps the title and bullets apart', async () => {
    const page = await open(deck, 1280);
    const slide2 = (await page.locator('section.slide', { has: page.locator('#p2') }).locator('.slide-text').textContent()) ?? '';
    expect(slide2.split('\n')).toContain('2008年10月に JPIX に入社し、IX 技術部、および、グローバルビジネス部に所属しております');
    expect(slide2.split('\n')[0]).toBe('自己紹介');
    await page.close();
  });

  it('marks the searched words on the slide a search result opened, and leaves the page alone without a query', async () => {
    const page = await open(`${deck}?q=${encodeURIComponent('トラフィック')}#p9`, 1280);
    await page.locator('#p9 ~ .slide-text mark.search-hit').first().waitFor();
    const marks = await page.locator('section.slide', { has: page.locator('#p9') }).locator('mark.search-hit').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((text) => text === 'トラフィック')).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('#p9');
    await page.close();

    const highlighted = await open(`${deck}?pagefind-highlight=${encodeURIComponent('ＩＸ')}`, 390);
    expect(await highlighted.locator('mark.search-hit').count()).toBeGreaterThan(0);
    await highlighted.close();

    const plain = await open(deck, 390);
    expect(await plain.locator('mark').count()).toBe(0);
    await plain.close();
  });

  it('gives every slide a visible permalink and a larger view that works without script', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(new URL(deck, server.url).href);
    const permalink = page.getByRole('link', { name: 'スライド 9 へのリンク' });
    expect(await permalink.isVisible()).toBe(true);
    expect(await permalink.getAttribute('href')).toBe('#p9');

    const slide = page.locator('section.slide', { has: page.locator('#p9') });
    const large = slide.locator('details.slide-large img');
    expect(await large.getAttribute('loading')).toBe('lazy');
    expect(Number(await large.getAttribute('width'))).toBeGreaterThan(Number(await slide.locator('img').first().getAttribute('width')));
    await slide.locator('details.slide-large summary').click();
    await expect.poll(() => large.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(240);
    const zoomHref = await slide.locator('a:has(img)').getAttribute('href');
    expect(zoomHref).toBe(await large.getAttribute('src'));
    const response = await page.request.get(new URL(zoomHref ?? '', page.url()).href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/webp');
    await context.close();
  });
});
