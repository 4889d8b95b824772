import { atomFeed } from '../lib/cite/discovery.ts';
import { publicUrl } from '../lib/cite/site.ts';
import { siteData } from '../lib/site.ts';
import { linker, routes } from '../lib/urls.ts';

export function GET(): Response {
  const data = siteData();
  const feed = atomFeed(data, data.decks, { title: 'Internet Week アーカイブ: 新しいプログラムと講演資料', limit: 50, absolute: publicUrl, relative: linker(routes.feed()) });
  return new Response(feed, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
