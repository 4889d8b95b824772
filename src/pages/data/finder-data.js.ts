import { finderScript } from '../../lib/mirror/finder.ts';
import { siteData } from '../../site/data.ts';

/** The from-disk finder's data as a script (src/lib/mirror/finder.ts). */
export async function GET(): Promise<Response> {
  return new Response(finderScript(await siteData()), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
}
