import { CITE_FORMATS, formatItems, type CiteFormat } from '../../lib/cite/formats.ts';
import { allCitations } from '../../lib/cite/site.ts';

export function getStaticPaths() {
  return (Object.keys(CITE_FORMATS) as CiteFormat[]).map((format) => ({ params: { citations: `iw.${CITE_FORMATS[format].extension}` }, props: { format } }));
}

export function GET({ props }: { props: { format: CiteFormat } }): Response {
  return new Response(formatItems(allCitations(), props.format), { headers: { 'content-type': CITE_FORMATS[props.format].mime } });
}
