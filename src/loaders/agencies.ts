/**
 * Loader of the agency directory. It runs in the page's frontmatter, before anything is streamed: a database that
 * fails here becomes the 503 page, where a query inside the component would fail after the response had begun and
 * leave the citizen waiting on a page that never ends.
 */
import type { AstroGlobal } from 'astro';
import { listAgencies, type AgencyWithOffices } from '../server/agencies.ts';
import { getDb } from '../server/boot.ts';
import { provinceByCode } from '../server/provinces.ts';
import { cacheForEveryone } from './cache-for-everyone.ts';

export interface AgenciesProps {
  /** The province filtered on ('' for every province). */
  selected: string;
  agencies: AgencyWithOffices[];
}

export async function loadAgencies(Astro: AstroGlobal): Promise<AgenciesProps> {
  // Unknown codes are ignored rather than rejected: the filter is a convenience, the full list is always valid.
  const requested = Astro.url.searchParams.get('province') ?? '';
  const selected = provinceByCode(requested) ? requested : '';
  // The primary's, kept in the process (src/server/reference-cache.ts): a replica could hand back rows older than a change just announced.
  const agencies = await listAgencies(await getDb(), { province: selected || undefined });
  cacheForEveryone(Astro, ['agencies']);
  return { selected, agencies };
}
