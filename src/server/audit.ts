/**
 * The audit trail an inspector reads: who did what, when, from → to, from where. Rows are only ever added (a
 * database trigger refuses UPDATE and DELETE). Callers pass their transaction so the entry commits with the change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Database } from './schema.ts';

export interface AuditActor {
  id: number | null;
  email: string | null;
  ip?: string | null;
}

export interface AuditInput {
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  agencyCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry. */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, actor: AuditActor, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_email: actor.email,
      ip: actor.ip?.slice(0, 100) ?? null,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      agency_code: entry.agencyCode ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** yyyy-mm-dd, inclusive, in Vietnam's time. */
  from?: string;
  to?: string;
  agencyCode?: string | null;
  /** Entries with an id below this (keyset pagination: stays fast however deep one pages). */
  before?: number;
  limit?: number;
}

/** Newest first, filtered; a page of `limit` entries plus whether there are more. */
export async function listAudit(db: Kysely<Database>, filter: AuditFilter): Promise<{ entries: AuditEntry[]; more: boolean }> {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit + 1);
  if (filter.actor) q = q.where('actor_email', 'ilike', `%${filter.actor.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.from) q = q.where('at', '>=', new Date(`${filter.from}T00:00:00+07:00`));
  if (filter.to) q = q.where('at', '<', new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000));
  if (filter.agencyCode) q = q.where('agency_code', '=', filter.agencyCode);
  if (filter.before) q = q.where('id', '<', filter.before);
  const rows = await q.execute();
  return { entries: rows.slice(0, limit), more: rows.length > limit };
}
