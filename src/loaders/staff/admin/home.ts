/** Loader of the administration's home (/can-bo/quan-tri): the four sections, worded for a central or an agency administrator. */
import type { AstroGlobal } from 'astro';
import { staffText } from '../../../i18n/staff/index.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { staffPath } from '../../../server/routes.ts';
import type { TextLink } from '../../error-link.ts';
import { adminPage } from './context.ts';

export interface AdminHomeProps {
  user: SessionUser;
  lead: string;
  sections: (TextLink & { title: string })[];
}

export async function loadAdminHome(Astro: AstroGlobal): Promise<AdminHomeProps | Response> {
  const page = await adminPage(Astro);
  if (page instanceof Response) return page;
  const { me, central } = page;
  const t = staffText.admin.home;
  return {
    user: me,
    lead: central ? t.leadCentral : t.leadAgency(me.agency_code ?? ''),
    sections: [
      { href: staffPath('adminStaff'), title: t.staff.title, text: central ? t.staff.central : t.staff.agency },
      { href: staffPath('adminAgencies'), title: t.agencies.title, text: t.agencies.text },
      { href: staffPath('adminCalendar'), title: t.calendar.title, text: central ? t.calendar.central : t.calendar.agency },
      { href: staffPath('adminAudit'), title: t.audit.title, text: t.audit.text },
    ],
  };
}
