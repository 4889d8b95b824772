import { sitemapXml } from '../lib/cite/discovery.ts';
import { publicUrl } from '../lib/cite/site.ts';
import { siteData } from '../lib/site.ts';

export function GET(): Response {
  return new Response(sitemapXml(siteData(), publicUrl), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}
