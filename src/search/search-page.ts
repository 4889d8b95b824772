/**
 * The search page (src/pages/search.astro) on Pagefind's JS API. Bundled by Astro
 * and inlined into the page (astro.config.mjs), so it needs no URL of its own:
 * the bundle and every result link are resolved from the site root the page
 * writes in data-root (a relative URL), and the site works at any base path and
 * from a moved copy.
 *
 * - Queries are normalised with the indexer's own code (src/lib/search/normalise.ts);
 *   results whose text does not really contain the query (Pagefind's weak partial
 *   hits, such as サイドバー for サイバー) are dropped.
 * - Excerpts quote the page as written: the indexed regions carry maps back to the
 *   original words (src/lib/search/faithful.ts); the matches are marked there.
 * - Facet counts are exact: they are counted over the real matches once every
 *   result has been checked (in the background, after the first page is shown),
 *   for each facet over the results without that facet's own selection, so a
 *   count is what choosing that value alone gives.
 */
import { FILTER_KEYS, FILTER_LABELS, type FilterKey, KIND_LABELS, SEARCH_LABELS } from '../lib/labels.ts';
import { contentFrom, contentWords, excerptHtml, type RegionMap, restoreRegion, unescapeRawContent } from '../lib/search/faithful.ts';
import { containsTerms, queryForm, queryTerms } from '../lib/search/normalise.ts';
import { type Checked, settledFirst } from '../lib/search/order.ts';
import { importPagefind, type Pagefind, type PagefindAnchor, type PagefindData, type PagefindFilters, type PagefindResult } from './pagefind.ts';

/** Results checked (their fragment loaded) per step: one page of results. */
const PAGE_SIZE = 10;
/**
 * Most results checked in the background for exact facet counts (a fragment each,
 * 1–5 KB). A query with more results shows its facet values without counts until
 * a facet or more words narrow it: a count is exact or not shown.
 */
const COUNT_LIMIT = 100;
/**
 * Results checked in the first step: fewer fragments than a page (one round of the browser's six
 * connections a host). The first result is drawn as soon as its place among them is certain, often
 * from the first fragment in, about when a bare Pagefind query would show it; the page fills up after.
 */
const FIRST_STEP = 5;
/** Meta fields whose match makes a result a title/code/speaker hit (Pagefind reports them without loading the fragment). */
const HEAD_FIELDS = new Set(['title', 'code', 'speakers']);
/** Regions that repeat the result's title: an excerpt comes from them only when nothing else matches. */
const TITLE_REGIONS = new Set(['ix-title', 'ix-name']);

type Filters = Partial<Record<FilterKey, string[]>>;
interface State {
  q: string;
  sort: string;
  filters: Filters;
}

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page: #${id} missing`);
  return found as T;
}

const container = byId<HTMLElement>('search');
const root = new URL(container.dataset.root || '../', location.href);
const form = byId<HTMLFormElement>('search-form');
const input = byId<HTMLInputElement>('search-q');
const sortSelect = byId<HTMLSelectElement>('search-sort');
const statusEl = byId<HTMLElement>('search-status');
const facetsEl = byId<HTMLElement>('search-facets');
const facetsFold = byId<HTMLDetailsElement>('search-facets-fold');
const resultsEl = byId<HTMLOListElement>('search-results');
const moreButton = byId<HTMLButtonElement>('search-more');

// Narrow screens: results first, the facets folded until asked for.
facetsFold.open = !window.matchMedia('(max-width: 720px)').matches;

/** An index shard as listed in pagefind/iw-shards.json (scripts/search/index.ts): its folder, years and metadata per language. */
interface Shard {
  dir: string;
  from: number;
  to: number;
  indexes?: Record<string, string>;
}

/** Year ranges of the index shards, newest first. */
let shardRanges: Shard[] = [];

/**
 * This page load's cache-busting tag for pagefind-entry.json. Pagefind adds one of its own
 * (Date.now()) that the page cannot know, so the entry could only be fetched once the runtime ran;
 * given ours (metaCacheTag), the page requests it at once.
 */
const ENTRY_TAG = `iw${Date.now()}`;

function preload(url: URL): void {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = url.href;
  document.head.append(link);
}

/** The shard's metadata for this page's language, chosen as Pagefind's findIndex does (the language, then its first part, then the only one). */
function indexHash(shard: Shard): string | undefined {
  const indexes = shard.indexes ?? {};
  const lang = (document.documentElement.getAttribute('lang') ?? 'unknown').toLowerCase();
  const only = Object.values(indexes).length === 1 ? Object.values(indexes)[0] : undefined;
  return indexes[lang] ?? indexes[lang.split('-')[0] ?? ''] ?? only;
}

let pagefindPromise: Promise<Pagefind> | undefined;
/**
 * The runtime with every shard merged. Nothing waits on another download that it need not: the page's
 * head preloads pagefind.js, the wasm and the shard list; the shard list names every shard's metadata,
 * so each shard's entry and metadata are preloaded at once, all in parallel, before the runtime asks
 * for them (it then finds them in flight or done: never a second download). Without the list (an older
 * bundle) only the primary index is searched, its files fetched by Pagefind itself.
 */
function loadPagefind(): Promise<Pagefind> {
  pagefindPromise ??= (async () => {
    const bundle = new URL('pagefind/', root);
    const runtime = importPagefind(new URL('pagefind.js', bundle).href);
    preload(new URL(`pagefind-entry.json?ts=${ENTRY_TAG}`, bundle));
    shardRanges = await fetch(new URL('iw-shards.json', bundle))
      .then((response) => (response.ok ? (response.json() as Promise<{ shards?: Shard[] }>) : { shards: [] }))
      .then((list) => list.shards ?? [])
      .catch(() => []);
    for (const shard of shardRanges) {
      const dir = new URL(`${shard.dir}/`, root);
      if (shard.dir !== 'pagefind') preload(new URL(`pagefind-entry.json?ts=${ENTRY_TAG}`, dir));
      const hash = indexHash(shard);
      if (hash) preload(new URL(`pagefind.${hash}.pf_meta`, dir));
    }
    const pagefind = await runtime;
    // noWorker: the worker loads pagefind-worker.js (a second copy of the runtime); searching on the main thread takes a few ms here.
    await pagefind.options({ baseUrl: '/', excerptLength: 24, noWorker: true, metaCacheTag: ENTRY_TAG });
    await pagefind.init();
    // The shards are merged in parallel: each costs its pagefind-entry.json and metadata, not another runtime or wasm.
    await Promise.all(
      shardRanges
        .filter((shard) => shard.dir !== 'pagefind')
        .map((shard) => pagefind.mergeIndex(new URL(`${shard.dir}/`, root).href, { baseUrl: '/', metaCacheTag: ENTRY_TAG })),
    );
    return pagefind;
  })();
  return pagefindPromise;
}

function toPagefind(filters: Filters): PagefindFilters {
  const out: PagefindFilters = {};
  for (const [key, values] of Object.entries(filters)) if (values && values.length > 0) out[key] = { any: values };
  return out;
}

/**
 * Results in date order over all shards. Pagefind orders merged results by score,
 * so each shard's year range is searched on its own (a year filter), newest or
 * oldest range first, and the lists are joined; a page in several ranges (a
 * speaker) is kept once.
 */
async function sortedResults(pagefind: Pagefind, query: string, filters: Filters, sort: Record<string, 'asc' | 'desc'>): Promise<PagefindResult[]> {
  if (shardRanges.length <= 1) return (await pagefind.search(query, { filters: toPagefind(filters), sort }))?.results ?? [];
  const chosen = filters.year;
  const ranges = [...shardRanges].sort((a, b) => (sort.date === 'desc' ? b.from - a.from : a.from - b.from));
  const seen = new Set<string>();
  const results: PagefindResult[] = [];
  for (const range of ranges) {
    // The years of the range, written out (pagefind.filters() would load every filter chunk of every shard).
    const years = Array.from({ length: range.to - range.from + 1 }, (_, i) => String(range.from + i)).filter((year) => !chosen || chosen.includes(year));
    if (years.length === 0) continue;
    const search = await pagefind.search(query, { filters: toPagefind({ ...filters, year: years }), sort });
    for (const result of search?.results ?? []) {
      if (seen.has(result.id)) continue;
      seen.add(result.id);
      results.push(result);
    }
  }
  return results;
}

/**
 * Relevance order before any fragment is loaded: results whose title, code or
 * speakers matched (Pagefind's matchedMetaFields) first, each group in Pagefind's
 * order, so a title hit is among the first page checked however the pages of
 * slide text scored. Each checked page is then ordered by tier().
 */
function byHead(results: PagefindResult[]): PagefindResult[] {
  const head = (result: PagefindResult) => (result.matchedMetaFields ?? []).some((field) => HEAD_FIELDS.has(field));
  return [...results.filter(head), ...results.filter((result) => !head(result))];
}

function siteUrl(sitePath: string): string {
  return new URL(`.${sitePath.startsWith('/') ? sitePath : `/${sitePath}`}`, root).href;
}

function readState(): State {
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length > 0) filters[key] = values;
  }
  return { q: params.get('q') ?? '', sort: params.get('sort') ?? '', filters };
}

function stateUrl(state: State): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort) params.set('sort', state.sort);
  for (const key of FILTER_KEYS) for (const value of state.filters[key] ?? []) params.append(key, value);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

type Child = Node | string | undefined | false;
function element(tag: string, attributes: Record<string, string | boolean | undefined> = {}, ...children: (Child | Child[])[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'className') node.className = String(value);
    else if (name === 'html') node.innerHTML = String(value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== undefined && child !== false && child !== '') node.append(child);
  return node;
}

/** The normalised text a real match must contain: the indexed content (word separators removed) and the title fields. */
function haystack(data: PagefindData): string {
  return [data.content.replaceAll('\u200B', ''), data.meta.title, data.meta.code, data.meta.speakers, data.meta.program].filter(Boolean).join(' ');
}

/** The indexed regions of a result (src/components/IndexedText.astro), in page order. */
function regionsOf(data: PagefindData): PagefindAnchor[] {
  return (data.anchors ?? []).filter((anchor) => anchor.id.startsWith('ix-') && data.meta[anchor.id]).sort((a, b) => a.location - b.location);
}

/**
 * Work done once per result rather than once per region and use: a deck's excerpt reads each of its
 * slides twice (whether the slide holds the whole query, then its text), and each read undid the
 * escapes of the whole page's text again, character by character (~60 passes over up to 36,000
 * characters for a 30-slide deck, before its result could be drawn).
 */
const contentWordsOf = new WeakMap<PagefindData, string[]>();
const regionTexts = new WeakMap<PagefindData, Map<string, string>>();

/** A region's text as written; the indexed (normalised) text when the map does not fit. */
function regionText(data: PagefindData, anchor: PagefindAnchor): string {
  const known = regionTexts.get(data) ?? new Map<string, string>();
  regionTexts.set(data, known);
  const cached = known.get(`${anchor.id}@${anchor.location}`);
  if (cached !== undefined) return cached;
  let text = '';
  try {
    const map = JSON.parse(data.meta[anchor.id] ?? '') as RegionMap;
    // Anchor locations count Pagefind's words, which only raw_content still separates.
    let words = contentWordsOf.get(data);
    if (words === undefined) {
      words = contentWords(data.raw_content === undefined ? data.content : unescapeRawContent(data.raw_content, data.content));
      contentWordsOf.set(data, words);
    }
    const content = contentFrom(words, anchor.location);
    text = restoreRegion(content, map) ?? restoreRegion(content, { n: map.n, d: [] }) ?? '';
  } catch {
    // No map: nothing to quote from this region.
  }
  known.set(`${anchor.id}@${anchor.location}`, text);
  return text;
}

const perUnit = (unit: string) => unit.normalize('NFKC');

/**
 * Where a result's excerpt comes from: for a deck, the slide that holds the query
 * best — the whole query on one slide first (a slide titled by it before one that
 * merely mentions its words), then the most matches (Pagefind's word locations);
 * otherwise the first region that really contains the query, the title last.
 * Returns the region and its text.
 */
function excerptRegion(data: PagefindData, terms: readonly string[]): { anchor: PagefindAnchor; text: string } | undefined {
  const regions = regionsOf(data);
  if (regions.length === 0) return undefined;
  const ends = regions.map((_anchor, index) => regions[index + 1]?.location ?? Number.POSITIVE_INFINITY);
  const hits = regions.map((anchor, index) => (data.locations ?? []).filter((at) => at >= anchor.location && at < (ends[index] ?? 0)).length);
  const deck = data.meta.kind === 'deck';
  const whole = regions.map((anchor) => deck && containsTerms(regionText(data, anchor), terms));
  const order = regions
    .map((anchor, index) => ({ anchor, hits: hits[index] ?? 0, whole: whole[index] ?? false, index }))
    .sort(
      (a, b) =>
        Number(TITLE_REGIONS.has(a.anchor.id)) - Number(TITLE_REGIONS.has(b.anchor.id)) ||
        (deck ? Number(b.whole) - Number(a.whole) || b.hits - a.hits : 0) ||
        a.index - b.index,
    );
  for (const { anchor } of order) {
    const text = regionText(data, anchor);
    if (text && terms.some((term) => containsTerms(text, [term]))) return { anchor, text };
  }
  const first = order[0];
  return first ? { anchor: first.anchor, text: regionText(data, first.anchor) } : undefined;
}

function renderResult(data: PagefindData, terms: readonly string[]): HTMLElement {
  const meta = data.meta;
  const excerpt = excerptRegion(data, terms);
  const slide = meta.kind === 'deck' && excerpt && /^ix-p\d+$/u.test(excerpt.anchor.id) ? excerpt.anchor.id.slice(3) : undefined;
  const href = siteUrl(slide ? `${data.url}#${slide}` : data.url);
  const image = meta.image ? (meta.image.startsWith('/') ? siteUrl(meta.image) : new URL(meta.image, siteUrl(data.url)).href) : undefined;
  const kind = meta.kind as keyof typeof KIND_LABELS | undefined;
  return element(
    'li',
    { className: 'search-result', 'data-url': data.url, 'data-kind': meta.kind ?? '' },
    image
      ? element('a', { className: 'search-thumb', href, tabindex: '-1', 'aria-hidden': 'true' }, element('img', { src: image, alt: '', loading: 'lazy', width: '160' }))
      : element('span', { className: 'search-thumb search-thumb-empty', 'aria-hidden': 'true' }),
    element(
      'div',
      { className: 'search-body' },
      element(
        'p',
        { className: 'search-meta' },
        element('span', { className: 'search-kind' }, kind ? KIND_LABELS[kind] : ''),
        meta.year ? element('span', { className: 'search-year' }, meta.year) : '',
        meta.code ? element('span', { className: 'code' }, meta.code) : '',
        meta.speakers ? element('span', { className: 'search-speakers' }, meta.speakers) : '',
      ),
      element('h2', { className: 'search-title' }, element('a', { href }, meta.title ?? data.url, slide ? SEARCH_LABELS.slide(`スライド ${slide.slice(1)}`) : '')),
      meta.program ? element('p', { className: 'search-program' }, meta.program) : '',
      excerpt?.text ? element('p', { className: 'search-excerpt', html: excerptHtml(excerpt.text, terms, perUnit) }) : '',
    ),
  );
}

/**
 * Ranking tier of a real match, for relevance order: the title, code or speakers
 * of a program or person first, a deck's title next, then an abstract or any
 * other page text, slide text last. Pagefind's own score orders each tier.
 */
function tier(data: PagefindData, terms: readonly string[]): number {
  const meta = data.meta;
  const head = [meta.title, meta.code, meta.speakers].filter(Boolean).join(' ');
  if (meta.kind === 'deck') return containsTerms(meta.title ?? '', terms) ? 1 : 3;
  if (containsTerms(head, terms)) return 0;
  return meta.kind === 'speaker' ? 3 : 2;
}

/**
 * The real matches among Pagefind's results, checked PAGE_SIZE at a time (a
 * fragment is a page's whole text, so only what is needed is loaded), each step
 * ordered by tier for relevance. Shared by the result list and the facet counts.
 */
class Matches {
  readonly found: PagefindData[] = [];
  private checked = 0;
  private readonly results: PagefindResult[];
  private readonly terms: readonly string[];
  private readonly relevance: boolean;
  constructor(results: PagefindResult[], terms: readonly string[], relevance: boolean) {
    this.results = results;
    this.terms = terms;
    this.relevance = relevance;
  }

  get complete(): boolean {
    return this.checked >= this.results.length;
  }

  /** Pagefind's result count, an upper bound of the matches. */
  get candidates(): number {
    return this.results.length;
  }

  /**
   * Checks `step` results at a time until at least `count` matches are known or every result is
   * checked. `onFirst` is given the first match of all as soon as its place is certain
   * (settledFirst), while the rest of its batch is still loading.
   */
  async upTo(count: number, step = PAGE_SIZE, onFirst?: (data: PagefindData) => void): Promise<void> {
    while (this.found.length < count && !this.complete) {
      const batch = this.results.slice(this.checked, this.checked + step);
      this.checked += batch.length;
      const loaded: (PagefindData | undefined)[] = batch.map(() => undefined);
      const checked: Checked[] = batch.map(() => undefined);
      let first = this.found.length === 0 ? onFirst : undefined;
      await Promise.all(
        batch.map(async (result, index) => {
          const data = await result.data();
          const match = containsTerms(haystack(data), this.terms);
          loaded[index] = data;
          checked[index] = match ? { match, tier: this.relevance ? tier(data, this.terms) : 0 } : { match };
          const settled = first ? settledFirst(checked) : undefined;
          const firstData = settled === undefined ? undefined : loaded[settled];
          if (first && firstData) {
            first(firstData);
            first = undefined;
          }
        }),
      );
      const matches = batch.flatMap((_result, index) => {
        const data = loaded[index];
        const known = checked[index];
        return data && known?.match ? [{ data, tier: known.tier }] : [];
      });
      // A stable sort: Pagefind's order within a tier, as settledFirst assumes.
      if (this.relevance) matches.sort((a, b) => a.tier - b.tier);
      this.found.push(...matches.map((match) => match.data));
    }
  }

  /** Every match (loads every result's fragment: callers bound this with COUNT_LIMIT). */
  async all(): Promise<PagefindData[]> {
    await this.upTo(Number.POSITIVE_INFINITY);
    return this.found;
  }
}

interface Run {
  token: number;
  state: State;
  terms: string[];
  matches: Matches;
  shown: number;
}

let token = 0;
let current: Run | undefined;
/** The facet value the user last toggled, to give focus back to it after the facets are drawn again. */
let toggled: { key: string; value: string } | undefined;

async function searchMatches(pagefind: Pagefind, state: State, filters: Filters, terms: string[]): Promise<Matches> {
  const query = queryForm(state.q);
  const sort = state.sort === 'new' ? ({ date: 'desc' } as const) : state.sort === 'old' ? ({ date: 'asc' } as const) : undefined;
  const results = sort ? await sortedResults(pagefind, query, filters, sort) : byHead((await pagefind.search(query, { filters: toPagefind(filters) }))?.results ?? []);
  return new Matches(results, terms, !sort);
}

/** Resolves after the browser has painted the next frame. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Shows the next `want` matches (checking more results as needed, `step` at a time), or all matches known so far with want 0. */
async function showMore(run: Run, want = PAGE_SIZE, step = PAGE_SIZE): Promise<void> {
  const before = run.shown;
  const draw = (data: PagefindData) => {
    resultsEl.append(renderResult(data, run.terms));
    run.shown += 1;
  };
  // The first result of a search is drawn as soon as its place is certain, before the rest of its batch is in.
  await run.matches.upTo(run.shown + Math.max(want, 1), step, (data) => run.token === token && run.shown === 0 && draw(data));
  if (run.token !== token) return;
  const next = run.matches.found.slice(run.shown, want > 0 ? before + want : undefined);
  if (run.shown === 0 && next[0]) draw(next.shift() as PagefindData);
  // The first result is painted before the others are worked out (a deck's excerpt reads every slide's map).
  if (before === 0 && run.shown === 1 && next.length > 0) {
    await painted();
    if (run.token !== token) return;
  }
  for (const data of next) draw(data);
  moreButton.hidden = run.matches.complete && run.shown >= run.matches.found.length;
}

/**
 * Facet counts over the real matches: for a facet without a selection, over this
 * query's matches; for one with a selection, over the matches of the same query
 * and the other facets' selections (another search), so that each count is the
 * number of results choosing that value alone gives.
 */
async function facetCounts(pagefind: Pagefind, run: Run): Promise<Partial<Record<FilterKey, Map<string, number>>> | undefined> {
  if (run.matches.candidates > COUNT_LIMIT) return undefined;
  const counts: Partial<Record<FilterKey, Map<string, number>>> = {};
  const count = (key: FilterKey, datas: readonly PagefindData[]) => {
    const values = new Map<string, number>();
    // A value listed twice on one page counts once (the bug behind 「馬渡 将隆 (4)」 giving 2 results).
    for (const data of datas) for (const value of new Set(data.filters[key] ?? [])) values.set(value, (values.get(value) ?? 0) + 1);
    counts[key] = values;
  };
  const all = await run.matches.all();
  for (const key of FILTER_KEYS) {
    if (!run.state.filters[key]) {
      count(key, all);
      continue;
    }
    const others: Filters = { ...run.state.filters };
    delete others[key];
    const wider = await searchMatches(pagefind, { ...run.state, sort: '' }, others, run.terms);
    if (wider.candidates > COUNT_LIMIT) return undefined;
    count(key, await wider.all());
  }
  return counts;
}

/** The facets; without `counts` (too many results to count), the values of the results shown, without numbers. */
function renderFacets(state: State, counts: Partial<Record<FilterKey, Map<string, number>>> | undefined, shown: readonly PagefindData[]): void {
  const focused = document.activeElement instanceof HTMLInputElement && facetsEl.contains(document.activeElement) ? { key: document.activeElement.name, value: document.activeElement.value } : undefined;
  const refocus = focused ?? (document.activeElement === document.body || !document.activeElement ? toggled : undefined);
  facetsEl.replaceChildren();
  if (!counts) facetsEl.append(element('p', { className: 'search-facet-note' }, SEARCH_LABELS.uncounted(COUNT_LIMIT)));
  const listed: Partial<Record<FilterKey, Map<string, number>>> = counts ?? {};
  if (!counts) {
    for (const key of FILTER_KEYS) {
      const values = new Map<string, number>();
      for (const data of shown) for (const value of data.filters[key] ?? []) values.set(value, 0);
      listed[key] = values;
    }
  }
  for (const key of FILTER_KEYS) {
    const selected = new Set(state.filters[key] ?? []);
    const values = [...(listed[key] ?? new Map<string, number>())].filter(([value, n]) => !counts || n > 0 || selected.has(value));
    for (const value of selected) if (!values.some(([v]) => v === value)) values.push([value, 0]);
    if (values.length === 0) continue;
    values.sort(([a, ca], [b, cb]) => (key === 'year' || key === 'era' ? b.localeCompare(a) : cb - ca || a.localeCompare(b, 'ja')));
    const fieldset = element('fieldset', { className: 'search-facet', 'data-facet': key }, element('legend', {}, FILTER_LABELS[key]));
    for (const [value, n] of values) {
      const box = element('input', { type: 'checkbox', name: key, value, checked: selected.has(value) }) as HTMLInputElement;
      box.addEventListener('change', () => {
        toggled = { key, value };
        const next = structuredClone(readState());
        const set = new Set(next.filters[key] ?? []);
        if (box.checked) set.add(value);
        else set.delete(value);
        if (set.size > 0) next.filters[key] = [...set];
        else delete next.filters[key];
        navigate(next);
      });
      fieldset.append(element('label', { className: 'search-facet-value' }, box, ` ${value} `, counts ? element('span', { className: 'search-count' }, `(${n})`) : undefined));
    }
    facetsEl.append(fieldset);
  }
  if (refocus) {
    const again = [...facetsEl.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((box) => box.name === refocus.key && box.value === refocus.value);
    again?.focus();
  }
}

async function run(state: State): Promise<void> {
  const mine = ++token;
  input.value = state.q;
  sortSelect.value = state.sort;
  moreButton.hidden = true;
  const terms = queryTerms(state.q);
  if (terms.length === 0) {
    resultsEl.replaceChildren();
    facetsEl.replaceChildren();
    statusEl.textContent = SEARCH_LABELS.idle;
    container.dataset.state = 'idle';
    return;
  }
  container.dataset.state = 'loading';
  statusEl.textContent = SEARCH_LABELS.loading;
  let pagefind: Pagefind;
  try {
    pagefind = await loadPagefind();
    // Stages of the first search, for profiling the chain (scripts/tools/bench/search.ts reads 'iw-search-results').
    performance.mark('iw-search-runtime');
  } catch (error) {
    statusEl.textContent = SEARCH_LABELS.loadError(error instanceof Error ? error.message : String(error));
    container.dataset.state = 'error';
    return;
  }
  const matches = await searchMatches(pagefind, state, state.filters, terms);
  performance.mark('iw-search-query');
  if (mine !== token) return;
  const runState: Run = { token: mine, state, terms, matches, shown: 0 };
  current = runState;
  resultsEl.replaceChildren();
  await showMore(runState, 0, FIRST_STEP);
  if (mine !== token) return;
  if (runState.shown > 0) {
    // Page-clock time of the first results on screen, read by scripts/tools/bench/search.ts.
    performance.mark('iw-search-results');
    if (runState.shown < PAGE_SIZE) await showMore(runState, PAGE_SIZE - runState.shown);
    if (mine !== token) return;
  }
  if (runState.shown === 0) {
    facetsEl.replaceChildren();
    statusEl.textContent = SEARCH_LABELS.none(state.q);
    container.dataset.state = 'empty';
    return;
  }
  statusEl.textContent = SEARCH_LABELS.partial(state.q, runState.shown);
  container.dataset.state = 'counting';
  const counts = await facetCounts(pagefind, runState);
  if (mine !== token) return;
  renderFacets(state, counts, runState.matches.found.slice(0, runState.shown));
  statusEl.textContent = counts ? SEARCH_LABELS.count(state.q, runState.matches.found.length) : SEARCH_LABELS.many(state.q, runState.matches.candidates);
  container.dataset.state = 'done';
}

function navigate(state: State): void {
  history.pushState(null, '', stateUrl(state));
  void run(state);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  navigate({ ...readState(), q: input.value.trim(), sort: sortSelect.value });
});
sortSelect.addEventListener('change', () => navigate({ ...readState(), q: input.value.trim(), sort: sortSelect.value }));
moreButton.addEventListener('click', () => {
  if (current) void showMore(current);
});
window.addEventListener('popstate', () => void run(readState()));
void run(readState());
