import type { Kysely, Transaction } from 'kysely';
import type { MailContacts } from './mail/templates.ts';
import type { Agency, Database } from './schema.ts';
import { cachedReference } from './reference-cache.ts';

export interface AgencyWithOffices extends Agency {
  offices: Agency[];
}

/**
 * Every agency in the official order, with its contact details: reference data, kept in the process while every
 * change is heard (reference-cache.ts). The rows are shared: callers must not change them.
 */
export function allAgencies(db: Kysely<Database>): Promise<readonly Agency[]> {
  return cachedReference(db, 'agencies', 'all', () => db.selectFrom('agencies').selectAll().orderBy('sort_order').orderBy('code').execute());
}

/** One agency by its code, from the same copy; undefined for a code no agency has. */
export async function agencyByCode(db: Kysely<Database>, code: string): Promise<Agency | undefined> {
  return (await allAgencies(db)).find((a) => a.code === code);
}

/**
 * An agency and its regional offices, in the official order: the scope of a provincial agency's staff (a regional
 * office has none, so it is alone). `null`, the central level, is every agency.
 */
export async function agencyAndOffices(db: Kysely<Database>, code: string | null): Promise<readonly Agency[]> {
  const all = await allAgencies(db);
  return code === null ? all : all.filter((a) => a.code === code || a.parent_code === code);
}

/** Provincial agencies in the official order, each with its regional offices; optionally one province only. */
export function listAgencies(db: Kysely<Database>, opts: { province?: string } = {}): Promise<AgencyWithOffices[]> {
  return cachedReference(db, 'agencies', `offices\n${opts.province ?? ''}`, async () => withOffices((await allAgencies(db)).filter((a) => !opts.province || a.province_code === opts.province)));
}

export interface AgencyName {
  name_vi: string;
  name_en: string;
}

/**
 * Agency names by code, for pages that show many entries (the public list's results): built from the process's copy
 * of the agencies, so a search asks the database for no more than its own query.
 */
export function agencyNames(db: Kysely<Database>): Promise<Map<string, AgencyName>> {
  return cachedReference(db, 'agencies', 'names', async () => new Map((await allAgencies(db)).map((r) => [r.code, { name_vi: r.name_vi, name_en: r.name_en }])));
}

function withOffices(rows: readonly Agency[]): AgencyWithOffices[] {
  const offices = new Map<string, Agency[]>();
  for (const row of rows) {
    if (!row.parent_code) continue;
    offices.set(row.parent_code, [...(offices.get(row.parent_code) ?? []), row]);
  }
  return rows.filter((r) => r.kind === 'provincial').map((r) => ({ ...r, offices: offices.get(r.code) ?? [] }));
}

/** Whether an agency has published every detail a citizen needs to reach it. */
export function hasAllContacts(agency: Pick<Agency, 'address' | 'phone' | 'email'>): boolean {
  return Boolean(agency.address && agency.phone && agency.email);
}

/**
 * Whom a citizen can contact about a dossier of `agencyCode`: the agency's published details and, for a regional
 * office that lacks some, its provincial agency's; the portal's help address for the rest.
 */
export async function contactsFor(db: Kysely<Database> | Transaction<Database>, agencyCode: string, helpEmail: string): Promise<MailContacts> {
  const agency = await db
    .selectFrom('agencies')
    .leftJoin('agencies as parent', 'parent.code', 'agencies.parent_code')
    .select([
      'agencies.address',
      'agencies.phone',
      'agencies.email',
      'parent.name_vi as parent_name_vi',
      'parent.name_en as parent_name_en',
      'parent.address as parent_address',
      'parent.phone as parent_phone',
      'parent.email as parent_email',
    ])
    .where('agencies.code', '=', agencyCode)
    .executeTakeFirstOrThrow();
  const own = { address: agency.address, phone: agency.phone, email: agency.email };
  const parent =
    agency.parent_name_vi !== null && !hasAllContacts(own)
      ? {
          name: { vi: agency.parent_name_vi, en: agency.parent_name_en ?? agency.parent_name_vi },
          address: agency.parent_address,
          phone: agency.parent_phone,
          email: agency.parent_email,
        }
      : undefined;
  return { agency: own, parent, helpEmail };
}
