/**
 * The public list of judgment debtors without conditions to enforce (Art. 44a): search and detail, showing only
 * what the law publishes. Searches compare against `search_name`/`search_address` (lower-case, unaccented, đ→d) with
 * trigram similarity, so "nguyen van hung" finds "Nguyễn Văn Hùng", word order matters little and one typo is forgiven.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, RegistryEntry } from './schema.ts';

/** Exactly the published fields (Circular 04/2023/TT-BTP Art. 4(1)) plus province, agency and dates. */
export type PublicEntry = Pick<
  RegistryEntry,
  | 'id'
  | 'debtor_name'
  | 'debtor_address'
  | 'province_code'
  | 'agency_code'
  | 'judgment_number'
  | 'judgment_date'
  | 'judgment_court'
  | 'decision_number'
  | 'decision_date'
  | 'obligation'
  | 'reason'
  | 'reason_detail'
  | 'verified_on'
  | 'published_on'
>;

/** The published fields, in the order of the law's list (also the CSV columns of import and export). */
export const publishedFields = [
  'debtor_name',
  'debtor_address',
  'province_code',
  'agency_code',
  'judgment_number',
  'judgment_date',
  'judgment_court',
  'decision_number',
  'decision_date',
  'obligation',
  'reason',
  'reason_detail',
  'verified_on',
  'published_on',
] as const;

const publicColumns = ['id', ...publishedFields] as const;

export interface RegistryQuery {
  name?: string;
  address?: string;
  province?: string;
  /** A judgment or enforcement decision number, matched exactly (case-insensitive). */
  number?: string;
}

export const PAGE_SIZE = 20;
/** No bulk dump: at most this many results for any query, whatever the paging. */
export const MAX_RESULTS = 100;

export type QueryProblem = 'empty' | 'tooShort' | 'tooLong';

/** Cleans a query; a query must name somebody (2+ letters), an address (3+) or a number. */
export function checkQuery(q: RegistryQuery): { query: RegistryQuery; problem: QueryProblem | null } {
  const clean = (v: string | undefined, max: number) => (v ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max) || undefined;
  const query: RegistryQuery = { name: clean(q.name, 100), address: clean(q.address, 150), province: clean(q.province, 10), number: clean(q.number, 60) };
  if (!query.name && !query.address && !query.number) return { query, problem: 'empty' };
  if ((query.name && query.name.replace(/[^\p{L}]/gu, '').length < 2) || (!query.name && !query.number && (query.address?.length ?? 0) < 3)) {
    return { query, problem: 'tooShort' };
  }
  return { query, problem: null };
}

/** One page of published entries matching the query, best match first; `total` is capped at MAX_RESULTS. */
export async function searchRegistry(
  db: Kysely<Database>,
  input: RegistryQuery,
  page = 1,
): Promise<{ entries: PublicEntry[]; total: number; page: number; pages: number }> {
  const { query, problem } = checkQuery(input);
  if (problem) return { entries: [], total: 0, page: 1, pages: 0 };
  const pages = Math.ceil(MAX_RESULTS / PAGE_SIZE);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  let q = db.selectFrom('registry_entries').where('removed_on', 'is', null);
  if (query.name) q = q.where(sql<boolean>`search_name % search_fold(${query.name})`);
  if (query.address) {
    for (const word of query.address.split(' ').filter((w) => w.length >= 2).slice(0, 6)) {
      q = q.where(sql<boolean>`search_address like '%' || search_fold(${word}) || '%'`);
    }
  }
  if (query.province) q = q.where('province_code', '=', query.province);
  if (query.number) {
    const n = query.number.toUpperCase();
    q = q.where((eb) => eb.or([eb(sql`upper(judgment_number)`, '=', n), eb(sql`upper(decision_number)`, '=', n)]));
  }
  const ranked = query.name
    ? q.select(publicColumns).select(sql<number>`similarity(search_name, search_fold(${query.name}))`.as('score')).orderBy('score', 'desc')
    : q.select(publicColumns).select(sql<number>`0`.as('score')).orderBy('published_on', 'desc');
  const rows = await ranked.orderBy('id').limit(MAX_RESULTS).execute();
  const entries = rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map(({ score: _score, ...e }) => e);
  return { entries, total: rows.length, page: current, pages: Math.max(1, Math.ceil(rows.length / PAGE_SIZE)) };
}

/** A published entry, or undefined (removed entries are not shown). */
export async function getPublishedEntry(db: Kysely<Database>, id: number): Promise<PublicEntry | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  return db.selectFrom('registry_entries').select(publicColumns).where('id', '=', id).where('removed_on', 'is', null).executeTakeFirst();
}
