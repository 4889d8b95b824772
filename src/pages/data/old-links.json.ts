import { siteCite } from '../../site/cite.ts';

/** The old-URL table, read by `npm run mirror` for the redirect rules (src/lib/mirror/old-links.ts). */
export async function GET(): Promise<Response> {
  return new Response(`${JSON.stringify((await siteCite()).oldLinks(), null, 1)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
