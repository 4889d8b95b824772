/**
 * The video player on a real build of the sample archive, in Chromium: a page
 * with a video makes no request to any other host until the reader clicks
 * play; then exactly the youtube-nocookie embed is asked for. Requests leaving
 * localhost are recorded and aborted, so nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serve, type RunningServer } from '../../scripts/serve.ts';
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

async function openRecording(path: string): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage();
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') await route.continue();
    else {
      outside.push(url.href);
      await route.abort();
    }
  });
  await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
  return { page, outside };
}

describe('videos on program pages', () => {
  it('asks nothing of the video host until play is clicked, then only the privacy-enhanced embed', async () => {
    const { page, outside } = await openRecording('2024/o1/');
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
    await expect.poll(() => outside.length).toBeGreaterThan(0);
    expect(outside.every((url) => url.startsWith('https://www.youtube-nocookie.com/embed/'))).toBe(true);
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
