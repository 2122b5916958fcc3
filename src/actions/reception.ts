/**
 * The citizen reception log: record and correct visits. Each handler authorises itself (actions are also reachable
 * at /_actions/<name>): a signed-in reception officer or head, or a refusal the page answers with 403; the agency
 * scope is the service's to enforce (src/server/reception-visits.ts). Refusals come back as data.
 */
import { defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb } from '../server/boot.ts';
import { canRecordVisits, createVisit, updateVisit, VisitError, visitFields, type ReceptionActor } from '../server/reception-visits.ts';
import { reasonStatus, text } from './guards.ts';
import { ipOf, requireStaff } from './staff.ts';
import { isRowId } from '../server/row-id.ts';

export interface VisitOutcome {
  ok: boolean;
  /** 'invalid' (see `fields`), 'forbidden', 'not_found'; null on success. */
  problem: string | null;
  fields: Record<string, string>;
  status: number;
  /** The visit recorded or corrected. */
  target: number | null;
  /** The submitted values, to fill the form again. */
  values: Record<string, string>;
}

function actorOf(ctx: ActionAPIContext): ReceptionActor {
  const { id, email, role, agency_code } = requireStaff(ctx).user;
  return { id, email, role, agency_code, ip: ipOf(ctx) };
}

function valuesOf(form: FormData): Record<string, string> {
  return Object.fromEntries(visitFields.map((f) => [f, text(form, f).slice(0, 2100)]));
}

async function save(form: FormData, ctx: ActionAPIContext, id: number | null): Promise<VisitOutcome> {
  const actor = actorOf(ctx);
  const values = valuesOf(form);
  const refused = (problem: string, fields: Record<string, string> = {}): VisitOutcome => ({ ok: false, problem, fields, status: reasonStatus(problem), target: id, values });
  if (!canRecordVisits(actor.role)) return refused('forbidden');
  try {
    const db = await getDb();
    if (id === null) return { ok: true, problem: null, fields: {}, status: 303, target: await createVisit(db, actor, values), values };
    await updateVisit(db, actor, id, values);
    return { ok: true, problem: null, fields: {}, status: 303, target: id, values };
  } catch (err) {
    if (err instanceof VisitError) return refused(err.reason, err.fields);
    throw err;
  }
}

export const receptionActions = {
  /** A new visit in the log. */
  receptionCreate: defineAction({
    accept: 'form',
    handler: (form: FormData, ctx) => save(form, ctx, null),
  }),
  /** A correction of a visit (`id`). */
  receptionUpdate: defineAction({
    accept: 'form',
    handler: (form: FormData, ctx) => {
      const raw = text(form, 'id');
      if (!isRowId(raw)) return Promise.resolve({ ok: false, problem: 'not_found', fields: {}, status: 404, target: null, values: {} } satisfies VisitOutcome);
      return save(form, ctx, Number(raw));
    },
  }),
};
