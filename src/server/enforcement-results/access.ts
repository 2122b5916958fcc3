/**
 * Who may do what with the enforcement results.
 *
 * The rule: the figures are the case system's, and the agency's head answers for them. So importing a file is for
 * heads and administrators only — reception and officers do not report statistics (the portal has no statistics
 * role). A head imports for their agency and its regional offices; an administrator of an agency likewise; a
 * central administrator (no agency) for every agency. Targets are assigned from above: the head of a provincial
 * agency sets them for the agency and its regional offices, a central administrator for any agency; the head of a
 * regional office cannot set their own. Every staff member may read the figures of their agency and its offices.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { agencyAndOffices } from '../agencies.ts';

export interface EnforcementActor {
  id: number;
  email: string;
  role: 'reception' | 'officer' | 'head' | 'admin';
  agency_code: string | null;
  ip?: string | null;
}

const enforcementRefusals = ['forbidden', 'not_found', 'invalid', 'committed'] as const;
export type EnforcementErrorReason = (typeof enforcementRefusals)[number];

export class EnforcementError extends Error {
  readonly reason: EnforcementErrorReason;
  /** For 'invalid': field → problem code. */
  readonly fields: Record<string, string>;
  constructor(reason: EnforcementErrorReason, fields: Record<string, string> = {}) {
    super(`Enforcement results: ${reason}${Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''}`);
    this.name = 'EnforcementError';
    this.reason = reason;
    this.fields = fields;
  }
}

type Db = Kysely<Database> | Transaction<Database>;

/** Whether the role may import results (see the rule above). */
export const canImportResults = (role: EnforcementActor['role']) => role === 'head' || role === 'admin';

export interface ScopedAgency {
  code: string;
  name_vi: string;
  kind: 'provincial' | 'regional';
  parent_code: string | null;
}

/** The agencies whose figures the actor reads: their agency and its regional offices (central administrator: all). */
export async function readableAgencies(db: Db, actor: EnforcementActor): Promise<ScopedAgency[]> {
  if (actor.agency_code === null && actor.role !== 'admin') return [];
  return (await agencyAndOffices(db, actor.agency_code)).map(({ code, name_vi, kind, parent_code }) => ({ code, name_vi, kind, parent_code }));
}

/** The agencies the actor imports for. @throws EnforcementError('forbidden') for a role that does not import. */
export async function importScope(db: Db, actor: EnforcementActor): Promise<Set<string>> {
  if (!canImportResults(actor.role)) throw new EnforcementError('forbidden');
  const agencies = await readableAgencies(db, actor);
  if (agencies.length === 0) throw new EnforcementError('forbidden');
  return new Set(agencies.map((a) => a.code));
}

/** The agencies the actor sets targets for. @throws EnforcementError('forbidden') */
export async function targetScope(db: Db, actor: EnforcementActor): Promise<ScopedAgency[]> {
  if (!canImportResults(actor.role)) throw new EnforcementError('forbidden');
  const agencies = await readableAgencies(db, actor);
  const own = agencies.find((a) => a.code === actor.agency_code);
  // A head (or administrator) of a regional office: targets come from the provincial agency.
  if (agencies.length === 0 || (own && own.kind !== 'provincial')) throw new EnforcementError('forbidden');
  return agencies;
}

/** Whether the actor may set targets, without throwing (for links). */
export async function canSetTargets(db: Db, actor: EnforcementActor): Promise<boolean> {
  try {
    await targetScope(db, actor);
    return true;
  } catch (err) {
    if (err instanceof EnforcementError) return false;
    throw err;
  }
}
