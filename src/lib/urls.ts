/**
 * The one place internal URLs are made. Routes are site paths ("/2024/o1/");
 * pages emit them relative to themselves ("../../2024/o1/"), so the built site
 * works at any base path and keeps working when the folder is copied elsewhere.
 *
 * Links to a folder route name its `index.html` ("../2024/index.html", not "../2024/"):
 * a web server would serve either, but a mirror opened from disk (file://) shows a
 * folder listing for "2024/". One output then works both served and from disk.
 */

/** A file path as URL path segments: every character that means something in a URL (# ? % space…) percent-encoded. */
function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export const routes = {
  home: () => '/',
  search: () => '/search/',
  year: (year: number) => `/${year}/`,
  program: (year: number, slug: string) => `/${year}/${slug}/`,
  deck: (year: number, slug: string, deckSlug: string) => `/${year}/${slug}/${deckSlug}/`,
  speakers: () => '/speakers/',
  speaker: (id: string) => `/speakers/${id}/`,
  videos: () => '/videos/',
  yearVideos: (year: number) => `/${year}/videos/`,
  calendar: (year: number) => `/${year}/timetable.ics`,
  material: (year: number, file: string) => `/materials/${year}/${encodePath(file)}`,
  thumbnail: (name: string) => `/thumbs/${encodePath(name)}`,
  data: (name: string) => `/data/${name}`,
  asset: (name: string) => `/assets/${name}`,
  about: () => '/about/',
  /** One program's citation: /data/cite/iw2024-o1.bib, .ris, .csl.json */
  citation: (programId: string, extension: string) => `/data/cite/${programId}.${extension}`,
  /** Every program's citation in one file: /data/iw.bib, /data/iw.ris, /data/iw.csl.json */
  citations: (extension: string) => `/data/iw.${extension}`,
  /** A CSV table of the catalogue: /data/programs.csv */
  table: (name: string) => `/data/${name}.csv`,
  sitemap: () => '/sitemap.xml',
  robots: () => '/robots.txt',
  feed: () => '/feed.xml',
  codes: () => '/codes/',
  affiliations: () => '/affiliations/',
  oldLinks: () => '/old-links/',
} as const;

/** The file a route names, relative to the output folder: its segments percent-decoded ("a%23b.pdf" → "a#b.pdf"). */
export function routeFile(route: string): string {
  return route.split('/').filter(Boolean).map(decodeURIComponent).join('/');
}

/** Strip the configured base ("/archive/iw/") from a pathname, giving a site path. */
export function sitePath(pathname: string, base: string): string {
  const normalisedBase = `/${base.replace(/^\/+|\/+$/gu, '')}/`.replace('//', '/');
  const path = pathname.startsWith(normalisedBase) ? pathname.slice(normalisedBase.length - 1) : pathname;
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * The relative URL from the page at site path `from` to site path `to`.
 * A page "/2024/o1/" sits in folder "/2024/o1/"; a file "/404.html" in "/".
 */
export function relativeUrl(from: string, to: string): string {
  const [toPath = '', suffix = ''] = splitSuffix(to);
  const fromDir = from.endsWith('/') ? from : from.slice(0, from.lastIndexOf('/') + 1);
  const fromParts = fromDir.split('/').filter(Boolean);
  const toParts = toPath.split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length - (toPath.endsWith('/') ? 0 : 1) && fromParts[common] === toParts[common]) {
    common += 1;
  }
  const up = '../'.repeat(fromParts.length - common);
  const down = toParts.slice(common).join('/');
  const trailing = toPath.endsWith('/') && down ? '/' : '';
  const folder = toPath.endsWith('/') ? INDEX_FILE : '';
  return `${up}${down}${trailing}${folder}${suffix}`;
}

/** The file a folder route is served from; named in every link so that links work from disk. */
export const INDEX_FILE = 'index.html';

function splitSuffix(url: string): [string, string] {
  const index = url.search(/[?#]/u);
  return index === -1 ? [url, ''] : [url.slice(0, index), url.slice(index)];
}

/** A function that makes links from one page: `const link = linker(page); link(routes.year(2024))`. */
export function linker(fromSitePath: string): (to: string) => string {
  return (to) => relativeUrl(fromSitePath, to);
}
