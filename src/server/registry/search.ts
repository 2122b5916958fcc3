/**
 * The public list of judgment debtors without conditions to enforce (Art. 44a): search and detail, showing only
 * what the law publishes. Searches compare against `search_name`/`search_address` (lower-case, unaccented, đ→d), so
 * "nguyen van hung" finds "Nguyễn Văn Hùng"; names match by whole words in any order, with one typo forgiven, and are
 * ranked by trigram similarity; address words match as folded substrings (trigram index).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { oneEditVariants } from './one-edit.ts';
import { searchKey } from '../search-key.ts';
import type { Database, RegistryEntry } from '../schema.ts';

/**
 * Exactly the published fields (Circular 04/2023/TT-BTP Art. 4(1)) plus province, agency and dates, and the entry's
 * public id: the sequential primary key never leaves the back office, so the list cannot be walked page by page.
 */
export type PublicEntry = Pick<
  RegistryEntry,
  | 'public_id'
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

const publicColumns = ['public_id', ...publishedFields] as const;

/** The form of a public id (db/migrations/20261201T1720_registry_public_ids.ts): 20 lowercase hex characters. */
export const PUBLIC_ID = /^[0-9a-f]{20}$/;

export interface RegistryQuery {
  name?: string;
  address?: string;
  province?: string;
  /**
   * A judgment or enforcement decision number, or its beginning up to a "/" or "-" (case-insensitive): "364/2024"
   * finds "364/2024/DS-PT", "364" finds "364/QĐ-THADS" but not "3641/2024/DS-ST".
   */
  number?: string;
}

export const PAGE_SIZE = 20;
/** No bulk dump: at most this many results for any query, whatever the paging. */
export const MAX_RESULTS = 100;

export const queryProblems = ['empty', 'no_letters', 'too_short'] as const;
export type QueryProblem = (typeof queryProblems)[number];

/**
 * Cleans a query; a query must name somebody (2+ letters), an address (3+) or a number. A name or an address without
 * a letter or a digit ("---") is refused: folded, it has no word, and no word is contained in every address.
 */
export function checkQuery(q: RegistryQuery): { query: RegistryQuery; problem: QueryProblem | null } {
  const clean = (v: string | undefined, max: number) => (v ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max) || undefined;
  const number = clean(q.number, 60);
  const query: RegistryQuery = {
    name: clean(q.name, 100),
    address: clean(q.address, 150),
    province: clean(q.province, 10),
    // Only separators ("/", "-") would match every number: no number at all.
    number: number && /[\p{L}\p{N}]/u.test(number) ? number : undefined,
  };
  if (!query.name && !query.address && !query.number) return { query, problem: 'empty' };
  if ([query.name, query.address].some((v) => v !== undefined && !/[\p{L}\p{N}]/u.test(v))) return { query, problem: 'no_letters' };
  if ((query.name && query.name.replace(/[^\p{L}]/gu, '').length < 2) || (!query.name && !query.number && (query.address?.length ?? 0) < 3)) {
    return { query, problem: 'too_short' };
  }
  return { query, problem: null };
}

/** Tiers 3 and 4 rank at most this many candidate rows each (an arbitrary subset when a name is very common). */
const CANDIDATES = 300;
/** With an address, each tier looks for it among at most this many bearers of the name (the newest, for tiers 0–2). */
const NAMESAKES_WITH_ADDRESS = 5000;

export interface SearchResult {
  entries: PublicEntry[];
  /** Results found, at most MAX_RESULTS. */
  total: number;
  /** More than MAX_RESULTS matched: the person should narrow the search. */
  capped: boolean;
  /** Index (in the whole result list) of the first entry whose name is only similar (one typo away); total if none. */
  similarFrom: number;
  page: number;
  pages: number;
}

/**
 * The conditions besides the name: the address's words (whole words in any order or, as a fallback, parts of words
 * through the trigram index), the province, a judgment or enforcement decision number; null when there are none.
 */
function otherFilters(query: RegistryQuery, addressAsFragments: boolean): RawBuilder<boolean> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (query.address && !addressAsFragments) parts.push(sql`address_words @> search_words(search_fold(${query.address}))`);
  if (query.address && addressAsFragments) {
    for (const word of searchKey(query.address).split(' ').filter((w) => w.length >= 2).slice(0, 6)) parts.push(sql`search_address like ${'%' + word + '%'}`);
  }
  if (query.province) parts.push(sql`province_code = ${query.province}`);
  if (query.number) {
    const n = numberKey(query.number);
    // Among a name's candidates, a filter (without a name, numbered() finds them through the indexes): the character
    // after the typed beginning must end a part of the number, so "36" does not find "364/2024/DS-PT".
    const starts = (column: 'judgment_number' | 'decision_number') =>
      sql`(upper(${sql.ref(column)}) like ${n.replace(/[\\%_]/g, '\\$&') + '%'} and substr(upper(${sql.ref(column)}), ${[...n].length + 1}, 1) in ('', '/', '-'))`;
    parts.push(sql`(${starts('judgment_number')} or ${starts('decision_number')})`);
  }
  return parts.length ? sql<boolean>`${sql.join(parts, sql` and `)}` : null;
}

/** A typed number as it is stored: upper case, no spaces around "/" or "-" ("364 / 2024" → "364/2024"), no trailing separator. */
export function numberKey(typed: string): string {
  return typed.toUpperCase().replace(/\s*([/-])\s*/g, '$1').replace(/\s+/g, ' ').replace(/[/-]+$/, '').trim();
}

/**
 * Ids of published entries whose judgment or decision number is `key` or begins with it followed by "/" or "-": per
 * column, the key itself and the byte range [key + "-", key + "0"), where "-", "." and "/" sort — each an index-only
 * scan of a pattern-ops btree (db/migrations/20261124T0900_registry_number_prefix.ts). As one `LIKE 'key%'` condition
 * the range would hold every number beginning with the key's digits ("1" → 1, 10–19, 100–199 …), and as OR-ed
 * conditions PostgreSQL would walk the primary key backwards filtering rows (15 ms for "24" at 200,000 entries).
 */
function numbered(db: Kysely<Database>, key: string) {
  const branches = (['judgment_number', 'decision_number'] as const).flatMap((column) => {
    const number = sql`upper(${sql.ref(column)})`;
    const from = db.selectFrom('registry_entries').select('id').where('removed_on', 'is', null);
    return [
      from.where(sql<boolean>`${number} = ${key}`),
      from.where(sql<boolean>`${number} ~>=~ ${key + '-'} and ${number} ~<~ ${key + '0'} and substr(${number}, ${[...key].length + 1}, 1) <> '.'`),
    ];
  });
  return branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]!);
}

/** Published entries meeting the conditions of a search without a name, newest first. */
async function withoutName(db: Kysely<Database>, query: RegistryQuery, addressAsFragments: boolean): Promise<Match[]> {
  const want = MAX_RESULTS + 1;
  const filters = otherFilters({ ...query, number: undefined }, addressAsFragments);
  if (query.number) {
    const ids = numbered(db, numberKey(query.number));
    // A number alone is answered from the indexes; with an address or a province its entries are read and filtered.
    if (!filters) return db.selectFrom(ids.as('n')).select('id').select(sql.lit(0).as('tier')).groupBy('id').orderBy('id', 'desc').limit(want).execute();
    return db
      .selectFrom('registry_entries')
      .select('id')
      .select(sql.lit(0).as('tier'))
      .where('removed_on', 'is', null)
      .where('id', 'in', ids)
      .where(filters)
      .orderBy('id', 'desc')
      .limit(want)
      .execute();
  }
  const q = db.selectFrom('registry_entries').where('removed_on', 'is', null);
  return (filters ? q.where(filters) : q).select('id').select(sql.lit(0).as('tier')).orderBy('id', 'desc').limit(want).execute();
}

/**
 * Published entries found by a name condition, then narrowed by the other conditions. With an address, the name's
 * index leads: the name condition is planned behind an OFFSET 0 fence, so PostgreSQL cannot start from address words
 * it believes rare but a tenth of the country shares ("Hà Nội": estimated 7,800 rows, 78,000 in fact) and filter
 * them by name (0.4 s at 1,000,000 entries); the cost is bounded instead by the number of namesakes.
 */
function byName(
  db: Kysely<Database>,
  query: RegistryQuery,
  fragments: boolean,
  name: RawBuilder<boolean>,
  options: { newestFirst: boolean; typoKeys?: string[]; bitmap?: boolean },
) {
  const { newestFirst, typoKeys } = options;
  let inner = db.selectFrom('registry_entries').where('removed_on', 'is', null);
  // A join from the variants, so that PostgreSQL probes the name-key btree once per variant. (As `= any(<variants>)`
  // the planner cannot estimate 800 values without statistics and may scan a whole province: 150 ms instead of 1 ms.)
  if (typoKeys) inner = inner.innerJoin(sql<{ v: string }>`unnest(${typoKeys}::text[])`.as('v'), (join) => join.onTrue()) as unknown as typeof inner;
  const selected = inner
    .where(name)
    .select(['registry_entries.id', 'search_name', 'search_address', 'address_words', 'province_code', 'judgment_number', 'decision_number']);
  const filters = otherFilters(query, fragments);
  // Without an address the planner gets it right (the name's btree, newest first, stopping at the limit): no fence.
  // Nor for the name-words GIN, which PostgreSQL combines with the address-words GIN (a BitmapAnd) as it should.
  if (!query.address || options.bitmap) return db.selectFrom(selected.as('c')).where(filters ?? sql<boolean>`true`);
  // The ranked tiers take their candidates in any order; the others newest first.
  const fenced = (newestFirst ? selected.orderBy('registry_entries.id', 'desc') : selected).limit(NAMESAKES_WITH_ADDRESS).offset(0);
  return db.selectFrom(fenced.as('c')).where(filters ?? sql<boolean>`true`);
}

type ByName = ReturnType<typeof byName>;

/** A matching entry's id and the tier that found it (4: a similar name, one typo away). */
interface Match {
  id: number;
  tier: number;
}

/** At most `want` of at most CANDIDATES rows of a candidate set, most similar name first (pg_trgm similarity). */
function ranked(db: Kysely<Database>, candidates: ByName, tier: number, name: string, want: number) {
  return db
    .selectFrom(candidates.select(['id', 'search_name']).limit(CANDIDATES).as('r'))
    .select('id')
    .select(sql.lit(tier).as('tier'))
    .orderBy(sql`similarity(search_name, search_key(search_fold(${name})))`, 'desc')
    .orderBy('id', 'desc')
    .limit(want);
}

/**
 * Entries whose name matches, best first, in tiers:
 *   0. the name exactly as typed (folded) — btree, newest first, stops at the hundred-and-first namesake;
 *   1. the same words in another order ("Hung Nguyen Van") — btree on the sorted words;
 *   2. for two words, family name and given name ("Nguyễn Hùng" for "Nguyễn Văn Hùng") — btree on first and last word;
 *   3. every typed word somewhere in the name — GIN over the name's words, ranked by trigram similarity;
 *   4. names one typo away from what was typed — btree probes of the key's variants, ranked by similarity; reported
 *      apart (`similarFrom`) as similar names.
 * Tiers are the branches of a UNION ALL under LIMIT MAX_RESULTS + 1: PostgreSQL's Append reads its branches one after
 * the other and stops when the limit is met, so a later tier only runs when the earlier ones fell short — most searches
 * end in the first btree. Tiers 0–2 are one statement, tiers 3–4 (dearer to plan) a second one when needed. Each tier
 * leaves out what an earlier one finds (by its condition, not by a list of ids). Whole words keep each step selective where the trigrams of common Vietnamese
 * syllables are not (db/migrations/20261123T1600_registry_name_words.ts, bench/registry.ts). The keys are folded by
 * the database, byte for byte what the indexes hold; only the typo variants start from the JavaScript twin of the fold.
 */
async function nameMatches(db: Kysely<Database>, query: RegistryQuery & { name: string }, fragments: boolean): Promise<Match[]> {
  const want = MAX_RESULTS + 1;
  const key = searchKey(query.name);
  if (!key) return [];
  const name = query.name;
  const twoWords = key.split(' ').length === 2;
  // Each stored column (db/migrations/20261123T1600_registry_name_words.ts) against the same function of what was typed.
  const folded = { name_key: 'search_key', name_sorted_key: 'search_sorted_key', name_first_last: 'search_first_last' } as const;
  const is = (column: keyof typeof folded) => sql<boolean>`${sql.ref(column)} = ${sql.raw(folded[column])}(search_fold(${name}))`;
  const not = (column: keyof typeof folded) => sql<boolean>`${sql.ref(column)} <> ${sql.raw(folded[column])}(search_fold(${name}))`;
  const hasAllWords = sql<boolean>`name_words @> search_words(search_fold(${name}))`;
  const all = (...conditions: RawBuilder<boolean>[]) => sql<boolean>`${sql.join(conditions, sql` and `)}`;
  const exactly = (tier: number, ...where: RawBuilder<boolean>[]) =>
    byName(db, query, fragments, all(...where), { newestFirst: true }).select('id').select(sql.lit(tier).as('tier')).orderBy('id', 'desc').limit(want);
  const union = async (branches: { compile(): unknown }[], limit: number) =>
    (await sql<Match>`select * from (${sql.join(branches.map((b) => sql`(${b})`), sql` union all `)}) as t limit ${limit}`.execute(db)).rows;
  const found = await union(
    [
      exactly(0, is('name_key')),
      exactly(1, is('name_sorted_key'), not('name_key')),
      ...(twoWords ? [exactly(2, is('name_first_last'), not('name_sorted_key'))] : []),
    ],
    want,
  );
  // Tiers 3 and 4 cost more to plan and to run: a second statement, only when the btree tiers fell short.
  if (found.length < want) {
    const earlier = twoWords ? [not('name_sorted_key'), not('name_first_last')] : [not('name_sorted_key')];
    const variants = oneEditVariants(key);
    found.push(
      ...(await union(
        [
          ranked(db, byName(db, query, fragments, all(hasAllWords, ...earlier), { newestFirst: false, bitmap: true }), 3, name, want),
          ...(variants.length
            ? [ranked(db, byName(db, query, fragments, all(sql`name_key = v`, sql`not ${hasAllWords}`), { newestFirst: false, typoKeys: variants }), 4, name, want)]
            : []),
        ],
        want - found.length,
      )),
    );
  }
  // Stable sort: the order within a tier is kept. A name can only meet two tiers' conditions in odd cases (two
  // one-letter words swapped): it is shown once, in the better tier.
  const seen = new Set<number>();
  return found.sort((a, b) => a.tier - b.tier).filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/**
 * One page of published entries matching the query, best match first; at most MAX_RESULTS in all. The matching and
 * ranking return ids only (the name tiers can often be answered from their indexes alone); the published fields are
 * then read for the page's entries only.
 */
export async function searchRegistry(db: Kysely<Database>, input: RegistryQuery, page = 1): Promise<SearchResult> {
  const { query, problem } = checkQuery(input);
  const pages = Math.ceil(MAX_RESULTS / PAGE_SIZE);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  if (problem) return { entries: [], total: 0, capped: false, similarFrom: 0, page: 1, pages: 0 };
  const run = async (fragments: boolean): Promise<Match[]> =>
    query.name
      ? nameMatches(db, { ...query, name: query.name }, fragments)
      : withoutName(db, query, fragments);
  let matches = await run(false);
  // An address typed as parts of words ("p. Bến Th") finds nothing word by word: look for the fragments instead.
  if (matches.length === 0 && query.address) matches = await run(true);
  const total = Math.min(matches.length, MAX_RESULTS);
  const onPage = matches.slice((current - 1) * PAGE_SIZE, Math.min(total, current * PAGE_SIZE));
  const rows = onPage.length ? await db.selectFrom('registry_entries').select(['id', ...publicColumns]).where('id', 'in', onPage.map((m) => m.id)).where('removed_on', 'is', null).execute() : [];
  const byId = new Map(rows.map(({ id, ...entry }) => [id, entry]));
  const similar = matches.findIndex((m) => m.tier === 4);
  return {
    // An entry removed between the two reads is left out rather than shown.
    entries: onPage.flatMap((m) => byId.get(m.id) ?? []),
    total,
    capped: matches.length > MAX_RESULTS,
    similarFrom: similar === -1 ? total : Math.min(similar, total),
    page: current,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** A published entry by its public id, or undefined (removed entries are not shown; nor is anything by its key). */
export async function getPublishedEntry(db: Kysely<Database>, publicId: string): Promise<PublicEntry | undefined> {
  if (!PUBLIC_ID.test(publicId)) return undefined;
  return db.selectFrom('registry_entries').select(publicColumns).where('public_id', '=', publicId).where('removed_on', 'is', null).executeTakeFirst();
}
