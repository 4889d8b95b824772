/**
 * The Content-Security-Policy of the archive: exactly what its pages need.
 *
 * - Everything the pages load comes from the archive itself ('self'): pages, CSS
 *   (inline, allowed by hash), scripts under assets/ and the Pagefind bundle, thumbnails, PDFs.
 * - Pagefind compiles its WebAssembly search engine: 'wasm-unsafe-eval' (not 'unsafe-eval').
 * - The video player swaps in a youtube-nocookie.com frame after a click: the only other host.
 * - No plugins, no <base> (links are relative), forms (the search box) only to the archive.
 *
 * Astro writes it into every page as <meta http-equiv> with the hashes of the inline
 * styles and scripts it renders (astro.config.mjs `security.csp`); the mirror's server
 * configs (scripts/mirror/server-config.ts) send the same policy as a header, plus what
 * a meta tag cannot carry (frame-ancestors).
 */

export const VIDEO_FRAME_ORIGIN = 'https://www.youtube-nocookie.com';

/** Directives other than script-src and style-src (Astro adds those with its hashes). */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  `frame-src ${VIDEO_FRAME_ORIGIN}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
] as const;

export const CSP_SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;
export const CSP_STYLE_RESOURCES = ["'self'"] as const;

/** The `security.csp` option of astro.config.mjs. */
export const astroCsp = {
  algorithm: 'SHA-256' as const,
  directives: [...CSP_DIRECTIVES],
  scriptDirective: { resources: [...CSP_SCRIPT_RESOURCES] },
  styleDirective: { resources: [...CSP_STYLE_RESOURCES] },
};

/** Directives only a response header can carry (ignored in a meta tag). */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'self'"] as const;

/** The policy a page carries in its <meta http-equiv="content-security-policy">, or null. */
export function metaPolicy(html: string): string | null {
  const match = /<meta http-equiv="content-security-policy" content="([^"]*)"/iu.exec(html);
  return match?.[1]?.replace(/&#39;/gu, "'").replace(/&amp;/gu, '&') ?? null;
}

/**
 * The header policy for the whole mirror: every page's policy merged (a header and a meta
 * policy both apply, so the header must allow the inline styles and scripts of every page:
 * the union of their hashes) plus the header-only directives. Sources keep their first order.
 */
export function headerPolicy(pagePolicies: Iterable<string>): string {
  const directives = new Map<string, string[]>();
  for (const policy of pagePolicies) {
    for (const directive of policy.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/u);
      if (!name) continue;
      const known = directives.get(name) ?? [];
      for (const source of sources) if (!known.includes(source)) known.push(source);
      directives.set(name, known);
    }
  }
  for (const directive of HEADER_ONLY_DIRECTIVES) {
    const [name = '', ...sources] = directive.split(' ');
    directives.set(name, sources);
  }
  return [...directives.entries()].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}
