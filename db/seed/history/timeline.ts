/**
 * One dossier of the demo history, built in memory the way `transition()` would have written it: each action is
 * checked against the lifecycle table of the procedure's kind (status and role), moves the status the table says,
 * sets the waiting deadline on entering and leaving 'submitted', stamps `closed_at` on a closing status, and appends
 * the timeline event with the columns the services fill. Actions dated after the seed's clock are not taken, so a
 * dossier filed last week is simply still open.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { todayInVietnam, type DateISO, type WorkingCalendar } from '../../../src/server/calendar.ts';
import type { Procedure } from '../../../src/server/catalog/types.ts';
import { waitingDue } from '../../../src/server/dossiers/deadline.ts';
import { closedStatuses, isAllowed, ruleOf, type ActorRole, type DossierAction, type DossierStatus } from '../../../src/server/dossiers/lifecycle.ts';
import type { DossiersTable } from '../../../src/server/schema.ts';

/** The staff who act in the history: the demo accounts of Hà Nội; elsewhere the system acts (no id), as in demo.ts. */
export interface HistoryStaff {
  reception: number | null;
  officer: number | null;
  head: number | null;
}

export interface PlannedEvent {
  at: Date;
  actorRole: ActorRole;
  actorId: number | null;
  action: DossierAction;
  from: DossierStatus | null;
  to: DossierStatus;
  publicNote: string | null;
  data: Record<string, unknown> | null;
  /** The approval names the draft it signs: the index, in the dossier's attachments, of that draft. */
  draftRef?: number;
}

export interface PlannedAttachment {
  /** The event it belongs to (index in the dossier's events); null for a document sent with the application. */
  event: number | null;
  documentId: string;
  fileName: string;
}

/** The dossier columns the history writes (the id and the PIN hash are given at insertion). */
export type PlannedRow = Omit<Selectable<DossiersTable>, 'id' | 'pin_hash'>;

/** The bytes of every demo file: a minimal PDF, as demo.ts uses. */
export const demoPdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const demoPdfSha256 = createHash('sha256').update(demoPdf).digest('hex');

/** `hh:mm` on `day` in Vietnam. */
export function vnTime(day: DateISO, minutes: number): Date {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return new Date(`${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`);
}

/** `day` plus `n` calendar days. */
export function plusDays(day: DateISO, n: number): DateISO {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export class Timeline {
  readonly row: PlannedRow;
  readonly events: PlannedEvent[] = [];
  readonly attachments: PlannedAttachment[] = [];
  /** Set once an action fell after the clock: nothing more happens to this dossier. */
  stopped = false;
  readonly procedure: Procedure;
  readonly calendar: WorkingCalendar;
  readonly now: Date;
  private last: Date;

  constructor(
    procedure: Procedure,
    calendar: WorkingCalendar,
    now: Date,
    row: Omit<PlannedRow, 'status' | 'submitted_at' | 'received_at' | 'due_date' | 'check_due_date' | 'closed_at' | 'updated_at' | 'assigned_to'>,
    submittedAt: Date,
    submitter: { role: ActorRole; id: number | null },
  ) {
    this.procedure = procedure;
    this.calendar = calendar;
    this.now = now;
    this.row = { ...row, status: 'submitted', submitted_at: submittedAt, received_at: null, due_date: null, check_due_date: null, closed_at: null, updated_at: submittedAt, assigned_to: null };
    this.last = submittedAt;
    this.take('submit', submitter, submittedAt, { data: { channel: row.channel } });
    for (const doc of procedure.documents.filter((d) => d.required && d.id !== 'application')) {
      this.attachments.push({ event: null, documentId: doc.id, fileName: `${doc.id}.pdf` });
    }
  }

  get status(): DossierStatus {
    return this.row.status;
  }

  /** The day (in Vietnam) of the latest action taken. */
  get lastDay(): DateISO {
    return todayInVietnam(this.last);
  }

  /**
   * Takes `action` at `at` as `actor`, with the changes and event data the service of that action writes. Returns
   * false (and stops the dossier) when `at` is after the clock. @throws when the lifecycle does not allow it: the
   * generator must never write what the services could not have.
   */
  take(
    action: DossierAction,
    actor: { role: ActorRole; id: number | null },
    at: Date,
    input: { publicNote?: string | null; data?: Record<string, unknown> | null; set?: Partial<Pick<PlannedRow, 'received_at' | 'due_date' | 'assigned_to'>>; draftRef?: number } = {},
  ): boolean {
    if (this.stopped) return false;
    if (at > this.now) {
      this.stopped = true;
      return false;
    }
    if (at < this.last) throw new Error(`${this.row.code}: ${action} at ${at.toISOString()} is before the previous event`);
    const kind = this.procedure.kind;
    const rule = ruleOf(kind, action);
    const from = this.events.length === 0 ? null : this.row.status;
    const allowed = rule && (from === null ? rule.from.length === 0 && rule.by.includes(actor.role) : isAllowed(kind, action, from, actor.role, this.procedure.resultSignedBy));
    if (!rule || !allowed) throw new Error(`${this.row.code}: ${action} by ${actor.role} is not allowed from ${from}`);
    const to = rule.to ?? this.row.status;
    Object.assign(this.row, input.set);
    if (to === 'submitted') this.row.check_due_date = waitingDue(this.procedure, this.row.data, this.calendar, todayInVietnam(at));
    else if (from === 'submitted') this.row.check_due_date = null;
    this.row.status = to;
    this.row.updated_at = at;
    if (closedStatuses.has(to)) this.row.closed_at = at;
    this.events.push({
      at,
      actorRole: actor.role,
      actorId: actor.role === 'citizen' ? null : actor.id,
      action,
      from,
      to,
      publicNote: input.publicNote ?? null,
      data: input.data ?? null,
      ...(input.draftRef !== undefined ? { draftRef: input.draftRef } : {}),
    });
    this.last = at;
    return true;
  }

  /** Attaches a file to the event just taken (a result, a draft, a decision, a supplement). */
  attach(documentId: string, fileName: string): number {
    this.attachments.push({ event: this.events.length - 1, documentId, fileName });
    return this.attachments.length - 1;
  }
}
