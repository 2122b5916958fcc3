import { sql, type Kysely } from 'kysely';

// Name search by words instead of trigrams. Vietnamese names are built from a few hundred syllables, so nearly every
// name shares trigrams such as "ngu", "guy", "van" with a third of the list: at 1,000,000 entries a trigram `%` search
// for "nguyen van hung" rechecked hundreds of thousands of rows (p95 ≈ 2.4 s, bench/registry.ts). Whole folded words
// are selective instead, and btree lookups stop after the first hundred namesakes: an exact key for the name as typed,
// a sorted key for the same words in another order, first + last word for family and given name, the set of words
// (GIN) for any other part of a name, and the key again for one-typo variants (src/server/registry/search.ts). pg_trgm stays
// for parts of address words and for ranking by similarity.
export async function up(db: Kysely<any>): Promise<void> {
  // The words of an already folded text (search_fold), punctuation and repeated spaces ignored. Not STRICT, so the
  // planner can inline both functions (a strict wrapper around the non-strict array_remove would not be).
  await sql`
    create or replace function search_words(folded text) returns text[]
    language sql immutable parallel safe
    as $$ select array_remove(regexp_split_to_array(folded, '[^a-z0-9]+'), '') $$
  `.execute(db);
  // Those words joined by single spaces: "Nguyễn  Văn-Hùng" and "nguyen van hung" have the same key. Schema-qualified
  // because index builds run with a restricted search_path (PostgreSQL 17).
  await sql`
    create or replace function search_key(folded text) returns text
    language sql immutable parallel safe
    as $$ select array_to_string(public.search_words(folded), ' ') $$
  `.execute(db);
  // The same words sorted: "hung nguyen van" and "Nguyễn Văn Hùng" have the same sorted key (byte order, whatever
  // the database's collation, so that the function really is immutable).
  await sql`
    create or replace function search_sorted_key(folded text) returns text
    language sql immutable parallel safe
    as $$ select array_to_string(array(select w from unnest(public.search_words(folded)) as w order by w collate "C"), ' ') $$
  `.execute(db);
  // The first and last words, "nguyen hung" for "Nguyễn Văn Hùng": family name and given name, as people often say it.
  await sql`
    create or replace function search_first_last(folded text) returns text
    language sql immutable parallel safe
    as $$ select w[1] || ' ' || w[cardinality(w)] from (select public.search_words(folded) as w) as s $$
  `.execute(db);
  await sql`drop index if exists registry_name_trgm`.execute(db);
  // Stored, so the indexes are on plain columns: planning a search compares columns rather than expression trees
  // (planning was a third of the search's database time), and ANALYZE keeps their statistics like any column's.
  await sql`
    alter table registry_entries
      add column name_key text generated always as (search_key(search_fold(debtor_name))) stored,
      add column name_sorted_key text generated always as (search_sorted_key(search_fold(debtor_name))) stored,
      add column name_first_last text generated always as (search_first_last(search_fold(debtor_name))) stored,
      add column name_words text[] generated always as (search_words(search_fold(debtor_name))) stored,
      add column address_words text[] generated always as (search_words(search_fold(debtor_address))) stored
  `.execute(db);
  // With id in the key, the newest of thousands of namesakes come straight off the index, without sorting them all.
  await sql`create index registry_name_key on registry_entries (name_key, id) where removed_on is null`.execute(db);
  await sql`create index registry_name_sorted_key on registry_entries (name_sorted_key, id) where removed_on is null`.execute(db);
  await sql`create index registry_name_first_last on registry_entries (name_first_last, id) where removed_on is null`.execute(db);
  await sql`create index registry_name_words on registry_entries using gin (name_words) where removed_on is null`.execute(db);
  // Address words are matched whole too (faster than trigrams, and what "words of the address" means); the trigram
  // index on search_address stays for parts of words.
  await sql`create index registry_address_words on registry_entries using gin (address_words) where removed_on is null`.execute(db);
  // The planner ignores the statistics of partial indexes and would guess 0.5 % for the number expressions, then walk
  // the primary key backwards hoping to meet 101 matches early (0.9 s for a judgment number at 1,000,000 entries).
  // Expression statistics give it the real frequencies (the stored columns above have their own).
  await sql`create statistics registry_stats_judgment_number on (upper(judgment_number)) from registry_entries`.execute(db);
  await sql`create statistics registry_stats_decision_number on (upper(decision_number)) from registry_entries`.execute(db);
  await sql`analyze registry_entries`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop statistics if exists registry_stats_judgment_number`.execute(db);
  await sql`drop statistics if exists registry_stats_decision_number`.execute(db);
  await sql`
    alter table registry_entries
      drop column if exists name_key, drop column if exists name_sorted_key, drop column if exists name_first_last,
      drop column if exists name_words, drop column if exists address_words
  `.execute(db);
  await sql`create index registry_name_trgm on registry_entries using gin (search_name gin_trgm_ops) where removed_on is null`.execute(db);
  await sql`drop function if exists search_first_last(text)`.execute(db);
  await sql`drop function if exists search_sorted_key(text)`.execute(db);
  await sql`drop function if exists search_key(text)`.execute(db);
  await sql`drop function if exists search_words(text)`.execute(db);
}
