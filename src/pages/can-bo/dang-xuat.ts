import type { APIRoute } from 'astro';
import { deleteSessionCookie } from '../../actions/staff-cookie.ts';
import { recordAudit } from '../../server/audit.ts';
import { invalidateSession } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { clientAddress } from '../../server/ratelimit.ts';

/** Sign out: a POST (Astro's origin check applies), never a GET a link or an image could trigger. */
export const POST: APIRoute = async (ctx) => {
  const staff = ctx.locals.staff;
  if (staff) {
    const db = await getDb();
    await invalidateSession(db, staff.session.id);
    await recordAudit(db, { id: staff.user.id, email: staff.user.email, ip: clientAddress(ctx.request, ctx.clientAddress) }, { action: 'auth.signout', entityType: 'staff', entityId: staff.user.id });
  }
  deleteSessionCookie(ctx.cookies);
  return ctx.redirect('/can-bo/dang-nhap?da-dang-xuat=1', 303);
};
