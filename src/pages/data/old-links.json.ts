import { siteOldLinks } from '../../lib/site.ts';

/** The old-URL table, read by `npm run mirror` for the redirect rules (src/lib/mirror/old-links.ts). */
export function GET(): Response {
  return new Response(`${JSON.stringify(siteOldLinks(), null, 1)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
