import { CITE_FORMATS, formatItems, type CiteFormat } from '../../../lib/cite/formats.ts';
import { siteCite } from '../../../site/cite.ts';
import type { Program } from '../../../lib/content.ts';
import { siteData } from '../../../site/data.ts';
import { renderFilter } from '../../../site/render.ts';

export async function getStaticPaths() {
  const render = await renderFilter();
  return (await siteData()).programs.filter((program) => render.program(program.id)).flatMap((program) =>
    (Object.keys(CITE_FORMATS) as CiteFormat[]).map((format) => ({ params: { file: `${program.id}.${CITE_FORMATS[format].extension}` }, props: { program, format } })),
  );
}

export async function GET({ props }: { props: { program: Program; format: CiteFormat } }): Promise<Response> {
  return new Response(formatItems([(await siteCite()).programCitation(props.program)], props.format), { headers: { 'content-type': CITE_FORMATS[props.format].mime } });
}

