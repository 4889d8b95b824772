// Search page UI on Pagefind's JS API (plain browser module, served as-is).
// The bundle and every result link are resolved from the site root the page
// writes in data-root (a relative URL), so the site works at any base path and
// from a moved copy. The query is normalised with the same code the indexer used
// (search-normalise.js, generated from src/lib/search/normalise.ts); results whose
// text does not really contain the query (Pagefind's weak partial hits) are hidden.
import { containsTerms, queryForm, queryTerms } from './search-normalise.js';

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
const PAGE_SIZE = 20;
/** Results checked for a real match before a query is declared to have none. */
const SCAN_LIMIT = 80;

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
    const pagefind = await import(new URL('pagefind.js', bundle).href);
    await pagefind.options({ baseUrl: '/', excerptLength: 24 });
    try {
      const response = await fetch(new URL('iw-shards.json', bundle));
      if (response.ok) shardRanges = (await response.json()).shards ?? [];
    } catch {
      shardRanges = [];
    }
    for (const shard of shardRanges) {
      if (shard.dir !== 'pagefind') await pagefind.mergeIndex(new URL(`${shard.dir}/`, root).href, { baseUrl: '/' });
    }
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
  const allYears = Object.keys((await pagefind.filters())?.year ?? {});
  const chosen = filters.year?.any;
  const ranges = [...shardRanges].sort((a, b) => (sort.date === 'desc' ? b.from - a.from : a.from - b.from));
  const seen = new Set();
  const results = [];
  for (const range of ranges) {
    const years = allYears.filter((year) => Number(year) >= range.from && Number(year) <= range.to && (!chosen || chosen.includes(year)));
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

let current = { token: 0, results: [], matches: [], scanned: 0, shown: 0, hidden: 0, terms: [], state: readState(), exhausted: false, counts: null };

function haystack(data) {
  return [data.content, data.meta?.title, data.meta?.code, data.meta?.speakers, data.meta?.program].filter(Boolean).join(' ');
}

/** The slide a deck result should open: the sub-result with the most hits on a slide heading. */
function bestSlide(data) {
  const slides = (data.sub_results ?? []).filter((sub) => /#p\d+$/u.test(sub.url));
  return [...slides].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))[0];
}

function renderResult(data) {
  const meta = data.meta ?? {};
  const slide = meta.kind === 'deck' ? bestSlide(data) : undefined;
  const href = siteUrl(slide ? slide.url : data.url);
  const subs = (data.sub_results ?? []).filter((sub) => sub.url !== data.url && sub.url.includes('#')).slice(0, 3);
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
 * Loads and checks the next results (40 at first, then 20 at a time), hides those
 * whose text does not contain the query, orders the rest by tier (relevance sort)
 * and shows them; stops after PAGE_SIZE shown or at the end of the list.
 */
async function showMore(token) {
  let added = 0;
  const limit = current.shown === 0 ? SCAN_LIMIT : Infinity;
  while (added < PAGE_SIZE && current.scanned < current.results.length && current.scanned < limit) {
    const batch = current.results.slice(current.scanned, current.scanned + (current.scanned === 0 ? 40 : PAGE_SIZE));
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
}

function renderFacets(state, counts) {
  facetsEl.replaceChildren();
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
  const search = await pagefind.search(queryForm(state.q), { filters });
  const results = sort ? await sortedResults(pagefind, queryForm(state.q), filters, sort) : (search?.results ?? []);
  if (token !== current.token) return;
  current = { token, results, matches: [], scanned: 0, shown: 0, hidden: 0, terms, state, exhausted: false, counts: search?.filters ?? {} };
  await showMore(token);
  if (token !== current.token) return;
  // When every result has been checked, count facets over the real matches only.
  let counts = current.counts;
  if (current.exhausted && current.scanned >= current.results.length) {
    counts = {};
    for (const data of current.matches) {
      for (const [key, values] of Object.entries(data.filters ?? {})) {
        counts[key] ??= {};
        for (const value of values) counts[key][value] = (counts[key][value] ?? 0) + 1;
      }
    }
  }
  renderFacets(state, counts);
  const total = current.exhausted && current.scanned >= current.results.length ? current.shown : current.results.length - current.hidden;
  if (current.shown === 0) {
    statusEl.textContent = `「${state.q}」に一致する結果はありません。`;
    container.dataset.state = 'empty';
  } else {
    statusEl.textContent = `「${state.q}」の検索結果 ${total} 件`;
    container.dataset.state = 'done';
  }
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
