/** Page loaders of the public list (status codes and the per-address search limit are decided here). */
import type { AstroGlobal } from 'astro';
import { dict } from '../i18n/index.ts';
import { agencyNames, type AgencyName } from '../server/agency-names.ts';
import { getDb } from '../server/boot.ts';
import type { Locale } from '../server/catalog/types.ts';
import { clientAddress, createRateLimiter } from '../server/ratelimit.ts';
import { checkQuery, getPublishedEntry, searchRegistry, type PublicEntry, type RegistryQuery, type SearchResult } from '../server/registry.ts';
import { provinceByCode } from '../server/provinces.ts';

// Generous for a person, tight for a script harvesting the list (no bulk dump).
const searches = createRateLimiter({ limit: 60, windowMs: 10 * 60_000 });

export interface RegistryProps extends SearchResult {
  query: RegistryQuery;
  searched: boolean;
  message: string | undefined;
  agencyNames: Record<string, AgencyName>;
}

async function namesOf(codes: string[]): Promise<Record<string, AgencyName>> {
  const all = await agencyNames(await getDb());
  return Object.fromEntries(codes.flatMap((c) => (all.has(c) ? [[c, all.get(c)!]] : [])));
}

export async function loadRegistrySearch(Astro: AstroGlobal, locale: Locale): Promise<RegistryProps> {
  const t = dict(locale).registry;
  const p = Astro.url.searchParams;
  const raw: RegistryQuery = { name: p.get('ten') ?? undefined, address: p.get('dia-chi') ?? undefined, province: p.get('tinh') ?? undefined, number: p.get('so') ?? undefined };
  const searched = [raw.name, raw.address, raw.number].some((v) => v !== undefined && v !== null);
  const { query, problem } = checkQuery(raw);
  if (query.province && !provinceByCode(query.province)) query.province = undefined;
  const empty = { query, searched, entries: [], total: 0, capped: false, similarFrom: 0, page: 1, pages: 0, agencyNames: {} };
  if (!searched) return { ...empty, message: undefined };
  if (problem) {
    Astro.response.status = 400;
    return { ...empty, message: problem === 'empty' ? t.emptyQuery : t.tooShort };
  }
  if (!searches.hit(clientAddress(Astro.request, Astro.clientAddress)).allowed) {
    Astro.response.status = 429;
    return { ...empty, message: t.tooMany };
  }
  const result = await searchRegistry(await getDb(), query, Number(p.get('trang') ?? '1'));
  return { ...result, query, searched, message: undefined, agencyNames: await namesOf(result.entries.map((e) => e.agency_code)) };
}

export async function loadRegistryEntry(Astro: AstroGlobal): Promise<Response | { entry: PublicEntry; agency: { name_vi: string; name_en: string } | undefined }> {
  const id = /^\d{1,15}$/.test(Astro.params.id ?? '') ? Number(Astro.params.id) : NaN;
  const entry = Number.isFinite(id) ? await getPublishedEntry(await getDb(), id) : undefined;
  if (!entry) return Astro.rewrite('/404');
  return { entry, agency: (await namesOf([entry.agency_code]))[entry.agency_code] };
}
