import { CITE_FORMATS, formatItems, type CiteFormat } from '../../../lib/cite/formats.ts';
import { programCitation } from '../../../lib/cite/site.ts';
import type { Program } from '../../../lib/content.ts';
import { siteData } from '../../../lib/site.ts';

export function getStaticPaths() {
  return siteData().programs.flatMap((program) =>
    (Object.keys(CITE_FORMATS) as CiteFormat[]).map((format) => ({ params: { file: `${program.id}.${CITE_FORMATS[format].extension}` }, props: { program, format } })),
  );
}

export function GET({ props }: { props: { program: Program; format: CiteFormat } }): Response {
  return new Response(formatItems([programCitation(props.program)], props.format), { headers: { 'content-type': CITE_FORMATS[props.format].mime } });
}

