/** What every page needs to make its links: its own site path and the configured base. */
import { linker, sitePath } from './urls.ts';

export interface PageContext {
  /** Site path of this page without the base: "/2024/o1/". */
  path: string;
  /** Makes a relative link from this page to a site path. */
  link: (to: string) => string;
}

export function pageContext(url: URL, base: string): PageContext {
  // Astro renders the 404 route as "/404/" but writes it to 404.html at the root: link from there.
  const routePath = sitePath(decodeURI(url.pathname), base);
  const path = routePath === '/404/' || routePath === '/404' ? '/404.html' : routePath;
  return { path, link: linker(path) };
}
