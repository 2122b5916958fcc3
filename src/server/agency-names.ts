/**
 * Agency names for pages that show many entries (the public list's results). Names are reference data, changed only
 * by the seed at start-up, so a copy kept for a few minutes saves a query on every search (bench/registry.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface AgencyName {
  name_vi: string;
  name_en: string;
}

const TTL_MS = 5 * 60_000;
let cached: { at: number; db: Kysely<Database>; names: Promise<Map<string, AgencyName>> } | undefined;

export function agencyNames(db: Kysely<Database>, now = Date.now()): Promise<Map<string, AgencyName>> {
  if (!cached || cached.db !== db || now - cached.at > TTL_MS) {
    const names = db
      .selectFrom('agencies')
      .select(['code', 'name_vi', 'name_en'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, { name_vi: r.name_vi, name_en: r.name_en }])));
    cached = { at: now, db, names };
    // A failed load is not kept: the next page asks again.
    names.catch(() => {
      if (cached?.names === names) cached = undefined;
    });
  }
  return cached.names;
}
