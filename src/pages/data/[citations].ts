import { CITE_FORMATS, formatItems, type CiteFormat } from '../../lib/cite/formats.ts';
import { siteCite } from '../../site/cite.ts';

export function getStaticPaths() {
  return (Object.keys(CITE_FORMATS) as CiteFormat[]).map((format) => ({ params: { citations: `iw.${CITE_FORMATS[format].extension}` }, props: { format } }));
}

export async function GET({ props }: { props: { format: CiteFormat } }): Promise<Response> {
  return new Response(formatItems((await siteCite()).allCitations(), props.format), { headers: { 'content-type': CITE_FORMATS[props.format].mime } });
}
