import { oldLinksScript } from '../../lib/mirror/old-links.ts';
import { siteOldLinks } from '../../lib/site.ts';

/** The old-URL table as a script for the lookup page (src/lib/mirror/old-links.ts). */
export function GET(): Response {
  return new Response(oldLinksScript(siteOldLinks()), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
}
