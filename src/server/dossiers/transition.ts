/**
 * The only way a dossier's status changes (DESIGN.md): in one transaction, lock the dossier, check the action is
 * allowed from its status for the actor's role, update it, append the timeline event, and queue the citizen's e-mail.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DossierMailKind } from '../mail/templates.ts';
import type { Database } from '../schema.ts';
import { closedStatuses, isAllowed, oneStopActions, type ActorRole, type DossierAction, type DossierStatus } from './lifecycle.ts';
import { notifyCitizen } from './notify.ts';

/** The e-mail each public action sends; actions without a template yet send none. */
const mailKinds: Partial<Record<DossierAction, DossierMailKind>> = {
  supplement: 'supplement_received',
  withdraw: 'withdrawn',
};

/**
 * Who acts. A staff actor without an id is the demo seed (or another system job acting in a staff role).
 * `email` and `ip` go into the audit log with every staff action.
 */
export type Actor =
  | { role: 'citizen' }
  | { role: Exclude<ActorRole, 'citizen'>; staffId: number | null; agencyCode: string | null; email?: string | null; ip?: string | null };

export interface TransitionInput {
  publicNote?: string | null;
  internalNote?: string | null;
  data?: Record<string, unknown>;
  /** Extra changes to the dossier row (due date, receipt time…), decided by the caller's service. */
  set?: Partial<{ received_at: Date; due_date: string | null }>;
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

export async function transition(
  db: Kysely<Database>,
  dossierId: number,
  action: DossierAction,
  actor: Actor,
  input: TransitionInput & { publicUrl: string; now?: Date },
): Promise<{ from: DossierStatus; to: DossierStatus; eventId: number }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const dossier = await trx
      .selectFrom('dossiers')
      .select(['id', 'status', 'agency_code'])
      .where('id', '=', dossierId)
      .forUpdate()
      .executeTakeFirst();
    if (!dossier) throw new TransitionError('not_found');
    if (actor.role !== 'citizen' && actor.role !== 'admin' && actor.agencyCode !== null && actor.agencyCode !== dossier.agency_code) {
      throw new TransitionError('other_agency');
    }
    const from = dossier.status as DossierStatus;
    if (!isAllowed(action, from, actor.role)) throw new TransitionError('not_allowed');
    const to: DossierStatus = oneStopActions[action].to ?? from;

    await trx
      .updateTable('dossiers')
      .set({ status: to, updated_at: now, ...(closedStatuses.has(to) ? { closed_at: now } : {}), ...input.set })
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
        public_note: input.publicNote ?? null,
        internal_note: input.internalNote ?? null,
        data: input.data ? JSON.stringify(input.data) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await input.withEvent?.(trx, event.id);
    const kind = oneStopActions[action].public ? mailKinds[action] : undefined;
    if (kind) await notifyCitizen(trx, { kind, dossierId, publicUrl: input.publicUrl });
    return { from, to, eventId: event.id };
  });
}
