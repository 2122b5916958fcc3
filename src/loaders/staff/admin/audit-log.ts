/**
 * Loader of the audit log (/can-bo/quan-tri/nhat-ky): newest first, 50 a page (?before=<id> for older ones),
 * filtered by the actor's e-mail (?nguoi=), the action (?hanh-dong=), a period (?tu=, ?den=) and the agency
 * (?co-quan=). A central administrator sees every entry (optionally one agency's); an agency administrator only
 * their agency's, or one of its regional offices'.
 */
import type { AstroGlobal } from 'astro';
import { staffText } from '../../../i18n/staff/index.ts';
import { agenciesInScope } from '../../../server/admin/access.ts';
import { listAudit } from '../../../server/audit.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { rowIdOf } from '../../../server/row-id.ts';
import { staffPath } from '../../../server/routes.ts';
import { isRealDate } from '../../../server/validation/dates.ts';
import type { ErrorLink } from '../../error-link.ts';
import { auditActionGroups, auditActionLabels, auditRow, type AuditRow } from './audit-entries.ts';
import { adminPage } from './context.ts';

export interface AuditLogProps {
  user: SessionUser;
  central: boolean;
  /** Whose log an agency administrator reads ('' for a central one). */
  leadAgency: string;
  errors: ErrorLink[];
  fieldErrors: Record<string, string>;
  filter: { actor: string; action: string; from: string; to: string; agency: string | undefined };
  formHref: string;
  actionGroups: typeof auditActionGroups;
  /** An action code asked for that has no label: kept as a choice of its own. */
  unknownAction: string;
  agencies: { code: string; name: string }[];
  rows: AuditRow[];
  newestHref: string | undefined;
  olderHref: string | undefined;
}

export async function loadAuditLog(Astro: AstroGlobal): Promise<AuditLogProps | Response> {
  const page = await adminPage(Astro);
  if (page instanceof Response) return page;
  const { me, central, db } = page;
  const t = staffText.admin.audit;
  const agencies = await agenciesInScope(db, me);
  const agencyName = new Map(agencies.map((a) => [a.code, a.name_vi]));

  const params = Astro.url.searchParams;
  const errors: ErrorLink[] = [];
  const fieldError: Record<string, string> = {};
  const actor = (params.get('nguoi') ?? '').trim().slice(0, 100);
  const requestedAction = (params.get('hanh-dong') ?? '').trim();
  const action = /^[a-z0-9_.]{1,60}$/.test(requestedAction) ? requestedAction : '';
  const dateParam = (name: 'tu' | 'den', label: string) => {
    const value = (params.get(name) ?? '').trim();
    if (value === '') return '';
    if (isRealDate(value)) return value;
    fieldError[name] = t.dateInvalid(label);
    errors.push({ href: `#${name}`, text: fieldError[name] });
    return '';
  };
  const from = dateParam('tu', t.from);
  const to = dateParam('den', t.to);
  if (from && to && from > to) {
    fieldError.den = t.toBeforeFrom;
    errors.push({ href: '#den', text: fieldError.den });
  }
  const requestedAgency = params.get('co-quan') ?? '';
  const agencyFilter = agencyName.has(requestedAgency) ? requestedAgency : central ? undefined : (me.agency_code ?? undefined);
  const before = rowIdOf(params.get('before') ?? '') ?? undefined;

  const found = await listAudit(db, {
    actor: actor || undefined,
    action: action || undefined,
    from: from || undefined,
    to: fieldError.den ? undefined : to || undefined,
    agencyCode: agencyFilter,
    before,
    limit: 50,
  });

  const filterQuery = new URLSearchParams();
  if (actor) filterQuery.set('nguoi', actor);
  if (action) filterQuery.set('hanh-dong', action);
  if (from) filterQuery.set('tu', from);
  if (to) filterQuery.set('den', to);
  if (agencyFilter && (central || agencyFilter !== me.agency_code)) filterQuery.set('co-quan', agencyFilter);
  const linkWith = (extra: Record<string, string>) => {
    const q = new URLSearchParams(filterQuery);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return staffPath('adminAudit', q);
  };
  const last = found.entries.at(-1);
  return {
    user: me,
    central,
    leadAgency: central ? '' : t.leadAgency(agencyName.get(me.agency_code ?? '') ?? me.agency_code ?? ''),
    errors,
    fieldErrors: fieldError,
    filter: {
      actor,
      action,
      // A date not understood is shown back as typed, for the administrator to correct.
      from: from || (params.get('tu') ?? '').slice(0, 20),
      to: to || (params.get('den') ?? '').slice(0, 20),
      agency: agencyFilter,
    },
    formHref: staffPath('adminAudit'),
    actionGroups: auditActionGroups,
    unknownAction: action && !auditActionLabels[action] ? action : '',
    agencies: agencies.map((a) => ({ code: a.code, name: a.name_vi })),
    rows: found.entries.map(auditRow),
    newestHref: before ? linkWith({}) : undefined,
    olderHref: found.more && last ? linkWith({ before: String(last.id) }) : undefined,
  };
}
