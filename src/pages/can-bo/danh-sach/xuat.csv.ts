/**
 * The published entries of the signed-in staff member's agencies as a CSV file (UTF-8 with a byte-order mark, so
 * Excel shows the Vietnamese text), streamed: a national export never sits in memory. The columns are the import's.
 */
import type { APIRoute } from 'astro';
import { getDb } from '../../../server/boot.ts';
import { exportCsv } from '../../../server/registry/admin.ts';
import { clientAddress } from '../../../server/ratelimit.ts';
import { todayInVietnam } from '../../../server/validation/dates.ts';
import { registryActorOf } from './_lib/registry.ts';

export const GET: APIRoute = async (ctx) => {
  const staff = ctx.locals.staff;
  const actor = staff ? registryActorOf(staff.user) : undefined;
  if (!staff || !actor) return new Response('Không có quyền', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const lines = exportCsv(await getDb(), { ...actor, ip: clientAddress(ctx.request, ctx.clientAddress) });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A few hundred lines per chunk: fewer, larger writes.
      let chunk = '';
      for (let i = 0; i < 500; i++) {
        const { value, done } = await lines.next();
        if (done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const name = `danh-sach-chua-co-dieu-kien-${(actor.agency_code ?? 'toan-quoc').toLowerCase()}-${todayInVietnam()}.csv`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  });
};
