/** What every page needs to make its links: its own site path and the configured base. */
import { linker, sitePath } from './urls.ts';

export interface PageContext {
  /** Site path of this page without the base: "/2024/o1/". */
  path: string;
  /** Makes a relative link from this page to a site path. */
  link: (to: string) => string;
}

export function pageContext(url: URL, base: string): PageContext {
  const path = sitePath(decodeURI(url.pathname), base);
  return { path, link: linker(path) };
}
