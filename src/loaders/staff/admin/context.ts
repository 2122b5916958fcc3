/**
 * What every administration page (/can-bo/quan-tri/…) opens with: administrators only (anyone else gets the 403
 * page), the signed-in administrator, whether they are central, and the database. Also the words of a refused field
 * and the log's time stamps, which the pages share.
 */
import type { AstroGlobal } from 'astro';
import type { Kysely } from 'kysely';
import { staffText } from '../../../i18n/staff/index.ts';
import type { AdminActor } from '../../../server/admin/access.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { getDb } from '../../../server/boot.ts';
import type { Database } from '../../../server/schema.ts';
import type { ErrorLink } from '../../error-link.ts';

export interface AdminPageContext {
  /** The signed-in administrator. */
  me: SessionUser;
  /** The administrator as the administration services see them. */
  actor: AdminActor;
  /** A central administrator (no agency): every agency, and the calendar. */
  central: boolean;
  db: Kysely<Database>;
}

/** The administration page's guard and setup: the context, or the 403 page for anyone but an administrator. */
export async function adminPage(Astro: AstroGlobal): Promise<AdminPageContext | Response> {
  const staff = Astro.locals.staff;
  if (!staff || staff.user.role !== 'admin') return Astro.rewrite('/403');
  const me = staff.user;
  const actor: AdminActor = { id: me.id, email: me.email, role: me.role, agency_code: me.agency_code };
  return { me, actor, central: me.agency_code === null, db: await getDb() };
}

const t = staffText.admin;

/** What to tell the administrator about one field's problem (from the actions and the services). */
function fieldMessage(field: string, problem: string): string {
  if ((field === 'password' || field === 'newPassword') && t.passwordProblems[problem]) return t.passwordProblems[problem];
  return t.fieldProblems[field]?.[problem] ?? t.fieldProblemOther;
}

/** The error summary and the message under each field of a refusal; each entry links to its input, `f-<field>-input`. */
export function fieldErrors(fields: Record<string, string>): { errors: ErrorLink[]; fieldErrors: Record<string, string> } {
  const byField: Record<string, string> = {};
  const errors: ErrorLink[] = [];
  for (const [field, problem] of Object.entries(fields)) {
    const message = fieldMessage(field, problem);
    byField[field] = message;
    errors.push({ href: `#f-${field}-input`, text: message });
  }
  return { errors, fieldErrors: byField };
}

