/**
 * The search index's part of an indexed page, as HTML (written by
 * src/components/SearchMeta.astro, and by the benchmark's generated pages): the
 * page's filters, meta and sort date as empty elements Pagefind reads, and its
 * text region by region, each normalised (indexForm) in a hidden block with an id
 * (`ix-<region>`), its weight, and the map back to the words as written as meta
 * (src/lib/search/faithful.ts). The page's visible content is data-pagefind-ignore.
 */
import type { SearchPage } from './describe.ts';
import { indexedRegion } from './region.ts';

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeText(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function searchIndexHtml(page: SearchPage): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(page.filters)) {
    for (const value of values ?? []) parts.push(`<span data-pagefind-filter="${escapeAttribute(`${key}:${value}`)}"></span>`);
  }
  for (const [key, value] of Object.entries(page.meta)) parts.push(`<span data-pagefind-meta="${escapeAttribute(`${key}:${value}`)}"></span>`);
  parts.push(`<span data-pagefind-sort="${escapeAttribute(`date:${page.date}`)}"></span>`);
  for (const region of page.regions) {
    if (!region.text.trim()) continue;
    const { indexed, map } = indexedRegion(region.text, region.limit);
    const weight = region.weight === undefined ? '' : ` data-pagefind-weight="${region.weight}"`;
    parts.push(`<div hidden id="ix-${escapeAttribute(region.id)}"${weight} data-pagefind-meta="${escapeAttribute(`ix-${region.id}:${JSON.stringify(map)}`)}">${escapeText(indexed)}</div>`);
  }
  return `<div hidden class="search-index">\n${parts.join('\n')}\n</div>`;
}
