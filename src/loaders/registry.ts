/**
 * Page loaders of the public list (status codes and the per-address limits are decided here). Against harvesting:
 * entries are reached by unguessable public ids, searches and entry pages are limited per address, a query without a
 * letter or digit is refused, and no page of the list is for search engines.
 */
import type { AstroGlobal } from 'astro';
import { dict, otherLocale, pathTo } from '../i18n/index.ts';
import { agencyNames, type AgencyName } from '../server/agencies.ts';
import { getDb, getReadDb } from '../server/boot.ts';
import { cacheForEveryone } from './cache-for-everyone.ts';
import type { Locale } from '../server/catalog/types.ts';
import { abuseLimits } from '../server/abuse-limits.ts';
import { clientAddress } from '../server/ratelimit.ts';
import { checkQuery, getPublishedEntry, searchRegistry, type PublicEntry, type RegistryQuery, type SearchResult } from '../server/registry/search.ts';
import { provinceByCode } from '../server/provinces.ts';
import { refuseTooMany } from './too-many.ts';

/** Neither the list nor its entries belong in a search engine's index (a name would lead strangers to a debtor). */
function keepOutOfIndexes(Astro: AstroGlobal): void {
  Astro.response.headers.set('X-Robots-Tag', 'noindex, nofollow');
}

export interface RegistryProps extends SearchResult {
  query: RegistryQuery;
  searched: boolean;
  message: string | undefined;
  /** The field the message is about, for the error summary's link. */
  messageField: 'ten' | 'dia-chi';
  agencyNames: Record<string, AgencyName>;
}

async function namesOf(codes: string[]): Promise<Record<string, AgencyName>> {
  // The primary's: reference data is kept in the process from the primary only (src/server/reference-cache.ts).
  const all = await agencyNames(await getDb());
  return Object.fromEntries(codes.flatMap((c) => (all.has(c) ? [[c, all.get(c)!]] : [])));
}

export async function loadRegistrySearch(Astro: AstroGlobal, locale: Locale): Promise<RegistryProps> {
  const t = dict(locale).registry;
  keepOutOfIndexes(Astro);
  const p = Astro.url.searchParams;
  const raw: RegistryQuery = { name: p.get('ten') ?? undefined, address: p.get('dia-chi') ?? undefined, province: p.get('tinh') ?? undefined, number: p.get('so') ?? undefined };
  const searched = [raw.name, raw.address, raw.number].some((v) => v !== undefined && v !== null);
  const { query, problem } = checkQuery(raw);
  if (query.province && !provinceByCode(query.province)) query.province = undefined;
  // Only an address without a letter or digit is the address's fault; every other problem starts at the name.
  const messageField: RegistryProps['messageField'] = problem === 'no_letters' && (!query.name || /[\p{L}\p{N}]/u.test(query.name)) ? 'dia-chi' : 'ten';
  const empty = { query, searched, entries: [], total: 0, capped: false, similarFrom: 0, page: 1, pages: 0, agencyNames: {}, messageField };
  if (!searched) {
    // The search form alone, before a search (a search counts against the address's limit, so it is never cached).
    cacheForEveryone(Astro);
    return { ...empty, message: undefined };
  }
  if (problem) {
    Astro.response.status = 400;
    return { ...empty, message: t.problems[problem] };
  }
  // The limit is counted on the primary (a replica is read-only); the search reads the replica when there is one.
  const limited = await abuseLimits.registrySearch.hit(await getDb(), clientAddress(Astro.request, Astro.clientAddress));
  if (!limited.allowed) return { ...empty, message: refuseTooMany(Astro, locale, 'registrySearch', limited.retryAfterSeconds) };
  const result = await searchRegistry(await getReadDb(), query, Number(p.get('trang') ?? '1'));
  return { ...result, query, searched, message: undefined, messageField, agencyNames: await namesOf(result.entries.map((e) => e.agency_code)) };
}

export type RegistryEntryProps =
  | { entry: PublicEntry; agency: { name_vi: string; name_en: string } | undefined }
  /** Over the per-address limit: the message, and the same refusal's page in the other language. */
  | { refused: string; alternate: string };

/**
 * An entry's page by its public id (a numeric key, or anything else, is a 404). Every look-up counts against the
 * address's allowance, found or not, so guessing ids costs as much as reading entries.
 */
export async function loadRegistryEntry(Astro: AstroGlobal, locale: Locale): Promise<Response | RegistryEntryProps> {
  keepOutOfIndexes(Astro);
  const db = await getDb();
  const limited = await abuseLimits.registryEntry.hit(db, clientAddress(Astro.request, Astro.clientAddress));
  if (!limited.allowed) {
    const other = otherLocale(locale);
    return { refused: refuseTooMany(Astro, locale, 'registryEntry', limited.retryAfterSeconds), alternate: `${pathTo('registry', other)}/${Astro.params.id ?? ''}` };
  }
  const entry = await getPublishedEntry(await getReadDb(), Astro.params.id ?? '');
  if (!entry) return Astro.rewrite('/404');
  return { entry, agency: (await namesOf([entry.agency_code]))[entry.agency_code] };
}
