import { robotsTxt } from '../lib/cite/discovery.ts';
import { publicUrl } from '../lib/cite/site.ts';
import { routes } from '../lib/urls.ts';

export function GET(): Response {
  return new Response(robotsTxt(publicUrl(routes.sitemap())), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
