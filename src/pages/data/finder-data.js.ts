import { finderScript } from '../../lib/mirror/finder.ts';
import { siteData } from '../../lib/site.ts';

/** The from-disk finder's data as a script (src/lib/mirror/finder.ts). */
export function GET(): Response {
  return new Response(finderScript(siteData()), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
}
