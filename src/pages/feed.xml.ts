import { atomFeed } from '../lib/cite/discovery.ts';
import { siteCite } from '../site/cite.ts';
import { siteData } from '../site/data.ts';
import { linker, routes } from '../lib/urls.ts';

export async function GET(): Promise<Response> {
  const data = await siteData();
  const { publicUrl } = await siteCite();
  const feed = atomFeed(data, data.decks, { title: 'Internet Week アーカイブ: 新しいプログラムと講演資料', limit: 50, absolute: publicUrl, relative: linker(routes.feed()) });
  return new Response(feed, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
