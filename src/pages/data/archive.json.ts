import { siteArchiveData } from '../../lib/cite/site.ts';

export function GET(): Response {
  const body = siteArchiveData();
  return new Response(`${JSON.stringify(body, null, 1)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
