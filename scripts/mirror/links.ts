/**
 * Finds internal links in a built site that lead nowhere: a missing file, or a
 * missing #anchor on an existing page. External (http:, mailto:) links are
 * listed separately, since an offline mirror must not depend on them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from './manifest.ts';

export interface LinkReport {
  checked: number;
  broken: { page: string; href: string; reason: string }[];
  external: { page: string; href: string }[];
}

const ATTRIBUTE = /\s(?:href|src|action)="([^"]*)"/gu;
const ID = /\sid="([^"]+)"/gu;

function decodeEntities(value: string): string {
  return value.replace(/&amp;/gu, '&').replace(/&quot;/gu, '"').replace(/&#39;/gu, "'");
}

function targetFile(root: string, sitePath: string): string | null {
  const file = path.join(root, sitePath);
  if (!file.startsWith(root)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) {
    const index = path.join(file, 'index.html');
    return existsSync(index) ? index : null;
  }
  return existsSync(file) ? file : null;
}

export function checkLinks(outDir: string): LinkReport {
  const root = path.resolve(outDir);
  const report: LinkReport = { checked: 0, broken: [], external: [] };
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let found = ids.get(file);
    if (!found) {
      found = new Set([...readFileSync(file, 'utf8').matchAll(ID)].map((match) => match[1] ?? ''));
      ids.set(file, found);
    }
    return found;
  };
  // 404.html is served at any depth, so it links from the base; checked on its own in the tests.
  for (const page of listFiles(root).filter((name) => name.endsWith('.html') && name !== '404.html')) {
    const html = readFileSync(path.join(root, page), 'utf8');
    const pageUrl = new URL(page, 'http://mirror.invalid/');
    for (const match of html.matchAll(ATTRIBUTE)) {
      const href = decodeEntities(match[1] ?? '');
      if (/^(https?:|mailto:)/iu.test(href)) {
        report.external.push({ page, href });
        continue;
      }
      if (href.startsWith('/')) {
        report.broken.push({ page, href, reason: 'absolute path: breaks under another base path' });
        continue;
      }
      report.checked += 1;
      const url = new URL(href, pageUrl);
      if (url.host !== 'mirror.invalid') continue;
      const file = targetFile(root, decodeURIComponent(url.pathname));
      if (!file) {
        report.broken.push({ page, href, reason: 'no such file' });
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && file.endsWith('.html') && !idsOf(file).has(anchor)) {
        report.broken.push({ page, href, reason: `no element with id "${anchor}"` });
      }
    }
  }
  return report;
}
