import { archiveExport } from '../../lib/export.ts';
import { siteData } from '../../lib/site.ts';

export function GET(): Response {
  const data = siteData();
  return new Response(`${JSON.stringify(archiveExport(data, data.decks), null, 1)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
