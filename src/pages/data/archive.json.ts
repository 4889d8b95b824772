import { siteCite } from '../../site/cite.ts';

export async function GET(): Promise<Response> {
  const body = (await siteCite()).siteArchiveData();
  return new Response(`${JSON.stringify(body, null, 1)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
