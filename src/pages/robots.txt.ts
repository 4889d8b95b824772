import { robotsTxt } from '../lib/cite/discovery.ts';
import { siteCite } from '../site/cite.ts';
import { routes } from '../lib/urls.ts';

export async function GET(): Promise<Response> {
  const { publicUrl } = await siteCite();
  return new Response(robotsTxt(publicUrl(routes.sitemap())), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
