/**
 * The only way a dossier's status changes (DESIGN.md): in one transaction, lock the dossier, check the actor's agency
 * may handle it and the action is allowed from its status for the actor's role, update it, append the timeline event,
 * write the audit entry of a staff action, and queue the citizen's e-mail.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit.ts';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam } from '../calendar.ts';
import { completenessCheckDue } from './deadline.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import type { DossierMailData, DossierMailKind } from '../mail/templates.ts';
import { notifyCitizen } from './notify.ts';
import type { Database } from '../schema.ts';
import { closedStatuses, isAllowed, oneStopActions, type ActorRole, type DossierAction, type DossierStatus } from './lifecycle.ts';

/** The e-mail each public action sends. Assignment is internal: the citizen is not told. */
export const mailKinds: Partial<Record<DossierAction, DossierMailKind>> = {
  receive: 'received',
  refuse: 'refused',
  request_supplement: 'supplement_requested',
  supplement: 'supplement_received',
  withdraw: 'withdrawn',
  apologise: 'apologised',
  record_result: 'result_ready',
  approve: 'result_ready',
  reject: 'rejected',
  return_result: 'returned',
};

/**
 * Who acts. A staff actor without an id is the demo seed (or another system job acting in a staff role): it is not
 * held to an agency, and its audit entries have no actor id. `email` and `ip` go into the audit log with every staff
 * action.
 */
export type Actor =
  | { role: 'citizen' }
  | { role: Exclude<ActorRole, 'citizen'>; staffId: number | null; agencyCode: string | null; email?: string | null; ip?: string | null };

/** A staff actor (anyone but the citizen). */
export type StaffActor = Exclude<Actor, { role: 'citizen' }>;

/** The columns of a dossier a caller may change alongside its status. */
export type DossierChanges = Partial<{ received_at: Date; due_date: string | null; assigned_to: number | null; check_due_date: string | null }>;

/** The dossier as `transition()` holds it locked: what a guard may check. */
export interface LockedDossier {
  id: number;
  code: string;
  procedureCode: string;
  status: DossierStatus;
  agencyCode: string;
  /** The provincial agency of a regional office; null for a provincial agency. */
  agencyParentCode: string | null;
  assignedTo: number | null;
  dueDate: string | null;
  checkDueDate: string | null;
  receivedAt: Date | null;
}

/** What a guard adds to the caller's `set` and `data`. */
export interface GuardResult {
  set?: DossierChanges;
  data?: Record<string, unknown>;
  /** Replaces the caller's public note when the note depends on the row (e.g. the officer's note on a draft). */
  publicNote?: string | null;
}

export interface TransitionInput {
  publicNote?: string | null;
  internalNote?: string | null;
  data?: Record<string, unknown>;
  /** Extra changes to the dossier row (due date, receipt time, assigned officer…), decided by the caller's service. */
  set?: DossierChanges;
  /**
   * Rules that need the locked row (the assigned officer, one apology per dossier…), run after the agency and
   * lifecycle checks and before anything is written. Throw to refuse: nothing is written then. May return more
   * changes and event data worked out from the row (e.g. the due date an apology replaces).
   */
  guard?: (trx: Transaction<Database>, dossier: LockedDossier) => Promise<GuardResult | void> | GuardResult | void;
  /** Work done in the same transaction once the event exists (e.g. attaching uploaded files to it). */
  withEvent?: (trx: Transaction<Database>, eventId: number) => Promise<void>;
}

export class TransitionError extends Error {
  readonly reason: 'not_found' | 'not_allowed' | 'other_agency';
  constructor(reason: TransitionError['reason']) {
    super(`Transition refused: ${reason}`);
    this.name = 'TransitionError';
    this.reason = reason;
  }
}

/**
 * Whether a staff actor's agency may handle a dossier of `agency`: its own agency's, or a regional office's of the
 * provincial agency it works for. A central administrator (no agency) is in scope everywhere — but no action lists
 * the administrator, so administrators never process dossiers (separation of duties). A system actor (no staff id)
 * is in scope everywhere.
 */
export function inAgencyScope(actor: StaffActor, agency: { code: string; parentCode: string | null }): boolean {
  if (actor.staffId === null) return true;
  if (actor.agencyCode === null) return actor.role === 'admin';
  return actor.agencyCode === agency.code || (agency.parentCode !== null && actor.agencyCode === agency.parentCode);
}

/** JSON-friendly copy of the changes, for the audit log and the event. */
function plain(changes: DossierChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

export async function transition(
  db: Kysely<Database>,
  dossierId: number,
  action: DossierAction,
  actor: Actor,
  input: TransitionInput & { publicUrl: string; now?: Date },
): Promise<{ from: DossierStatus; to: DossierStatus; eventId: number }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('dossiers')
      .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
      .select([
        'dossiers.id',
        'dossiers.code',
        'dossiers.procedure_code',
        'dossiers.status',
        'dossiers.agency_code',
        'dossiers.assigned_to',
        'dossiers.due_date',
        'dossiers.check_due_date',
        'dossiers.received_at',
        'agencies.parent_code',
      ])
      .where('dossiers.id', '=', dossierId)
      .forUpdate('dossiers')
      .executeTakeFirst();
    if (!row) throw new TransitionError('not_found');
    const dossier: LockedDossier = {
      id: row.id,
      code: row.code,
      procedureCode: row.procedure_code,
      status: row.status as DossierStatus,
      agencyCode: row.agency_code,
      agencyParentCode: row.parent_code,
      assignedTo: row.assigned_to,
      dueDate: row.due_date,
      checkDueDate: row.check_due_date,
      receivedAt: row.received_at,
    };
    if (actor.role !== 'citizen' && !inAgencyScope(actor, { code: dossier.agencyCode, parentCode: dossier.agencyParentCode })) {
      throw new TransitionError('other_agency');
    }
    const from = dossier.status;
    if (!isAllowed(action, from, actor.role, procedureByCode(dossier.procedureCode)?.resultSignedBy)) throw new TransitionError('not_allowed');
    const guarded = (await input.guard?.(trx, dossier)) ?? {};
    const to: DossierStatus = oneStopActions[action].to ?? from;
    const changes: DossierChanges = { ...input.set, ...guarded.set };
    // Reception's completeness check runs while a dossier waits to be received: from each (re)submission until it
    // leaves that status.
    if (to === 'submitted') changes.check_due_date = completenessCheckDue(await loadCalendar(trx), todayInVietnam(now));
    else if (from === 'submitted') changes.check_due_date = null;
    const data = input.data || guarded.data ? { ...input.data, ...guarded.data } : null;
    const publicNote = guarded.publicNote !== undefined ? guarded.publicNote : (input.publicNote ?? null);

    await trx
      .updateTable('dossiers')
      .set({ status: to, updated_at: now, ...(closedStatuses.has(to) ? { closed_at: now } : {}), ...changes })
      .where('id', '=', dossierId)
      .execute();
    const event = await trx
      .insertInto('dossier_events')
      .values({
        dossier_id: dossierId,
        at: now,
        actor_kind: actor.role === 'citizen' ? 'citizen' : 'staff',
        actor_id: actor.role === 'citizen' ? null : actor.staffId,
        action,
        from_status: from,
        to_status: to,
        public_note: publicNote,
        internal_note: input.internalNote ?? null,
        data: data ? JSON.stringify(data) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await input.withEvent?.(trx, event.id);

    if (actor.role !== 'citizen') {
      // The state before, for the fields this action changes, so an inspector sees what was replaced.
      const previous: Record<string, unknown> = { due_date: dossier.dueDate, assigned_to: dossier.assignedTo, received_at: dossier.receivedAt, check_due_date: dossier.checkDueDate };
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, previous[k] instanceof Date ? (previous[k] as Date).toISOString() : previous[k]]));
      await recordAudit(
        trx,
        { id: actor.staffId, email: actor.email ?? null, ip: actor.ip ?? null },
        {
          action: `dossier.${action}`,
          entityType: 'dossier',
          entityId: dossier.code,
          agencyCode: dossier.agencyCode,
          before: { status: from, ...before },
          after: { status: to, ...plain(changes) },
        },
      );
    }

    const kind = oneStopActions[action].public ? mailKinds[action] : undefined;
    if (kind) await notifyCitizen(trx, { kind, dossierId, publicUrl: input.publicUrl, facts: mailFacts(action, dossier, changes, publicNote) });
    return { from, to, eventId: event.id };
  });
}

type MailFacts = Pick<DossierMailData, 'reason' | 'receivedOn' | 'dueDate' | 'newDueDate' | 'timeLimitDays'>;

/** What the mail of `action` says beyond the facts every dossier mail repeats. */
function mailFacts(action: DossierAction, dossier: LockedDossier, changes: DossierChanges, publicNote: string | null): MailFacts {
  const facts: MailFacts = { reason: publicNote };
  if (action === 'receive') {
    const receivedAt = changes.received_at ?? dossier.receivedAt;
    const dueDate = changes.due_date !== undefined ? changes.due_date : dossier.dueDate;
    const procedure = procedureByCode(dossier.procedureCode);
    if (receivedAt) {
      facts.receivedOn = todayInVietnam(receivedAt);
      const rule = procedure ? rulesFor(procedure, facts.receivedOn) : undefined;
      if (rule?.timeLimit.unit === 'working') facts.timeLimitDays = rule.timeLimit.days;
    }
    if (dueDate) facts.dueDate = dueDate;
  } else if (action === 'apologise') {
    if (dossier.dueDate) facts.dueDate = dossier.dueDate;
    if (changes.due_date) facts.newDueDate = changes.due_date;
  }
  return facts;
}

