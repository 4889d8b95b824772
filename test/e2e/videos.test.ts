/**
 * The video player on a real build of the sample archive, in Chromium: a page
 * with a video makes no request to any other host until the reader clicks
 * play; then exactly the youtube-nocookie embed is asked for. Requests leaving
 * localhost are recorded and aborted, so nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serve, type RunningServer } from '../../scripts/mirror/serve.ts';
import { sampleSite } from '../helpers/sample-site.ts';
import { launchBrowser } from '../helpers/browser.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const site = sampleSite();
  expect(site.status).toBe(0);
  server = await serve(site.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Stands in for the YouTube player: answers the IFrame API's "listening" message as the real one does. */
const STAND_IN_PLAYER = `<!doctype html><title>player</title><script>
addEventListener('message', (event) => { if (String(event.data).includes('listening')) parent.postMessage(JSON.stringify({ event: 'onReady', id: 1, channel: 'widget' }), '*'); });
</script>`;

/** Requests leaving localhost are recorded; the player host answers with a stand-in page when `playerReachable`, else nothing does (offline). */
async function openRecording(path: string, playerReachable = false): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage();
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') await route.continue();
    else {
      outside.push(url.href);
      if (playerReachable && url.hostname === 'www.youtube-nocookie.com') await route.fulfill({ status: 200, contentType: 'text/html', body: STAND_IN_PLAYER });
      else await route.abort();
    }
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  return { page, outside };
}

describe('videos on program pages', () => {
  it('asks nothing of the video host until play is clicked, then only the privacy-enhanced embed', async () => {
    const { page, outside } = await openRecording('2024/o1/', true);
    const player = page.locator('figure.video').first();
    await expect(player.count()).resolves.toBeGreaterThan(0);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(outside).toEqual([]);

    const watch = await player.locator('a[href^="https://www.youtube.com/watch"]').first().getAttribute('href');
    expect(watch).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=[\w-]+/u);

    await player.getByRole('button').first().click();
    const iframe = page.locator('iframe');
    await iframe.first().waitFor({ state: 'attached' });
    expect(await iframe.first().getAttribute('src')).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+\?.*autoplay=1/u);
    // The player answered: it stays, with no "cannot load" message.
    await player.locator('[data-player="ready"]').waitFor();
    expect(await player.locator('.video-unavailable').count()).toBe(0);
    expect(await iframe.count()).toBe(1);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((url) => url.startsWith('https://www.youtube-nocookie.com/embed/'))).toBe(true);
    await page.close();
  });

  it('offline, says the player cannot load and keeps the link to the video instead of a broken frame', async () => {
    const { page, outside } = await openRecording('2024/o1/');
    // The player gives the frame seconds to answer (public/assets/video-player.js): the page's
    // clock is moved past its longest wait instead of the test waiting them out.
    await page.clock.install();
    const player = page.locator('figure.video').first();
    const watch = await player.locator('a.video-watch').getAttribute('href');
    await player.getByRole('button', { name: /^動画を再生/u }).click();
    const message = player.locator('.video-unavailable');
    await page.clock.runFor(30_000);
    await message.waitFor();
    expect(await player.locator('[data-player]').getAttribute('data-player')).toBe('unavailable');
    expect(await message.textContent()).toContain('動画プレーヤーを読み込めませんでした');
    expect(await message.locator('a').getAttribute('href')).toBe(watch);
    expect(await player.locator('a.video-watch').getAttribute('href')).toBe(watch);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(outside.every((url) => url.startsWith('https://www.youtube-nocookie.com/embed/'))).toBe(true);
    await page.close();
  });

  it('lists the videos compactly by year and series, one line each, with no player on the list', async () => {
    const { page } = await openRecording('videos/');
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.length).toBeGreaterThan(1);
    expect(headings.some((heading) => /^Internet Week \d{4}$/u.test(heading))).toBe(true);
    const rows = page.locator('.video-list > li');
    expect(await rows.count()).toBe(await page.locator('[data-video-id]').count());
    expect(await page.locator('.video-play').count()).toBe(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height / (await rows.count())).toBeLessThan(200);
    await page.close();
  });

  it('links chapters to their timestamps, and the video list makes no outside request either', async () => {
    const { page, outside } = await openRecording('videos/');
    const chapterLinks = await page.locator('a[href*="&t="]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(chapterLinks.length).toBeGreaterThan(0);
    for (const href of chapterLinks) expect(href).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=[\w-]+&t=\d+s$/u);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(outside).toEqual([]);
    await page.close();
  });
});
