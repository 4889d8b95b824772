import { atomFeed } from '../lib/cite/discovery.ts';
import { siteCite } from '../site/cite.ts';
import { siteData } from '../site/data.ts';
import { SITE_LABELS } from '../lib/labels.ts';
import { linker, routes } from '../lib/urls.ts';

export async function GET(): Promise<Response> {
  const data = await siteData();
  const { publicUrl } = await siteCite();
  const feed = atomFeed(data, data.decks, { title: `${SITE_LABELS.siteName}: ${SITE_LABELS.feedTitle}`, limit: 50, absolute: publicUrl, relative: linker(routes.feed()) });
  return new Response(feed, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
