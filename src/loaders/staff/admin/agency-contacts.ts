/**
 * Loader of the agency contacts page (/can-bo/quan-tri/co-quan): the agencies an administrator manages with their
 * published contact details, the one being edited (?co-quan=<code>, the last save, or an agency administrator's own)
 * and the answer to its form.
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { AdminOutcome } from '../../../actions/admin/outcome.ts';
import { staffText } from '../../../i18n/staff/index.ts';
import { agenciesInScope, type ManagedAgency } from '../../../server/admin/access.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { pathTo, staffPath } from '../../../server/routes.ts';
import type { ActionFeedback } from '../../action-feedback.ts';
import { actionFeedback } from '../../action-feedback.ts';
import { adminPage, fieldErrors } from './context.ts';

type Contacts = Pick<ManagedAgency, 'address' | 'phone' | 'email' | 'head_name'>;

export interface AgencyContactsRow extends Contacts {
  code: string;
  name: string;
  /** How many of the four details are not given. */
  missing: number;
  editHref: string;
  current: boolean;
}

export interface AgencyContactsProps extends ActionFeedback {
  user: SessionUser;
  central: boolean;
  directoryHref: string;
  /** ?co-quan= names an agency outside the administrator's scope. */
  notInScope: boolean;
  /** The agency being edited: the form's values (those just refused, else the stored ones) and its public page. */
  selected: { code: string; name: string; publicHref: string; values: Record<keyof Contacts, string> } | undefined;
  agencies: AgencyContactsRow[];
}

export async function loadAgencyContacts(Astro: AstroGlobal): Promise<AgencyContactsProps | Response> {
  const page = await adminPage(Astro);
  if (page instanceof Response) return page;
  const { me, central, db } = page;
  const t = staffText.admin.agencies;

  const result = Astro.getActionResult(actions.adminUpdateAgencyContacts);
  const outcome: AdminOutcome | undefined = result?.data;
  const agencies = await agenciesInScope(db, me);

  // The agency being edited: from the address, the last save, or (agency administrators) their own.
  const param = (Astro.url.searchParams.get('co-quan') ?? '').slice(0, 40);
  const selectedCode = param || outcome?.target || (central ? '' : (me.agency_code ?? ''));
  const selected = agencies.find((a) => a.code === selectedCode);

  const feedback = actionFeedback<AdminOutcome>(Astro, result, {
    done: () => (selected ? t.saved(selected.name_vi) : undefined),
    refused: (refused) => {
      if (refused.problem === 'invalid' && Object.keys(refused.fields).length > 0) return fieldErrors(refused.fields);
      return { href: selected ? '#sua' : '#danh-sach', text: (refused.problem && t.problems[refused.problem]) || staffText.common.actionFailed };
    },
    failed: { href: '#danh-sach', text: t.failed },
  });
  const refused = outcome && !outcome.ok && selected && outcome.target === selected.code ? outcome.values : undefined;
  const missing = (a: ManagedAgency) => [a.address, a.phone, a.email, a.head_name].filter((v) => !v).length;
  return {
    ...feedback,
    user: me,
    central,
    directoryHref: pathTo('agencies', 'vi'),
    notInScope: Boolean(param) && !selected,
    selected: selected && {
      code: selected.code,
      name: selected.name_vi,
      publicHref: `${pathTo('agencies', 'vi')}?province=${encodeURIComponent(selected.province_code)}`,
      values: refused
        ? { address: refused.address ?? '', phone: refused.phone ?? '', email: refused.email ?? '', head_name: refused.head_name ?? '' }
        : { address: selected.address ?? '', phone: selected.phone ?? '', email: selected.email ?? '', head_name: selected.head_name ?? '' },
    },
    agencies: agencies.map((a) => ({
      code: a.code,
      name: a.name_vi,
      address: a.address,
      phone: a.phone,
      email: a.email,
      head_name: a.head_name,
      missing: missing(a),
      editHref: `${staffPath('adminAgencies', { 'co-quan': a.code })}#sua`,
      current: a.code === selected?.code,
    })),
  };
}
