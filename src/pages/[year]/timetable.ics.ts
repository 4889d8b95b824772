/** /2024/timetable.ics: the year's programs as an iCalendar file (src/lib/ical.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { icalendar, programEvent } from '../../lib/ical.ts';
import { programsOfYear } from '../../lib/site.ts';
import { routes } from '../../lib/urls.ts';
import { isIsoDate } from '../../lib/dates.ts';
import { siteCite } from '../../site/cite.ts';
import { siteData } from '../../site/data.ts';
import { renderFilter } from '../../site/render.ts';
import { TYPE_LABELS } from '../../lib/labels.ts';

export const getStaticPaths = (async () => {
  const render = await renderFilter();
  return (await siteData()).events.filter((event) => render.year(event.year)).map((event) => ({ params: { year: String(event.year) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const data = await siteData();
  const event = data.events.find((candidate) => String(candidate.year) === params.year);
  if (!event) return new Response('no such year', { status: 404 });
  // Absolute links only when the site's address is set (content/site.yaml); a calendar cannot use relative ones.
  const { publicUrl } = await siteCite();
  const events = programsOfYear(data, event.year).map((program) =>
    programEvent(program, {
      typeLabel: program.type ? TYPE_LABELS[program.type] : undefined,
      url: publicUrl(routes.program(program.year, program.slug)),
    }),
  );
  // DTSTAMP from the content, not the clock: the event's last day, or its year's when that is not known.
  const body = icalendar(events, { name: event.name, stampDate: event.end && isIsoDate(event.end) ? event.end : `${event.year}-12-31` });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
