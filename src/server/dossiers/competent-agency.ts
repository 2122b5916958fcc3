/**
 * Which agency is competent to handle a complaint or denunciation, from the agency the petitioner names and what the
 * petition says (Law on Civil Judgment Enforcement 2008, Arts. 142–143; Law on Denunciations 2018, Art. 14):
 * - a complaint about an officer is decided by the head of the officer's agency; one about a head, by the head of the
 *   agency one level up;
 * - a second complaint is decided one level above the one that decided the first;
 * - a denunciation of a head is handled one level up (so the person denounced never handles it, nor reads who made it).
 * One level above a provincial agency is the General Department of Civil Judgment Enforcement (Ministry of Justice),
 * which this portal does not serve: such a petition stays with the provincial agency, flagged for it to pass on.
 */
import type { Kysely, Transaction } from 'kysely';
import type { LifecycleKind } from '../catalog/types.ts';
import type { Database } from '../schema.ts';
import { allAgencies } from '../agencies.ts';

export type RoutingReason = 'about_head' | 'second_complaint';

export interface Routing {
  /** Where the petition is filed. */
  agencyCode: string;
  /** Why not the agency named; null when it is the agency named. */
  reason: RoutingReason | null;
  /** The competent level is above every agency the portal serves. */
  aboveProvince: boolean;
}

/** How many levels above the agency named the competent one is (0, 1 or 2), by the petition's answers. */
export function levelsUp(kind: LifecycleKind, answers: Record<string, unknown>): { levels: number; reason: RoutingReason | null } {
  if (kind === 'denunciation') return answers.accusedPosition === 'head' ? { levels: 1, reason: 'about_head' } : { levels: 0, reason: null };
  if (kind !== 'complaint') return { levels: 0, reason: null };
  const first = answers.respondentRole === 'head' ? 1 : 0;
  if (answers.round === 'second') return { levels: first + 1, reason: 'second_complaint' };
  return first === 1 ? { levels: 1, reason: 'about_head' } : { levels: 0, reason: null };
}

/** The competent agency for a petition naming `namedAgency`, given each agency's parent (null for a province). */
export function competentAgencyIn(
  parentOf: (code: string) => string | null | undefined,
  kind: LifecycleKind,
  namedAgency: string,
  answers: Record<string, unknown>,
): Routing {
  const { levels, reason } = levelsUp(kind, answers);
  let code = namedAgency;
  for (let i = 0; i < levels; i++) {
    const parent = parentOf(code);
    if (!parent) return { agencyCode: code, reason, aboveProvince: true };
    code = parent;
  }
  return { agencyCode: code, reason, aboveProvince: false };
}

/** The competent agency for a petition naming `namedAgency` (an agency code), by the agencies table. */
export async function competentAgency(
  db: Kysely<Database> | Transaction<Database>,
  kind: LifecycleKind,
  namedAgency: string,
  answers: Record<string, unknown>,
): Promise<Routing> {
  if (levelsUp(kind, answers).levels === 0) return { agencyCode: namedAgency, reason: null, aboveProvince: false };
  const parents = new Map((await allAgencies(db)).map((a) => [a.code, a.parent_code]));
  return competentAgencyIn((code) => parents.get(code), kind, namedAgency, answers);
}

/** What a routed petition's data records: the agency named, and why it went elsewhere. */
export function routingRecord(named: string, routing: Routing): { routing?: { namedAgency: string; reason: RoutingReason; aboveProvince: boolean } } {
  return routing.reason ? { routing: { namedAgency: named, reason: routing.reason, aboveProvince: routing.aboveProvince } } : {};
}
