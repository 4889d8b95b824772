import { siteCite } from '../../site/cite.ts';
import { csvTable, TABLES, type TableName } from '../../lib/cite/tables.ts';

export function getStaticPaths() {
  return TABLES.map((table) => ({ params: { table }, props: { table } }));
}

export async function GET({ props }: { props: { table: TableName } }): Promise<Response> {
  const body = (await siteCite()).siteArchiveData();
  return new Response(csvTable(body, props.table), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
}
