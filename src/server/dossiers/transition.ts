/**
 * The only way a dossier's status changes (DESIGN.md), the submission included: in one transaction, lock the dossier
 * (or create it, for the action from no status), check the actor's agency may handle it and the action is allowed
 * from its status for the actor's role by the lifecycle table of its procedure's kind, update it, append the timeline
 * event, write the audit entry of a staff action, and queue the citizen's e-mail the table names.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit.ts';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import type { DossierMailData } from '../mail/templates.ts';
import type { Database, DossiersTable } from '../schema.ts';
import { waitingDue } from './deadline.ts';
import { closedStatuses, isAllowed, nextStep, ruleOf, type ActorRole, type DossierAction, type DossierStatus } from './lifecycle.ts';
import { notifyCitizen, type NotifyInput } from './notify.ts';

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

/** A new dossier's row, for the submission (status, timestamps and the waiting deadline are the transition's). */
export type NewDossier = Omit<Insertable<DossiersTable>, 'status' | 'submitted_at' | 'updated_at' | 'check_due_date'>;

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
  /** What the submission mail adds (the PIN, shown this once; the expected result date). */
  submissionMail?: Pick<NotifyInput, 'pin' | 'expectedDueDate' | 'timeLimitDays'>;
}

/** Why a transition was refused: no such dossier, not from its status for this role, another agency's dossier. */
export const transitionRefusals = ['not_found', 'not_allowed', 'other_agency'] as const;

export class TransitionError extends Error {
  readonly reason: (typeof transitionRefusals)[number];
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

export interface TransitionResult {
  from: DossierStatus;
  to: DossierStatus;
  eventId: number;
  dossierId: number;
  /** Whether the citizen's e-mail was queued. */
  mailed: boolean;
}

/** Moves dossier `dossierId` by `action` (see the module comment). Runs in the caller's transaction when given one. */
export async function transition(
  db: Kysely<Database>,
  dossierId: number,
  action: DossierAction,
  actor: Actor,
  input: TransitionInput & { publicUrl: string; now?: Date },
): Promise<TransitionResult> {
  return (await move(db, dossierId, action, actor, input)) as TransitionResult;
}

/**
 * The submission: the action from no status creates the dossier in the status its lifecycle names, then goes on
 * like any transition. Runs in the caller's transaction (the submission's, which also holds the draft).
 */
export async function submitByTransition(
  db: Kysely<Database>,
  create: NewDossier,
  actor: Actor,
  input: TransitionInput & { publicUrl: string; now?: Date },
): Promise<Omit<TransitionResult, 'from'> & { from: null }> {
  return (await move(db, { create }, 'submit', actor, input)) as Omit<TransitionResult, 'from'> & { from: null };
}

async function move(
  db: Kysely<Database>,
  target: number | { create: NewDossier },
  action: DossierAction,
  actor: Actor,
  input: TransitionInput & { publicUrl: string; now?: Date },
): Promise<Omit<TransitionResult, 'from'> & { from: DossierStatus | null }> {
  const now = input.now ?? new Date();
  const run = async (trx: Transaction<Database>) => {
    const dossierId = typeof target === 'number' ? target : await createDossier(trx, target.create, action, now);
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
        'dossiers.data',
        'agencies.parent_code',
      ])
      .where('dossiers.id', '=', dossierId)
      .forUpdate('dossiers')
      .executeTakeFirst();
    if (!row) throw new TransitionError('not_found');
    const procedure = procedureByCode(row.procedure_code);
    if (!procedure) throw new TransitionError('not_found');
    const dossier: LockedDossier = {
      id: row.id,
      code: row.code,
      procedureCode: row.procedure_code,
      status: row.status,
      agencyCode: row.agency_code,
      agencyParentCode: row.parent_code,
      assignedTo: row.assigned_to,
      dueDate: row.due_date,
      checkDueDate: row.check_due_date,
      receivedAt: row.received_at,
    };
    // The submission (no dossier yet) is not checked here: counter intake is held to the clerk's scope by its action
    // (src/server/dossiers/counter-scope.ts) before anything is written.
    if (actor.role !== 'citizen' && typeof target === 'number' && !inAgencyScope(actor, { code: dossier.agencyCode, parentCode: dossier.agencyParentCode })) {
      throw new TransitionError('other_agency');
    }
    const kind = procedure.kind;
    const rule = ruleOf(kind, action);
    const creating = typeof target !== 'number';
    // The submission starts from no status: only the action listed from none may create, and only at creation.
    const from: DossierStatus | null = creating ? null : dossier.status;
    const allowed = rule && (from === null ? rule.from.length === 0 && rule.by.includes(actor.role) : isAllowed(kind, action, from, actor.role, procedure.resultSignedBy));
    if (!rule || !allowed) throw new TransitionError('not_allowed');
    const guarded = (await input.guard?.(trx, dossier)) ?? {};
    const to: DossierStatus = rule.to ?? dossier.status;
    const changes: DossierChanges = { ...input.set, ...guarded.set };
    // While a dossier waits in 'submitted' — reception's completeness check, or the time to accept a complaint — its
    // deadline runs from each (re)submission until it leaves that status.
    if (to === 'submitted') changes.check_due_date = waitingDue(procedure, row.data as Record<string, unknown>, await loadCalendar(trx), todayInVietnam(now));
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

    const mail = rule.public ? rule.mail : undefined;
    let mailed = false;
    if (mail) {
      const facts = { ...mailFacts(action, dossier, changes, publicNote), ...(mail === 'stage' ? { stage: { label: rule.label, nextStep: nextStep(kind, to) } } : {}) };
      // The invitation's moment is the closing one (`closed_at`), so the tracking page rebuilds the same link.
      const survey = rule.invitesSurvey ? { surveyInvitedAt: now } : {};
      mailed = await notifyCitizen(trx, { kind: mail, dossierId, publicUrl: input.publicUrl, facts, ...survey, ...input.submissionMail });
    }
    return { from, to, eventId: event.id, dossierId, mailed };
  };
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run);
}

/** Inserts the new dossier in the status its lifecycle's submission leads to, timestamped `now`; returns its id. */
async function createDossier(trx: Transaction<Database>, values: NewDossier, action: DossierAction, now: Date): Promise<number> {
  const procedure = procedureByCode(values.procedure_code);
  const to = procedure ? ruleOf(procedure.kind, action)?.to : undefined;
  if (!to) throw new TransitionError('not_allowed');
  const row = await trx
    .insertInto('dossiers')
    .values({ ...values, status: to, submitted_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type MailFacts = Pick<DossierMailData, 'reason' | 'receivedOn' | 'dueDate' | 'newDueDate' | 'timeLimitDays' | 'stage'>;

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
  } else if (changes.due_date) {
    // A complaint's or denunciation's stage that sets (or extends) the time to decide.
    facts.dueDate = changes.due_date;
  }
  return facts;
}

