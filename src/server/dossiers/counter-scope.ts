/**
 * Which agencies a reception officer may enter a paper dossier for at the counter: their own agency and, for a
 * provincial agency, its regional offices (the scope every staff action is held to, src/server/dossiers/transition.ts).
 * A dossier for another province's agency is the citizen's to file there, online or at that agency's counter.
 */
import type { Kysely } from 'kysely';
import type { Procedure } from '../catalog/types.ts';
import type { Agency, Database } from '../schema.ts';
import { agencyAndOffices } from '../agencies.ts';

/** The agencies within a counter's scope, in the directory's order; none for an account without an agency. */
export async function counterAgencies(db: Kysely<Database>, staffAgency: string | null): Promise<Agency[]> {
  if (staffAgency === null) return [];
  return [...(await agencyAndOffices(db, staffAgency))];
}

/**
 * The agencies a counter form or draft names (its agency fields, filled in) that lie outside the officer's scope;
 * empty when every one is within it. Unknown codes count as outside: the counter names only agencies it serves.
 */
export async function agenciesOutOfScope(
  db: Kysely<Database>,
  staffAgency: string | null,
  procedure: Procedure,
  valueOf: (field: string) => unknown,
): Promise<string[]> {
  const named = procedure.fields
    .filter((f) => f.kind === 'agency')
    .map((f) => valueOf(f.name))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
  if (named.length === 0) return [];
  const allowed = new Set((await counterAgencies(db, staffAgency)).map((a) => a.code));
  return named.filter((code) => !allowed.has(code));
}
