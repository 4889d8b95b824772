import { bibtex } from '../../lib/cite.ts';
import { eventOfYear } from '../../lib/site.ts';
import { siteData } from '../../site/data.ts';

export async function GET(): Promise<Response> {
  const data = await siteData();
  const entries = [...data.programs]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((program) => bibtex(program, eventOfYear(data, program.year), undefined));
  return new Response(`${entries.join('\n\n')}\n`, { headers: { 'content-type': 'application/x-bibtex; charset=utf-8' } });
}
