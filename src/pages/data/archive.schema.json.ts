import { archiveJsonSchema } from '../../lib/cite/data.ts';

export function GET(): Response {
  return new Response(`${JSON.stringify(archiveJsonSchema(), null, 1)}\n`, { headers: { 'content-type': 'application/schema+json; charset=utf-8' } });
}
