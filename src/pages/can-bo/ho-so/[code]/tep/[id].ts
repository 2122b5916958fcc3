import type { APIRoute } from 'astro';
import { getDb } from '../../../../../server/boot.ts';
import { attachmentResponse } from '../../../../../server/dossiers/download.ts';
import { attachmentForStaff } from '../../../../../server/dossiers/staff-view.ts';
import { rowIdOf } from '../../../../../server/row-id.ts';

/** An attachment, downloaded (never displayed inline: the bytes come from citizens) by staff who may see its dossier. */
export const GET: APIRoute = async ({ params, locals }) => {
  const staff = locals.staff;
  if (!staff) return new Response(null, { status: 401 });
  const id = rowIdOf(params.id) ?? NaN;
  const file = Number.isFinite(id) ? await attachmentForStaff(await getDb(), params.code ?? '', id, { agencyCode: staff.user.agency_code }) : null;
  if (!file) return new Response('Không tìm thấy tệp', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return attachmentResponse(file);
};
