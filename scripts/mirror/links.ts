/**
 * Checks the built site the way a reader clicking through it would, with a real HTML
 * parser (htmlparser2): every internal link, image, script, stylesheet and form target
 * must lead to a file (a folder link is an error: opened from disk it shows a folder
 * listing), every #anchor to an element with that id, and every inline script and style
 * must be allowed by the page's Content-Security-Policy (else the browser blocks it).
 * External links are listed, never fetched: the mirror must not depend on them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import type { Problem } from '../../src/lib/problems.ts';
import { listFiles } from './manifest.ts';

export interface LinkReport {
  /** Internal URLs checked (links, assets, anchors). */
  checked: number;
  broken: { page: string; href: string; reason: string }[];
  external: { page: string; href: string }[];
}

/** Attributes that hold a URL the browser follows or loads. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src'],
  iframe: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  form: ['action'],
};

/** <script type> values browsers execute ("" is no type attribute). */
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript', 'application/ecmascript']);

interface ParsedPage {
  ids: Set<string>;
  urls: { tag: string; url: string }[];
  /** Content of inline <script> (without src) and <style> elements. */
  inline: { tag: 'script' | 'style'; text: string }[];
  policy: string | null;
  /** style="…" and on…="…" attributes, which the CSP blocks. */
  blockedAttributes: string[];
}

function parsePage(html: string): ParsedPage {
  const page: ParsedPage = { ids: new Set(), urls: [], inline: [], policy: null, blockedAttributes: [] };
  let open: { tag: 'script' | 'style'; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes['id'] !== undefined) page.ids.add(attributes['id']);
        // Inline style and event-handler attributes are blocked by a CSP without 'unsafe-inline': use classes and scripts.
        for (const attribute of Object.keys(attributes)) {
          if (attribute === 'style' || /^on[a-z]+$/u.test(attribute)) page.blockedAttributes.push(`<${name} ${attribute}>`);
        }
        if (name === 'a' && attributes['name'] !== undefined) page.ids.add(attributes['name']);
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value !== undefined) page.urls.push({ tag: name, url: value });
        }
        if (name === 'img' && attributes['srcset']) {
          for (const candidate of attributes['srcset'].split(',')) {
            const url = candidate.trim().split(/\s+/u)[0];
            if (url) page.urls.push({ tag: name, url });
          }
        }
        if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'content-security-policy') {
          page.policy = attributes['content'] ?? null;
        }
        // Only code the browser runs is subject to the CSP: not data blocks such as JSON-LD.
        const runs = name === 'script' && attributes['src'] === undefined && EXECUTABLE_SCRIPT_TYPES.has((attributes['type'] ?? '').trim().toLowerCase());
        if (runs || name === 'style') open = { tag: name, text: '' };
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag(name) {
        if (open && open.tag === name) {
          page.inline.push(open);
          open = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return page;
}

function targetFile(root: string, sitePath: string): { file: string } | { folder: true } | null {
  const file = path.join(root, sitePath);
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) return null;
  if (!existsSync(file)) return null;
  return statSync(file).isDirectory() ? { folder: true } : { file };
}

/** targetFile over a list of the output's files (paths relative to `root`, with '/') instead of the disk. */
function outputIndex(root: string, names: readonly string[]): (sitePath: string) => ReturnType<typeof targetFile> {
  const files = new Set(names);
  const folders = new Set<string>(['']);
  for (const name of names) for (let at = name.lastIndexOf('/'); at > 0; at = name.lastIndexOf('/', at - 1)) folders.add(name.slice(0, at));
  return (sitePath) => {
    const file = path.join(root, sitePath);
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return null;
    const name = path.relative(root, file).split(path.sep).join('/');
    if (files.has(name)) return { file };
    return folders.has(name) ? { folder: true } : null;
  };
}

const HOST = 'mirror.invalid';

/**
 * One page's findings; the pages whose ids its anchors were checked against (output path → their
 * SHA-256); and what each path it links to was (f file, d folder, n nothing), so that a page is
 * checked again only when one of those changed.
 */
interface PageCheck {
  checked: number;
  broken: LinkReport['broken'];
  external: LinkReport['external'];
  ids: string[];
  deps: Record<string, string>;
  targets: string[];
}

/** What a previous check found, page by page, for the files it saw (scripts/build/integration.ts keeps it in the cache). */
interface LinkCache {
  format: string;
  pages: Record<string, PageCheck & { sha256: string }>;
}

const LINK_CACHE_FORMAT = 'iw-links/2';

export interface IncrementalLinks {
  /** Every file of the output with its SHA-256 (the manifest's record). */
  files: Record<string, { sha256?: string }>;
  /** Where each page's findings are kept between builds: an unchanged page among unchanged files is not parsed again. */
  cacheFile: string;
}

export function checkLinks(outDir: string, incremental?: IncrementalLinks): LinkReport {
  const root = path.resolve(outDir);
  const report: LinkReport = { checked: 0, broken: [], external: [] };
  const names = incremental ? Object.keys(incremental.files).sort() : listFiles(root);
  const shaOf = (name: string) => incremental?.files[name]?.sha256 ?? '';
  let cache: LinkCache | undefined;
  if (incremental) {
    try {
      cache = JSON.parse(readFileSync(incremental.cacheFile, 'utf8')) as LinkCache;
      if (cache.format !== LINK_CACHE_FORMAT) cache = undefined;
    } catch {
      cache = undefined;
    }
  }
  const pages: LinkCache['pages'] = {};
  // Only the ids of each page are kept (anchors are checked against them); at full archive size
  // keeping every parsed page would hold all links of all pages in memory.
  const idsByFile = new Map<string, Set<string>>();
  const idsOf = (name: string): Set<string> => {
    let ids = idsByFile.get(name);
    if (!ids) {
      const known = cache?.pages[name];
      ids = known && incremental && known.sha256 === shaOf(name) ? new Set(known.ids) : parsePage(readFileSync(path.join(root, name), 'utf8')).ids;
      idsByFile.set(name, ids);
    }
    return ids;
  };
  // Most links of a page are the same navigation links as on every other page: look each target up once.
  const targets = new Map<string, ReturnType<typeof targetFile>>();
  // With the output's record at hand, a target is looked up in it rather than on disk (thousands of stats at full size).
  const listed = incremental ? outputIndex(root, names) : undefined;
  const targetOf = (sitePath: string) => {
    if (!targets.has(sitePath)) targets.set(sitePath, listed ? listed(sitePath) : targetFile(root, sitePath));
    return targets.get(sitePath) ?? null;
  };
  for (const name of names.filter((file) => file.endsWith('.html'))) {
    const known = cache?.pages[name];
    // The same page, what it links to as it was, its anchors' pages unchanged: the same findings.
    const reuse =
      known &&
      known.sha256 === shaOf(name) &&
      Object.entries(known.deps).every(([dep, sha]) => shaOf(dep) === sha) &&
      known.targets.every((target) => targetKind(targetOf(target.slice(2))) === target[0]);
    const result = reuse ? known : checkPage(root, name, targetOf, idsOf, shaOf);
    if (!reuse) idsByFile.set(name, new Set(result.ids));
    if (incremental) pages[name] = { ...result, sha256: shaOf(name) };
    report.checked += result.checked;
    report.broken.push(...result.broken);
    report.external.push(...result.external);
  }
  if (incremental) {
    mkdirSync(path.dirname(incremental.cacheFile), { recursive: true });
    const temp = `${incremental.cacheFile}.${process.pid}`;
    writeFileSync(temp, JSON.stringify({ format: LINK_CACHE_FORMAT, pages } satisfies LinkCache));
    renameSync(temp, incremental.cacheFile);
  }
  return report;
}

function targetKind(target: ReturnType<typeof targetFile>): string {
  return !target ? 'n' : 'folder' in target ? 'd' : 'f';
}

function checkPage(root: string, name: string, targetOf: (sitePath: string) => ReturnType<typeof targetFile>, idsOf: (name: string) => Set<string>, shaOf: (name: string) => string): PageCheck {
  const page = parsePage(readFileSync(path.join(root, name), 'utf8'));
  const result: PageCheck = { checked: 0, broken: [], external: [], ids: [...page.ids], deps: {}, targets: [] };
  const seen = new Set<string>();
  const pageUrl = new URL(name, `http://${HOST}/`);
  for (const { url: href } of page.urls) {
    if (/^(https?:|mailto:)/iu.test(href)) {
      result.external.push({ page: name, href });
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/iu.test(href)) {
      result.broken.push({ page: name, href, reason: 'a URL scheme a mirror cannot serve' });
      continue;
    }
    if (href.startsWith('/')) {
      result.broken.push({ page: name, href, reason: 'absolute path: breaks under another base path and from disk' });
      continue;
    }
    result.checked += 1;
    const url = new URL(href, pageUrl);
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(url.pathname);
    } catch {
      result.broken.push({ page: name, href, reason: 'malformed percent-encoding' });
      continue;
    }
    const target = targetOf(sitePath);
    if (!seen.has(sitePath)) {
      seen.add(sitePath);
      result.targets.push(`${targetKind(target)}:${sitePath}`);
    }
    if (!target) {
      result.broken.push({ page: name, href, reason: 'no such file' });
      continue;
    }
    if ('folder' in target) {
      result.broken.push({ page: name, href, reason: 'links to a folder: from disk the browser shows a folder listing; link its index.html' });
      continue;
    }
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (anchor && target.file.endsWith('.html')) {
      const targetName = path.relative(root, target.file).split(path.sep).join('/');
      result.deps[targetName] = shaOf(targetName);
      const ids = targetName === name ? page.ids : idsOf(targetName);
      if (!ids.has(anchor)) result.broken.push({ page: name, href, reason: `no element with id "${anchor}"` });
    }
  }
  for (const attribute of new Set(page.blockedAttributes)) {
    result.broken.push({ page: name, href: attribute, reason: 'inline attribute blocked by the Content-Security-Policy: use a class or a script file' });
  }
  const policy = page.policy;
  for (const { tag, text } of page.inline) {
    if (tag === 'script' && text.trim() === '') continue;
    const hash = `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    if (policy === null) {
      result.broken.push({ page: name, href: `<${tag}>`, reason: 'page has no Content-Security-Policy meta tag' });
    } else if (!policy.includes(hash)) {
      result.broken.push({ page: name, href: `<${tag}> ${hash}`, reason: 'inline content not allowed by the page\'s Content-Security-Policy: the browser would block it' });
    }
  }
  return result;
}

/**
 * The build's link check: problems for the build report, and the external links
 * listed in REPORT_DIR/external-links.json (page and URL, sorted) for people to review.
 */
export function checkSiteLinks(outDir: string, reportDir: string, incremental?: IncrementalLinks): Problem[] {
  const report = checkLinks(outDir, incremental);
  const external = [...report.external].sort((a, b) => a.href.localeCompare(b.href) || a.page.localeCompare(b.page));
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(path.join(reportDir, 'external-links.json'), `${JSON.stringify({ checked: report.checked, external }, null, 1)}\n`);
  return report.broken.map(({ page, href, reason }) => ({ file: `${path.basename(outDir)}/${page}`, kind: 'build', message: `link ${JSON.stringify(href)}: ${reason}` }));
}
