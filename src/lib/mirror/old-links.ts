/**
 * Old links: the URLs under which the archive's material and years were published
 * before (a material's `originalUrl`, the official materials folder of its year, an
 * event's own URL), each mapped to the archive page that now holds it. Published as
 * redirect rules for nginx and Apache (the mirror package) and as the lookup page
 * (/old-links/), whose data and key function come from here.
 *
 * Only facts are mapped: the program pages of the official sites were reused across
 * years (internetweek.jp/program/ served 2012 and 2018), so a code-only program URL
 * without a year is ambiguous and is not guessed.
 */

/**
 * The folder official material lives under (DOMAIN.md). content/materials/<year>/ keeps each
 * era's own naming below the year (1999 notes/C3.PDF and proceedings/C03.PDF, 2008
 * proceedings/H3/IW2008-H3-07.pdf, 2009 h3/iw2009-h3-01.pdf, 2012 t9/t9-Yamaguchi.pdf), so a
 * material's file path is its path under .../iw/<year>/.
 */
export const OFFICIAL_MATERIALS = 'https://www.nic.ad.jp/ja/materials/iw/';

export interface OldLink {
  /** The old URL as it was published. */
  old: string;
  /** Site path of the archive page that holds it now. */
  page: string;
  /** Where the old URL comes from. */
  source: 'originalUrl' | 'official-folder' | 'event-url';
}

/** What the table is made from: the events (with their own URLs) and data/archive.json's programs (src/lib/export.ts). */
export interface ExportForOldLinks {
  events: { year: number; url?: string | null | undefined }[];
  programs: {
    year: number;
    /** The program's page ("/2024/o1/"). */
    url: string;
    materials: { file?: string; page?: string; url?: string; originalUrl?: string | null }[];
  }[];
}

/**
 * The key an old URL is looked up by: what people paste differs in scheme, "www.",
 * case (C03.PDF / c03.pdf), a query or fragment, a trailing index.html or slash, and
 * percent-encoding. Written self-contained: the lookup page runs its source text.
 */
export function oldLinkKey(url: string): string {
  let text = String(url).trim();
  try {
    text = decodeURI(text);
  } catch (error) {
    // Keep the text as pasted when it is not valid percent-encoding.
  }
  return text
    .replace(/[?#].*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/index\.html?$/i, '/')
    .replace(/\/+$/, '')
    .toLowerCase();
}

export function oldLinkTable(data: ExportForOldLinks): OldLink[] {
  const links = new Map<string, OldLink>();
  const add = (link: OldLink) => {
    const key = oldLinkKey(link.old);
    // The first mapping of a key wins: an explicit originalUrl before a derived folder path.
    if (!links.has(key)) links.set(key, link);
  };
  for (const program of data.programs) {
    for (const material of program.materials) {
      if (material.page && material.originalUrl) add({ old: material.originalUrl, page: material.page, source: 'originalUrl' });
    }
  }
  for (const program of data.programs) {
    for (const material of program.materials) {
      const prefix = `/materials/${program.year}/`;
      if (!material.page || !material.file?.startsWith(prefix)) continue;
      add({ old: `${OFFICIAL_MATERIALS}${program.year}/${material.file.slice(prefix.length)}`, page: material.page, source: 'official-folder' });
    }
  }
  // The official folders themselves: a year's folder → the year page; a folder holding the material of one
  // program (2012 t03/) → that program's page; a folder shared by several programs (proceedings/) → the year page.
  const folders = new Map<string, { year: number; programs: Set<string> }>();
  for (const program of data.programs) {
    const prefix = `/materials/${program.year}/`;
    for (const material of program.materials) {
      if (!material.file?.startsWith(prefix)) continue;
      const parts = material.file.slice(prefix.length).split('/').slice(0, -1);
      for (let depth = 0; depth <= parts.length; depth += 1) {
        const folder = `${OFFICIAL_MATERIALS}${program.year}/${parts.slice(0, depth).map((part) => `${part}/`).join('')}`;
        const known = folders.get(folder) ?? { year: program.year, programs: new Set<string>() };
        known.programs.add(program.url);
        folders.set(folder, known);
      }
    }
  }
  for (const [folder, { year, programs }] of [...folders.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const only = programs.size === 1 && !folder.endsWith(`/${year}/`) ? [...programs][0] : undefined;
    add({ old: folder, page: only ?? `/${year}/`, source: 'official-folder' });
  }
  for (const event of data.events) {
    if (event.url && /^https?:\/\//u.test(event.url)) add({ old: event.url, page: `/${event.year}/`, source: 'event-url' });
  }
  return [...links.values()].sort((a, b) => a.old.localeCompare(b.old));
}

/** The archive page of a pasted old URL, or null. */
export function findOldLink(table: OldLink[], pasted: string): OldLink | null {
  const key = oldLinkKey(pasted);
  return table.find((link) => oldLinkKey(link.old) === key) ?? null;
}

/** Characters that would end or escape a directive in nginx and Apache configs. */
const UNSAFE_IN_CONFIG = /[\s"';{}\\$]/u;

/**
 * Redirects grouped by the old host (each host's rules go into that host's server config):
 * one per old path, the first mapping winning, leaving out paths unsafe to write into a config.
 */
function redirectsByHost(table: OldLink[]): Map<string, Map<string, string>> {
  const hosts = new Map<string, Map<string, string>>();
  for (const link of table) {
    let url: URL;
    try {
      url = new URL(link.old);
    } catch {
      continue;
    }
    const rules = hosts.get(url.host) ?? new Map<string, string>();
    hosts.set(url.host, rules);
    if (!rules.has(url.pathname) && !UNSAFE_IN_CONFIG.test(url.pathname)) rules.set(url.pathname, link.page);
  }
  return new Map([...hosts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function redirectFile(table: OldLink[], header: string, rule: (from: string, page: string) => string): string {
  const lines = ['# Old Internet Week URLs → their pages in the archive (generated by npm run mirror).', header];
  for (const [host, rules] of redirectsByHost(table)) {
    lines.push('', `# ---- ${host} ----`, ...[...rules.entries()].map(([from, page]) => rule(from, page)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * nginx rules for the servers of the old hosts: `location = <old path>` → 301 to the page.
 * `target` is where the archive is served ("/archive/iw/" or "https://archive.example.org/iw/").
 */
export function nginxRedirects(table: OldLink[], target: string): string {
  return redirectFile(table, '# Put each host\'s section inside the server { } block of that host (e.g. www.nic.ad.jp).', (from, page) => `location = ${from} { return 301 ${joinTarget(target, page)}; }`);
}

/** Apache mod_alias rules for the configuration (or root .htaccess) of each old host. */
export function apacheRedirects(table: OldLink[], target: string): string {
  return redirectFile(table, '# Put each host\'s section into the configuration (or root .htaccess) of that host (e.g. www.nic.ad.jp); needs mod_alias.', (from, page) => `RedirectMatch 301 "^${escapeRegex(from)}$" "${joinTarget(target, page)}"`);
}

function joinTarget(target: string, page: string): string {
  return `${target.replace(/\/+$/u, '')}${page}`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^()|[\]]/gu, '\\$&');
}

/** The global the data script sets, read by assets/old-links.js. */
export const OLD_LINKS_GLOBAL = 'IW_OLD_LINKS';

/**
 * The lookup page's data as a script (works from disk: no fetch): the table as
 * [old URL, site path] pairs and the key function as code, so the page and the
 * redirect rules match old URLs the same way.
 */
export function oldLinksScript(table: OldLink[]): string {
  const pairs = table.map((link) => [link.old, link.page]);
  return `window.${OLD_LINKS_GLOBAL} = {\n  key: ${oldLinkKey.toString()},\n  links: ${JSON.stringify(pairs)}\n};\n`;
}
