import { sitemapXml } from '../lib/cite/discovery.ts';
import { siteCite } from '../site/cite.ts';
import { siteData } from '../site/data.ts';

export async function GET(): Promise<Response> {
  return new Response(sitemapXml(await siteData(), (await siteCite()).publicUrl), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}
