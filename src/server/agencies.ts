import type { Kysely } from 'kysely';
import type { Agency, Database } from './schema.ts';

export interface AgencyWithOffices extends Agency {
  offices: Agency[];
}

/** Provincial agencies in the official order, each with its regional offices; optionally one province only. */
export async function listAgencies(db: Kysely<Database>, opts: { province?: string } = {}): Promise<AgencyWithOffices[]> {
  let query = db.selectFrom('agencies').selectAll().orderBy('sort_order');
  if (opts.province) query = query.where('province_code', '=', opts.province);
  const rows = await query.execute();
  const offices = new Map<string, Agency[]>();
  for (const row of rows) {
    if (!row.parent_code) continue;
    offices.set(row.parent_code, [...(offices.get(row.parent_code) ?? []), row]);
  }
  return rows.filter((r) => r.kind === 'provincial').map((r) => ({ ...r, offices: offices.get(r.code) ?? [] }));
}

/** Whether the database answers; used by /healthz. */
export async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await db.selectFrom('agencies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return true;
  } catch {
    return false;
  }
}
