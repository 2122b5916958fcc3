/**
 * Loader of `/can-bo/ho-so/<code>/nguoi-to-cao`, the denouncer's identity (src/server/denouncers/vault.ts).
 *
 * The forms post to the page itself, not to an Astro action: a read answers with the identity on that very
 * response (never stored, never redirected to a page that could be reloaded or cached), and an action endpoint
 * (`/_actions/…`) would be a second door to the identity outside the back office's no-store headers. Grants and
 * revocations redirect after the post (post/redirect/get).
 */
import type { AstroGlobal } from 'astro';
import { getDb } from '../../server/boot.ts';
import { normaliseDossierCode } from '../../server/dossiers/code.ts';
import {
  grantAccess,
  grantableStaff,
  listGrants,
  readIdentity,
  recordRefusedVisit,
  REASON_MAX,
  revokeAccess,
  vaultCase,
  type AccessBasis,
  type GrantProblem,
  type GrantRow,
  type IdentityView,
} from '../../server/denouncers/vault.ts';
import { clientAddress } from '../../server/ratelimit.ts';
import type { StaffRole } from '../../server/auth/staff.ts';
import { rowIdOf } from '../../server/row-id.ts';
import type { ErrorLink } from '../error-link.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';

export type DenouncerPageProps =
  | { forbidden: true; code: string }
  | {
      forbidden: false;
      code: string;
      basis: AccessBasis;
      identity: IdentityView | null;
      canManage: boolean;
      grants: GrantRow[];
      grantable: { id: number; name: string; role: StaffRole }[];
      errors: ErrorLink[];
      notice: string | undefined;
      /** What the forms post back when they are shown again with an error. */
      values: { reason: string; grantReason: string; staffId: string };
      reasonMax: number;
    };

const t = staffText.denouncer;

/** Where each refusal points: the form it belongs to. */
const readLinks: Record<string, ErrorLink> = {
  reason_required: { href: '#ly-do', text: t.readProblems.reason_required },
  reason_too_long: { href: '#ly-do', text: t.readProblems.reason_too_long(REASON_MAX) },
  undecryptable: { href: '#xem', text: t.readProblems.undecryptable },
};
const grantLinks: Record<GrantProblem, ErrorLink> = {
  reason_required: { href: '#ly-do-cap', text: t.grantProblems.reason_required },
  reason_too_long: { href: '#ly-do-cap', text: t.grantProblems.reason_too_long(REASON_MAX) },
  staff_invalid: { href: '#can-bo', text: t.grantProblems.staff_invalid },
  denounced: { href: '#can-bo', text: t.grantProblems.denounced },
  already: { href: '#can-bo', text: t.grantProblems.already },
  not_found: { href: '#quyen-xem', text: t.grantProblems.not_found },
  not_allowed: { href: '#xem', text: t.grantProblems.not_allowed },
};

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.slice(0, 5000) : '';
};

export async function loadDenouncerPage(Astro: AstroGlobal): Promise<Response | DenouncerPageProps> {
  const staff = Astro.locals.staff;
  if (!staff || (staff.user.totpEnabled && !staff.session.twoFactorVerified)) return Astro.redirect(staffPath('signIn'), 303);
  // The identity is shown on a POST response: no cache of any kind may keep it.
  Astro.response.headers.set('Cache-Control', 'no-store');
  const db = await getDb();
  const code = normaliseDossierCode(Astro.params.code ?? '');
  const c = code ? await vaultCase(db, { code }) : null;
  if (!c) return Astro.rewrite('/404');
  const viewer = { id: staff.user.id, email: staff.user.email };
  const ctx = { ip: clientAddress(Astro.request, Astro.clientAddress) };
  const forbidden = (): DenouncerPageProps => {
    Astro.response.status = 403;
    return { forbidden: true, code: c.code };
  };

  let identity: IdentityView | null = null;
  const errors: ErrorLink[] = [];
  const values = { reason: '', grantReason: '', staffId: '' };
  let basis: AccessBasis;

  if (Astro.request.method === 'POST') {
    let form: FormData;
    try {
      form = await Astro.request.formData();
    } catch {
      Astro.response.status = 400;
      form = new FormData();
    }
    const op = field(form, 'op');
    if (op === 'grant' || op === 'revoke') {
      const result =
        op === 'grant'
          ? await grantAccess(db, c.id, viewer, rowIdOf(field(form, 'staffId')) ?? 0, field(form, 'reason'), ctx)
          : await revokeAccess(db, c.id, viewer, rowIdOf(field(form, 'grantId')) ?? 0, ctx);
      if (result.ok) return Astro.redirect(`${Astro.url.pathname}?da-thuc-hien=${op === 'grant' ? 'cap-quyen' : 'thu-hoi'}`, 303);
      const access = await recordRefusedVisit(db, c.id, viewer, ctx);
      if (!access.allowed) return forbidden();
      basis = access.basis;
      errors.push(grantLinks[result.problem]);
      // An administrator may see the page, but managing who else may read is the head's alone.
      if (result.problem === 'not_allowed') Astro.response.status = 403;
      else {
        Astro.response.status = 400;
        values.grantReason = field(form, 'reason').slice(0, REASON_MAX * 2);
        values.staffId = field(form, 'staffId');
      }
    } else {
      const result = await readIdentity(db, c.id, viewer, { reason: field(form, 'reason'), ...ctx });
      if (!result.ok && (result.problem === 'denounced' || result.problem === 'not_allowed' || result.problem === 'not_found')) return forbidden();
      if (result.ok) {
        identity = result.identity;
        basis = result.basis;
      } else {
        Astro.response.status = 400;
        errors.push(readLinks[result.problem]!);
        values.reason = field(form, 'reason').slice(0, REASON_MAX * 2);
        const access = await recordRefusedVisit(db, c.id, viewer, ctx);
        if (!access.allowed) return forbidden();
        basis = access.basis;
      }
    }
  } else {
    const access = await recordRefusedVisit(db, c.id, viewer, ctx);
    if (!access.allowed) return forbidden();
    basis = access.basis;
  }

  const canManage = basis === 'head';
  const flag = Astro.url.searchParams.get('da-thuc-hien') ?? '';
  return {
    forbidden: false,
    code: c.code,
    basis,
    identity,
    canManage,
    grants: canManage ? await listGrants(db, c.id) : [],
    grantable: canManage ? await grantableStaff(db, c.id) : [],
    errors,
    notice: Astro.request.method === 'GET' ? t.done[flag] : undefined,
    values,
    reasonMax: REASON_MAX,
  };
}
