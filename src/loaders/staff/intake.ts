/** Loader of counter intake's start (/can-bo/tiep-nhan): reception picks the procedure of the paper dossier to enter. */
import type { AstroGlobal } from 'astro';
import type { SessionUser } from '../../server/auth/session.ts';
import { procedures } from '../../server/catalog/index.ts';
import { staffPath } from '../../server/routes.ts';
import type { TextLink } from '../error-link.ts';
import { signedInStaff } from './signed-in.ts';

export interface IntakeProps {
  user: SessionUser;
  /** Each procedure's counter form. */
  forms: TextLink[];
}

export async function loadIntake(Astro: AstroGlobal): Promise<IntakeProps | Response> {
  const staff = signedInStaff(Astro);
  if (staff.user.role !== 'reception') return Astro.rewrite('/403');
  return { user: staff.user, forms: procedures.map((p) => ({ href: staffPath('intakeForm', { slug: p.slug.vi }), text: p.name.vi })) };
}
