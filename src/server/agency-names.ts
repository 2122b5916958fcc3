/**
 * Agency names for pages that show many entries (the public list's results), from the process's copy of the agencies
 * (agencies.ts, reference-cache.ts): a search asks for no more than its own query.
 */
import type { Kysely } from 'kysely';
import { allAgencies } from './agencies.ts';
import { cachedReference } from './reference-cache.ts';
import type { Database } from './schema.ts';

export interface AgencyName {
  name_vi: string;
  name_en: string;
}

export function agencyNames(db: Kysely<Database>): Promise<Map<string, AgencyName>> {
  return cachedReference(db, 'agencies', 'names', async () => new Map((await allAgencies(db)).map((r) => [r.code, { name_vi: r.name_vi, name_en: r.name_en }])));
}
