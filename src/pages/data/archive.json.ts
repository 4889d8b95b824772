import { archiveExport } from '../../lib/export.ts';
import { siteData } from '../../site/data.ts';

export async function GET(): Promise<Response> {
  const data = await siteData();
  return new Response(`${JSON.stringify(archiveExport(data, data.decks), null, 1)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
