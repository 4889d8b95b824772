/**
 * Search benchmark: index time, peak memory of the indexing (the Pagefind
 * process, and this Node process) and bytes a browser downloads for a first
 * query, for a built sample site and for a generated full-size archive (1,000
 * programs, 3,000 decks, 90,000 slide pages of Japanese text written straight
 * into HTML pages shaped like the real ones), sharded as the build does and
 * unsharded for comparison. Writes the "## Search" section of BENCHMARKS.md.
 *
 *   node scripts/tools/bench/search.ts --sample dist [--programs 1000] [--decks 3] [--slides 30] [--chars 200]
 *     [--compare unsharded,3000000]   (other shard budgets to index and measure besides the build default; "unsharded" = one run)
 *     [--no-unsharded]                (same as --compare '')
 *     [--queries 'データセンタ 冷却,zzqxvw']   (more first queries on the generated archive, in their own table)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchPage } from '../../../src/lib/search/describe.ts';
import { eraOf } from '../../../src/lib/search/describe.ts';
import { searchIndexHtml } from '../../../src/lib/search/markup.ts';
import { SLIDE_INDEX_CHARS } from '../../../src/lib/search/region.ts';
import { serve } from '../../mirror/serve.ts';
import { buildSearchIndex, DEFAULT_SHARD_CHARS, type SearchIndexResult } from '../../search/index.ts';
import { writeBarePage } from './search-browser.ts';

const PROJECT = path.resolve(import.meta.dirname, '../../..');

export interface IndexRun {
  label: string;
  shardChars: number;
  ms: number;
  shards: number;
  chars: number;
  pages: number;
  /** Peak RSS of the largest Pagefind process (bytes). */
  pagefindPeak: number;
  /** Peak RSS of the Node process running the indexer (bytes). */
  nodePeak: number;
  bundleBytes: number;
  problems: number;
}

export interface QueryBytes {
  query: string;
  results: number;
  /** Everything the browser fetched for the search page and the first query. */
  total: number;
  /** Only the search runtime and index (pagefind*, assets/search*). */
  search: number;
  requests: number;
  /** Page clock: navigation start to the results on screen (the search page's 'iw-search-results' mark), ms. */
  ms: number;
  /** Of which after DOMContentLoaded of the search page, ms. */
  searchMs: number;
  /** Bytes transferred (resource timing) until the results are on screen; the rest is background work (facet counts). */
  firstBytes: number;
}

/** Runs the indexer in a child process over a built folder and returns its measurements. */
export function measureIndex(outDir: string, pagesFile: string, shardChars: number, label: string): IndexRun {
  const child = spawnSync(process.execPath, [path.join(import.meta.dirname, 'search.ts'), '--index-only', outDir, '--pages-file', pagesFile, '--shard-chars', String(shardChars)], {
    cwd: PROJECT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`indexer failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { stats: SearchIndexResult['stats']; problems: number; nodePeak: number };
  return {
    label,
    shardChars,
    ms: result.stats.ms,
    shards: result.stats.shards.length,
    chars: result.stats.chars,
    pages: result.stats.pages,
    pagefindPeak: result.stats.peakRss,
    nodePeak: result.nodePeak,
    bundleBytes: result.stats.bundleBytes,
    problems: result.problems,
  };
}

/** Bytes Chromium downloads to open the search page with `query` and show its results (page network events). */
export async function measureFirstQuery(outDir: string, query: string, pagePath = 'search/'): Promise<QueryBytes> {
  const server = await serve(outDir, { base: '/' });
  const { launchChromium } = await import('../chromium.ts');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const sizes: Promise<{ url: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      // Chromium reports no body size for a worker's script: take its Content-Length then.
      sizes.push(
        Promise.all([request.sizes(), request.response()]).then(([size, response]) => ({
          url: request.url(),
          bytes: (size.responseBodySize || Number(response?.headers()['content-length'] ?? 0)) + size.responseHeadersSize,
        })),
      );
    });
    await page.goto(`${server.url}${pagePath}?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => ['done', 'empty', 'error'].includes(document.getElementById('search')?.dataset.state ?? ''), null, { timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    const results = await page.$$eval('.search-result', (items) => items.length);
    const clock = await page.evaluate(() => ({
      mark: performance.getEntriesByName('iw-search-results')[0]?.startTime ?? Number.NaN,
      ready: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? 0,
      firstBytes: (() => {
        const mark = performance.getEntriesByName('iw-search-results')[0]?.startTime ?? Number.POSITIVE_INFINITY;
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.responseEnd <= mark);
        return (navigation?.transferSize ?? 0) + resources.reduce((sum, entry) => sum + entry.transferSize, 0);
      })(),
    }));
    const all = await Promise.all(sizes);
    const isSearch = (url: string) => /\/pagefind[^/]*\//u.test(new URL(url).pathname);
    return {
      query,
      results,
      total: all.reduce((sum, item) => sum + item.bytes, 0),
      search: all.filter((item) => isSearch(item.url)).reduce((sum, item) => sum + item.bytes, 0),
      requests: all.length,
      ms: Math.round(clock.mark),
      searchMs: Math.round(clock.mark - clock.ready),
      firstBytes: clock.firstBytes,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// ---- generated full-size archive -------------------------------------------------

const WORDS = (
  'インターネット ネットワーク 運用 経路 ルーティング BGP DNS サーバ セキュリティ 脆弱性 対策 攻撃 防御 監視 ログ 解析 ' +
  'IPv6 IPv4 アドレス 枯渇 移行 相互接続 IX トランジット ピアリング RPKI ROA 検証 署名 鍵 証明書 認証 暗号 TLS HTTP ' +
  'クラウド 仮想化 コンテナ 自動化 設定 管理 障害 対応 事例 報告 統計 調査 標準化 IETF RFC ドラフト ガバナンス ICANN ' +
  'ドメイン名 レジストリ レジストラ 登録 料金 政策 議論 パネル 質疑 まとめ 背景 課題 今後 展望 提案 実装 評価 性能 ' +
  '帯域 遅延 品質 トラフィック 増加 モバイル 無線 光ファイバ データセンタ 電力 冷却 コスト 人材 育成 教育 コミュニティ ' +
  'メール 迷惑 フィッシング マルウェア ボットネット DDoS 緩和 フィルタ ファイアウォール ゼロトラスト 境界 端末 利用者'
).split(' ');
const PARTICLES = ['の', 'を', 'に', 'と', 'が', 'で', 'は', 'から', 'による', 'における'];
const ENDINGS = ['について説明します。', 'を検討しました。', 'が課題です。', 'の現状', 'を紹介します。', 'の比較', 'に関する考察', '。'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number, chars: number): string {
  let text = '';
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  while (text.length < chars) {
    const parts = 2 + Math.floor(next() * 4);
    for (let i = 0; i < parts; i++) text += pick(WORDS) + (i < parts - 1 ? pick(PARTICLES) : '');
    text += `${pick(ENDINGS)}\n`;
  }
  return text;
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><header><nav>年一覧 講演者 動画 検索</nav></header><main id="main" class="wrap" data-pagefind-body>${body}</main><footer>Internet Week アーカイブ</footer></body></html>`;
}

export interface GeneratedArchive {
  outDir: string;
  pagesFile: string;
  programs: number;
  decks: number;
  slides: number;
}

/**
 * Writes program and deck pages like the site's into `outDir`, spread over 1997–2025,
 * plus the search page and its assets copied from a built site (`template`).
 */
export function generateArchive(outDir: string, template: string, options: { programs: number; decksPerProgram: number; slidesPerDeck: number; charsPerSlide: number }): GeneratedArchive {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const part of ['search', 'assets', 'index.html']) {
    if (existsSync(path.join(template, part))) cpSync(path.join(template, part), path.join(outDir, part), { recursive: true });
  }
  const next = random(20261122);
  const pages: SearchPage[] = [];
  let slides = 0;
  const years = 2025 - 1997 + 1;
  for (let n = 0; n < options.programs; n++) {
    const year = 1997 + (n % years);
    const code = `T${Math.floor(n / years) + 1}`;
    const slug = code.toLowerCase();
    const date = `${year}-11-${String(18 + (n % 10)).padStart(2, '0')}`;
    const title = sentence(next, 14).split('\n')[0] ?? code;
    const speaker = `講演者${n % 400}`;
    const abstract = sentence(next, 300);
    const filters = { year: [String(year)], era: [eraOf(year)], type: ['チュートリアル'], speaker: [speaker], affiliation: [`組織${n % 90}`], video: [n % 3 === 0 ? 'あり' : 'なし'] };
    const programPath = `/${year}/${slug}/`;
    const programPage: SearchPage = {
      path: programPath,
      kind: 'program',
      year,
      date,
      filters: { kind: ['プログラム'], ...filters, slides: ['あり'], lang: ['日本語'] },
      meta: { title, year: String(year), code, kind: 'program', speakers: speaker },
      regions: [
        { id: 'title', text: `${code} ${title}`, weight: 10 },
        { id: 'speakers', text: speaker, weight: 5 },
        { id: 'abstract', text: abstract },
      ],
    };
    mkdirSync(path.join(outDir, String(year), slug), { recursive: true });
    // Pages shaped like the templates write them: the search regions (src/lib/search/markup.ts), then the visible page, ignored.
    writeFileSync(
      path.join(outDir, String(year), slug, 'index.html'),
      shell(title, `${searchIndexHtml(programPage)}<article data-pagefind-ignore><h1><span class="code">${code}</span> ${escape(title)}</h1><dl><dt>講演者</dt><dd>${speaker}</dd></dl><section class="abstract"><h2 id="abstract">概要</h2><p>${escape(abstract)}</p></section></article>`),
    );
    pages.push(programPage);
    for (let d = 1; d <= options.decksPerProgram; d++) {
      const deckSlug = `deck${d}`;
      const sections: string[] = [];
      const texts: string[] = [];
      for (let s = 1; s <= options.slidesPerDeck; s++) {
        const length = Math.round(options.charsPerSlide * (0.4 + next() * 1.2));
        const text = sentence(next, length);
        texts.push(text);
        sections.push(`<section class="slide"><div><h2 id="p${s}">スライド ${s}</h2><p class="slide-text">${escape(text)}</p></div></section>`);
        slides += 1;
      }
      const deckPage: SearchPage = {
        path: `${programPath}${deckSlug}/`,
        kind: 'deck',
        year,
        date,
        filters: { kind: ['スライド'], ...filters, slides: ['あり'], lang: ['日本語'] },
        meta: { title: `${title} 資料${d}`, program: `${code} ${title}`, year: String(year), code, kind: 'deck', speakers: speaker },
        regions: [{ id: 'title', text: `${title} 資料${d}`, weight: 3 }, ...texts.map((text, index) => ({ id: `p${index + 1}`, text, weight: 0.5, limit: SLIDE_INDEX_CHARS }))],
      };
      mkdirSync(path.join(outDir, String(year), slug, deckSlug), { recursive: true });
      writeFileSync(path.join(outDir, String(year), slug, deckSlug, 'index.html'), shell(`${title} 資料${d}`, `${searchIndexHtml(deckPage)}<article data-pagefind-ignore><h1>${escape(title)} 資料${d}</h1>${sections.join('')}</article>`));
      pages.push(deckPage);
    }
  }
  const pagesFile = path.join(outDir, '..', 'search-pages.json');
  writeFileSync(pagesFile, JSON.stringify(pages));
  return { outDir, pagesFile, programs: options.programs, decks: options.programs * options.decksPerProgram, slides };
}

// ---- report ----------------------------------------------------------------------

const MB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const KB = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function searchSection(rows: { corpus: string; run: IndexRun; query?: QueryBytes; more?: QueryBytes[] }[], notes: string[]): string {
  const more = rows.filter((row) => (row.more ?? []).length > 0);
  return [
    '## Search',
    '',
    `Measured by \`node scripts/tools/bench/search.ts\` on ${new Date().toISOString().slice(0, 10)} (2 shared cores). Peak memory: the Pagefind process of the largest shard (VmHWM) and the Node process running the indexer. First query: bytes Chromium fetched (page network events) to open \`search/?q=…\` and show results, text compressed as scripts/mirror/serve.ts sends it; "search" counts only pagefind*/ (the search page's script is inlined in its HTML).`,
    '',
    '| corpus | index | shards | pages | indexed chars | time | Pagefind peak | Node peak | bundle | first query (search / total) | results on screen (after DOMContentLoaded) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ corpus, run, query }) =>
      `| ${corpus} | ${run.label} | ${run.shards} | ${run.pages} | ${run.chars.toLocaleString('en')} | ${(run.ms / 1000).toFixed(1)} s | ${MB(run.pagefindPeak)} | ${MB(run.nodePeak)} | ${MB(run.bundleBytes)} | ${query ? `${KB(query.firstBytes)} until results on screen; ${KB(query.search)} / ${KB(query.total)} in all (${query.requests} requests, ${query.results} results for 「${query.query}」)` : '—'} | ${query ? `${query.ms} ms (${query.searchMs} ms)` : '—'} |`,
    ),
    '',
    ...(more.length > 0
      ? [
          'Other first queries on the same sites (each in a fresh browser):',
          '',
          '| corpus | index | query | first query (search / total) | results on screen (after DOMContentLoaded) |',
          '|---|---|---|---|---|',
          ...more.flatMap(({ corpus, run, more: queries }) =>
            (queries ?? []).map((query) => `| ${corpus} | ${run.label} | 「${query.query}」 | ${KB(query.firstBytes)} until results on screen; ${KB(query.search)} / ${KB(query.total)} in all (${query.requests} requests, ${query.results} results) | ${query.ms} ms (${query.searchMs} ms) |`),
          ),
          '',
        ]
      : []),
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

/** Replaces (or appends) the "## Search" section of BENCHMARKS.md. */
export function writeSearchSection(file: string, section: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.search(/^## Search\s*$/mu);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const rest = current.slice(start + 3);
    const end = rest.search(/^## /mu);
    next = `${current.slice(0, start)}${section}${end === -1 ? '' : `\n${rest.slice(end)}`}`;
  }
  writeFileSync(file, `${next.trimEnd()}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'index-only': { type: 'boolean', default: false },
      'pages-file': { type: 'string' },
      'shard-chars': { type: 'string' },
      sample: { type: 'string', default: 'dist' },
      programs: { type: 'string', default: '1000' },
      decks: { type: 'string', default: '3' },
      slides: { type: 'string', default: '30' },
      chars: { type: 'string', default: '200' },
      'no-unsharded': { type: 'boolean', default: false },
      compare: { type: 'string', default: 'unsharded' },
      queries: { type: 'string', default: 'データセンタ 冷却,zzqxvw' },
      out: { type: 'string', default: 'BENCHMARKS.md' },
    },
  });
  if (values['index-only']) {
    const outDir = positionals[0] ?? '';
    const pages = JSON.parse(readFileSync(values['pages-file'] ?? '', 'utf8')) as SearchPage[];
    const result = await buildSearchIndex({ outDir, pages, shardChars: Number(values['shard-chars']) });
    console.log(JSON.stringify({ stats: result.stats, problems: result.problems.length, nodePeak: process.resourceUsage().maxRSS * 1024 }));
    return;
  }
  const sample = path.resolve(values.sample);
  const rows: { corpus: string; run: IndexRun; query?: QueryBytes; more?: QueryBytes[] }[] = [];
  const notes: string[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'iw-search-bench-'));
  const unsharded = Number.MAX_SAFE_INTEGER;
  const budgets: [string, number][] = [
    [`sharded (build default, ${DEFAULT_SHARD_CHARS.toLocaleString('en')} chars)`, DEFAULT_SHARD_CHARS],
    ...(values['no-unsharded'] ? [] : values.compare.split(',').filter(Boolean)).map((item): [string, number] =>
      item === 'unsharded' ? ['unsharded', unsharded] : [`sharded (${Number(item).toLocaleString('en')} chars)`, Number(item)],
    ),
  ];

  if (existsSync(path.join(sample, 'index.html'))) {
    // The sample's page list, from the content the sample was built from.
    const { loadSite } = await import('../../content/load.ts');
    const { archiveOptions } = await import('../../build/options.ts');
    const { searchPages } = await import('../../../src/lib/search/describe.ts');
    const { archive, decks, slides } = await loadSite(archiveOptions({ contentDir: process.env.IW_CONTENT_DIR ?? 'content', quiet: true }));
    const allSlides = await slides.all();
    const pagesFile = path.join(work, 'sample-pages.json');
    writeFileSync(pagesFile, JSON.stringify(searchPages(archive, decks, (key) => allSlides.get(key))));
    const copy = path.join(work, 'sample');
    cpSync(sample, copy, { recursive: true });
    for (const [label, chars] of budgets) {
      const run = measureIndex(copy, pagesFile, chars, label);
      writeBarePage(copy);
      const bare = { ...(await measureFirstQuery(copy, 'インターネット', 'bare/')), query: 'インターネット (bare Pagefind page)' };
      rows.push({ corpus: `sample (${archive.programs.length} programs)`, run, query: await measureFirstQuery(copy, 'インターネット'), more: [bare] });
      console.error(`sample ${label}: ${JSON.stringify(run)}`);
    }
  } else {
    notes.push(`No built sample at ${values.sample}: sample rows skipped.`);
  }

  const generated = generateArchive(path.join(work, 'full', 'dist'), sample, {
    programs: Number(values.programs),
    decksPerProgram: Number(values.decks),
    slidesPerDeck: Number(values.slides),
    charsPerSlide: Number(values.chars),
  });
  const corpus = `generated (${generated.programs} programs, ${generated.decks} decks, ${generated.slides.toLocaleString('en')} slides)`;
  for (const [label, chars] of budgets) {
    const run = measureIndex(generated.outDir, generated.pagesFile, chars, label);
    console.error(`generated ${label}: ${JSON.stringify(run)}`);
    if (!existsSync(path.join(generated.outDir, 'search', 'index.html'))) {
      rows.push({ corpus, run });
      continue;
    }
    const more: QueryBytes[] = [];
    for (const query of values.queries.split(',').filter(Boolean)) more.push(await measureFirstQuery(generated.outDir, query));
    writeBarePage(generated.outDir);
    more.push({ ...(await measureFirstQuery(generated.outDir, 'ルーティング', 'bare/')), query: 'ルーティング (bare Pagefind page)' });
    rows.push({ corpus, run, query: await measureFirstQuery(generated.outDir, 'ルーティング'), more });
  }
  notes.push(`Shard budget ${DEFAULT_SHARD_CHARS.toLocaleString('en')} indexed characters by default (IW_SEARCH_SHARD_CHARS); slide text capped at 1,200 characters per slide. Shards are indexed one after another, each in a fresh Pagefind process, so peak memory is that of the largest shard.`);
  notes.push('What a first search downloads: Pagefind runtime and wasm once (about 100 KB, not per shard), per shard its pagefind-entry.json, metadata (about 13 bytes a page) and the index chunk of each query word (about 25 KB at this size), then the fragments of the first 10 results (about 1 KB for a program, 4–5 KB for a 30-slide deck) before the first results are on screen. After that, in the background, the fragments of the other results (up to 100) for exact facet counts; no filter chunks. The bare Pagefind page (bare/, written by the benchmark) only imports pagefind.js, merges the same shards, searches and shows the title of the first result: the floor of the engine on the same bundle.');
  notes.push('Generated slide text: random sentences from a 120-word network vocabulary, average 200 characters per slide; real text has a larger vocabulary, so index sizes are a lower bound and memory per character similar.');
  writeSearchSection(path.resolve(values.out), searchSection(rows, notes));
  rmSync(work, { recursive: true, force: true });
  console.error(`wrote ## Search in ${values.out}`);
}

if (import.meta.main) await main();
