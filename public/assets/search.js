// Search page UI on Pagefind's JS API (plain browser module, served as-is).
// The bundle and every result link are resolved from the site root the page
// writes in data-root (a relative URL), so the site works at any base path and
// from a moved copy. The query is normalised with the same code the indexer used
// (search-normalise.js, generated from src/lib/search/normalise.ts); results whose
// text does not really contain the query (Pagefind's weak partial hits) are hidden.
import { containsTerms, queryForm, queryTerms, rankSubResults } from './search-normalise.js';

const FACETS = [
  ['kind', '種類'],
  ['year', '年'],
  ['era', '年代'],
  ['type', '種別'],
  ['speaker', '講演者'],
  ['affiliation', '所属'],
  ['slides', 'スライド'],
  ['video', '動画'],
  ['lang', '言語'],
];
const KIND_LABELS = { program: 'プログラム', deck: 'スライド', speaker: '講演者' };
/**
 * Results checked (their fragment loaded) per step: one page. A fragment is the
 * whole text of a page (about 4 KB compressed for a 30-slide deck), so only what
 * is about to be shown is loaded; 「さらに表示」 checks the next page.
 */
const PAGE_SIZE = 10;
/** Results checked for a real match before a query is declared to have none. */
const SCAN_LIMIT = 80;
/** Meta fields whose match makes a result a title/code/speaker hit (Pagefind reports them without loading the fragment). */
const HEAD_FIELDS = new Set(['title', 'code', 'speakers']);

const container = document.getElementById('search');
const root = new URL(container?.dataset.root || '../', location.href);
const form = document.getElementById('search-form');
const input = document.getElementById('search-q');
const sortSelect = document.getElementById('search-sort');
const statusEl = document.getElementById('search-status');
const facetsEl = document.getElementById('search-facets');
const resultsEl = document.getElementById('search-results');
const moreButton = document.getElementById('search-more');

let pagefindPromise;
/** Year ranges of the index shards ({ dir, from, to }), newest first. */
let shardRanges = [];
function loadPagefind() {
  pagefindPromise ??= (async () => {
    const bundle = new URL('pagefind/', root);
    // The shard list is fetched while the runtime loads (both are preloaded by the page).
    const shards = fetch(new URL('iw-shards.json', bundle))
      .then((response) => (response.ok ? response.json() : {}))
      .then((list) => list.shards ?? [])
      .catch(() => []);
    const pagefind = await import(new URL('pagefind.js', bundle).href);
    // noWorker: Pagefind's web worker loads pagefind-worker.js (43 KB, a second copy of
    // the runtime) besides pagefind.js; searching on the main thread takes a few ms here.
    await pagefind.options({ baseUrl: '/', excerptLength: 24, noWorker: true });
    shardRanges = await shards;
    // The shards are merged in parallel: each costs its pagefind-entry.json and metadata, not another runtime or wasm.
    await Promise.all(shardRanges.filter((shard) => shard.dir !== 'pagefind').map((shard) => pagefind.mergeIndex(new URL(`${shard.dir}/`, root).href, { baseUrl: '/' })));
    await pagefind.init();
    return pagefind;
  })();
  return pagefindPromise;
}

/**
 * Results in date order over all shards. Pagefind orders merged results by score,
 * so each shard's year range is searched on its own (a year filter), newest or
 * oldest range first, and the lists are joined; a page in several ranges (a
 * speaker) is kept once.
 */
async function sortedResults(pagefind, query, filters, sort) {
  if (shardRanges.length <= 1) return (await pagefind.search(query, { filters, sort }))?.results ?? [];
  const chosen = filters.year?.any;
  const ranges = [...shardRanges].sort((a, b) => (sort.date === 'desc' ? b.from - a.from : a.from - b.from));
  const seen = new Set();
  const results = [];
  for (const range of ranges) {
    // The years of the range, written out (pagefind.filters() would load every filter chunk of every shard).
    const years = Array.from({ length: range.to - range.from + 1 }, (_, i) => String(range.from + i)).filter((year) => !chosen || chosen.includes(year));
    if (years.length === 0) continue;
    const search = await pagefind.search(query, { filters: { ...filters, year: { any: years } }, sort });
    for (const result of search?.results ?? []) {
      if (seen.has(result.id)) continue;
      seen.add(result.id);
      results.push(result);
    }
  }
  return results;
}

function siteUrl(sitePath) {
  return new URL(`.${sitePath.startsWith('/') ? sitePath : `/${sitePath}`}`, root).href;
}

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length > 0) filters[key] = values;
  }
  return { q: params.get('q') ?? '', sort: params.get('sort') ?? '', filters };
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort) params.set('sort', state.sort);
  for (const [key] of FACETS) for (const value of state.filters[key] ?? []) params.append(key, value);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'html') node.innerHTML = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== '') node.append(child);
  return node;
}

let current = { token: 0, results: [], matches: [], scanned: 0, shown: 0, hidden: 0, terms: [], state: readState(), exhausted: false };

function haystack(data) {
  return [data.content, data.meta?.title, data.meta?.code, data.meta?.speakers, data.meta?.program].filter(Boolean).join(' ');
}

/** The slide a deck result should open: the one that holds the query best (rankSubResults). */
function bestSlide(data) {
  return rankSubResults((data.sub_results ?? []).filter((sub) => /#p\d+$/u.test(sub.url)), current.state.q ?? '')[0];
}

function renderResult(data) {
  const meta = data.meta ?? {};
  const slide = meta.kind === 'deck' ? bestSlide(data) : undefined;
  const href = siteUrl(slide ? slide.url : data.url);
  const subs = rankSubResults((data.sub_results ?? []).filter((sub) => sub.url !== data.url && sub.url.includes('#')), current.state.q ?? '').slice(0, 3);
  const image = meta.image ? (meta.image.startsWith('/') ? siteUrl(meta.image) : new URL(meta.image, siteUrl(data.url)).href) : undefined;
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
        element('span', { className: 'search-kind' }, KIND_LABELS[meta.kind] ?? ''),
        meta.year ? element('span', { className: 'search-year' }, meta.year) : '',
        meta.code ? element('span', { className: 'code' }, meta.code) : '',
        meta.speakers ? element('span', { className: 'search-speakers' }, meta.speakers) : '',
      ),
      element('h2', { className: 'search-title' }, element('a', { href }, meta.title ?? data.url, slide ? `（${slide.title}）` : '')),
      meta.program ? element('p', { className: 'search-program' }, meta.program) : '',
      element('p', { className: 'search-excerpt', html: slide?.excerpt ?? data.excerpt }),
      subs.length > 1 || (subs.length === 1 && !slide)
        ? element('ul', { className: 'search-subs' }, subs.map((sub) => element('li', {}, element('a', { href: siteUrl(sub.url) }, sub.title), ' ', element('span', { html: sub.excerpt }))))
        : '',
    ),
  );
}

/**
 * Ranking tier of a real match, for relevance order: the title, code or speakers
 * of a program or person first, a deck's title next, then an abstract or any
 * other page text, slide text last. Pagefind's own score orders each tier.
 */
function tier(data, terms) {
  const meta = data.meta ?? {};
  const head = [meta.title, meta.code, meta.speakers].filter(Boolean).join(' ');
  if (meta.kind === 'deck') return containsTerms(meta.title ?? '', terms) ? 1 : 3;
  if (containsTerms(head, terms)) return 0;
  return meta.kind === 'speaker' ? 3 : 2;
}

/**
 * Loads and checks the next PAGE_SIZE results, hides those whose text does not
 * contain the query, orders the rest by tier (relevance sort) and shows them. A
 * step in which nothing matched goes on to the next PAGE_SIZE, up to SCAN_LIMIT
 * checked results when nothing has matched at all (then the query has no match).
 */
async function showMore(token) {
  let added = 0;
  while (added === 0 && current.scanned < current.results.length && (current.shown > 0 || current.scanned < SCAN_LIMIT)) {
    const batch = current.results.slice(current.scanned, current.scanned + PAGE_SIZE);
    const datas = await Promise.all(batch.map((result) => result.data()));
    if (token !== current.token) return;
    current.scanned += batch.length;
    const matches = datas.filter((data) => containsTerms(haystack(data), current.terms));
    current.hidden += datas.length - matches.length;
    if (!current.state.sort) {
      const tiers = new Map(matches.map((data) => [data, tier(data, current.terms)]));
      matches.sort((a, b) => (tiers.get(a) ?? 0) - (tiers.get(b) ?? 0));
    }
    for (const data of matches) {
      resultsEl.append(renderResult(data));
      current.matches.push(data);
    }
    current.shown += matches.length;
    added += matches.length;
  }
  current.exhausted = current.scanned >= current.results.length || (current.shown === 0 && current.scanned >= SCAN_LIMIT);
  moreButton.hidden = current.exhausted;
  showSummary();
}

/**
 * Status line and facets. Once every result has been checked, the count and the
 * facet counts are exact (real matches only). Before that, the total is Pagefind's
 * hit count less the hits already found to be weak ("約"), and the facets count
 * only the results checked so far, which the facet panel says.
 */
function showSummary() {
  const { state } = current;
  const complete = current.scanned >= current.results.length;
  const counts = {};
  for (const data of current.matches) {
    for (const [key, values] of Object.entries(data.filters ?? {})) {
      counts[key] ??= {};
      for (const value of values) counts[key][value] = (counts[key][value] ?? 0) + 1;
    }
  }
  renderFacets(state, counts, complete ? '' : `表示中の ${current.shown} 件の内訳です。絞り込むと全件から探します。`);
  if (current.shown === 0) {
    statusEl.textContent = `「${state.q}」に一致する結果はありません。`;
    container.dataset.state = 'empty';
  } else {
    statusEl.textContent = complete ? `「${state.q}」の検索結果 ${current.shown} 件` : `「${state.q}」の検索結果 約 ${current.results.length - current.hidden} 件（${current.shown} 件を表示）`;
    container.dataset.state = 'done';
  }
}

function renderFacets(state, counts, note) {
  facetsEl.replaceChildren();
  if (note) facetsEl.append(element('p', { className: 'search-facet-note' }, note));
  for (const [key, label] of FACETS) {
    const selected = new Set(state.filters[key] ?? []);
    const values = Object.entries(counts?.[key] ?? {}).filter(([value, count]) => count > 0 || selected.has(value));
    for (const value of selected) if (!values.some(([v]) => v === value)) values.push([value, 0]);
    if (values.length === 0) continue;
    values.sort(([a, ca], [b, cb]) => (key === 'year' || key === 'era' ? b.localeCompare(a) : cb - ca || a.localeCompare(b, 'ja')));
    const fieldset = element('fieldset', { className: 'search-facet', 'data-facet': key }, element('legend', {}, label));
    for (const [value, count] of values) {
      const box = element('input', { type: 'checkbox', name: key, value, checked: selected.has(value) });
      box.addEventListener('change', () => {
        const next = structuredClone(readState());
        const set = new Set(next.filters[key] ?? []);
        if (box.checked) set.add(value);
        else set.delete(value);
        if (set.size > 0) next.filters[key] = [...set];
        else delete next.filters[key];
        navigate(next);
      });
      fieldset.append(element('label', { className: 'search-facet-value' }, box, ` ${value} `, element('span', { className: 'search-count' }, `(${count})`)));
    }
    facetsEl.append(fieldset);
  }
}

async function run(state) {
  const token = ++current.token;
  input.value = state.q;
  sortSelect.value = state.sort;
  resultsEl.replaceChildren();
  moreButton.hidden = true;
  const terms = queryTerms(state.q);
  if (terms.length === 0) {
    facetsEl.replaceChildren();
    statusEl.textContent = 'キーワードを入力してください。';
    container.dataset.state = 'idle';
    return;
  }
  container.dataset.state = 'loading';
  statusEl.textContent = '検索しています…';
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch (error) {
    statusEl.textContent = `検索インデックスを読み込めませんでした（${error?.message ?? error}）。`;
    container.dataset.state = 'error';
    return;
  }
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) filters[key] = { any: values };
  const sort = state.sort === 'new' ? { date: 'desc' } : state.sort === 'old' ? { date: 'asc' } : undefined;
  const results = sort ? await sortedResults(pagefind, queryForm(state.q), filters, sort) : byHead((await pagefind.search(queryForm(state.q), { filters }))?.results ?? []);
  if (token !== current.token) return;
  current = { token, results, matches: [], scanned: 0, shown: 0, hidden: 0, terms, state, exhausted: false };
  await showMore(token);
  // Page-clock time of the results on screen, read by scripts/search/bench.ts.
  if (token === current.token) performance.mark('iw-search-results');
}

/**
 * Relevance order before any fragment is loaded: results whose title, code or
 * speakers matched (Pagefind's matchedMetaFields) first, each group in Pagefind's
 * order, so a title hit is among the first page checked however the pages of
 * slide text scored. Each checked page is then ordered by tier().
 */
function byHead(results) {
  const head = (result) => (result.matchedMetaFields ?? []).some((field) => HEAD_FIELDS.has(field));
  return [...results.filter(head), ...results.filter((result) => !head(result))];
}

function navigate(state) {
  history.pushState(null, '', stateUrl(state));
  run(state);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const state = readState();
  navigate({ ...state, q: input.value.trim(), sort: sortSelect.value });
});
sortSelect.addEventListener('change', () => navigate({ ...readState(), q: input.value.trim(), sort: sortSelect.value }));
moreButton.addEventListener('click', () => showMore(current.token));
window.addEventListener('popstate', () => run(readState()));
run(readState());
