/** What every back-office loader starts from: the staff member the middleware signed in. */
import type { SessionValidation } from '../../server/auth/session.ts';

/**
 * The signed-in staff member (second factor passed). src/middleware.ts lets no page under /can-bo run without one
 * (the sign-in and two-step pages excepted, which read `locals.staff` themselves), so a missing one is a bug.
 */
export function signedInStaff(Astro: { locals: App.Locals }): SessionValidation {
  const staff = Astro.locals.staff;
  if (!staff) throw new Error('A back-office page ran without a staff session (src/middleware.ts lets none through)');
  return staff;
}

