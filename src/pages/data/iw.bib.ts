import { bibtex } from '../../lib/cite.ts';
import { eventOfYear, siteData } from '../../lib/site.ts';

export function GET(): Response {
  const data = siteData();
  const entries = [...data.programs]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((program) => bibtex(program, eventOfYear(data, program.year), undefined));
  return new Response(`${entries.join('\n\n')}\n`, { headers: { 'content-type': 'application/x-bibtex; charset=utf-8' } });
}
