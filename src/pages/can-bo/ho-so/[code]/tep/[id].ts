import type { APIRoute } from 'astro';
import { getDb } from '../../../../../server/boot.ts';
import { attachmentForStaff } from '../../../../../server/dossiers/staff-view.ts';

/** An attachment, downloaded (never displayed inline: the bytes come from citizens) by staff who may see its dossier. */
export const GET: APIRoute = async ({ params, locals }) => {
  const staff = locals.staff;
  if (!staff) return new Response(null, { status: 401 });
  const id = /^\d{1,15}$/.test(params.id ?? '') ? Number(params.id) : NaN;
  const file = Number.isFinite(id) ? await attachmentForStaff(await getDb(), params.code ?? '', id, { agencyCode: staff.user.agency_code }) : null;
  if (!file) return new Response('Không tìm thấy tệp', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const ascii = file.file_name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'tep';
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.content_type,
      'Content-Length': String(file.size_bytes),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
};
