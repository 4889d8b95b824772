import { oldLinksScript } from '../../lib/mirror/old-links.ts';
import { siteCite } from '../../site/cite.ts';

/** The old-URL table as a script for the lookup page (src/lib/mirror/old-links.ts). */
export async function GET(): Promise<Response> {
  return new Response(oldLinksScript((await siteCite()).oldLinks()), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
}
