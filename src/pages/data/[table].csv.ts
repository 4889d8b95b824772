import { siteArchiveData } from '../../lib/cite/site.ts';
import { csvTable, TABLES, type TableName } from '../../lib/cite/tables.ts';

export function getStaticPaths() {
  return TABLES.map((table) => ({ params: { table }, props: { table } }));
}

export function GET({ props }: { props: { table: TableName } }): Response {
  const body = siteArchiveData();
  return new Response(csvTable(body, props.table), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
}
