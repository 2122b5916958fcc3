import type { APIRoute } from 'astro';
import { resultTemplateCsv } from '../../../server/enforcement-results/csv.ts';

/** The CSV template of an enforcement results import (header and one example row); for signed-in staff. */
export const GET: APIRoute = ({ locals }) => {
  if (!locals.staff) return new Response('Cần đăng nhập.', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(resultTemplateCsv(), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="ket-qua-thi-hanh-an-mau.csv"' },
  });
};
