/** Whom a dossier can be given to: the officers who may be assigned it or asked to verify it. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface AssignableOfficer {
  id: number;
  full_name: string;
}

/**
 * The active officers of the dossier's agency and of the agency above it (a provincial agency assigns its regional
 * offices' dossiers too), by name.
 */
export function assignableOfficers(db: Kysely<Database>, agency: { code: string; parent_code: string | null }): Promise<AssignableOfficer[]> {
  return db
    .selectFrom('staff_users')
    .select(['id', 'full_name'])
    .where('role', '=', 'officer')
    .where('disabled_at', 'is', null)
    .where((eb) => eb.or([eb('agency_code', '=', agency.code), eb('agency_code', '=', agency.parent_code ?? '')]))
    .orderBy('full_name')
    .execute();
}
