/**
 * Turning a complete draft into a dossier: one transaction writes the dossier, moves the uploads to it, appends the
 * first timeline event and queues the confirmation e-mail. The draft id is the idempotency key, so a double click,
 * a refresh or "back and submit again" finds the dossier already made instead of making a second one.
 */
import type { Kysely, Transaction } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import { provinces } from '../provinces.ts';
import type { Agency, Database } from '../schema.ts';
import { allAgencies } from '../agencies.ts';
import { generateDossierCode } from './code.ts';
import { dueDate, waitingDue } from './deadline.ts';
import { redactIdentity, sealIdentity } from '../denouncers/vault.ts';
import { competentAgency, routingRecord } from './competent-agency.ts';
import { submitByTransition } from './transition.ts';
import { generatePin, hashPin } from './pin.ts';

export interface SubmitActor {
  channel: 'online' | 'counter';
  /** The staff member entering a paper dossier at the counter. */
  staffId?: number;
}

export interface SubmitResult {
  dossierId: number;
  code: string;
  /** The tracking PIN, in clear: shown to the citizen on the confirmation page and in the e-mail, stored hashed. */
  pin: string;
  /** False when this draft had already been submitted (the existing dossier is returned). */
  created: boolean;
  /** Whether a confirmation e-mail was queued. */
  mailed: boolean;
}

export class DraftNotReadyError extends Error {
  constructor() {
    super('The draft is missing, expired, or its answers have not passed validation');
    this.name = 'DraftNotReadyError';
  }
}

/** The two-digit number of the province an agency belongs to (its place in the official list), for dossier codes. */
function agencyNumber(agencies: readonly Agency[], agencyCode: string): number {
  const agency = agencies.find((a) => a.code === agencyCode);
  // The draft's agency was checked when it was saved; one gone since is refused by the dossier's foreign key.
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  return provinces.findIndex((p) => p.code === agency.province_code) + 1;
}

function isUniqueViolationOn(err: unknown, column: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && `${e.constraint ?? ''} ${e.message ?? ''}`.includes(column);
}

/** Submits the draft `draftId` as a dossier (see the module comment). */
export async function submitDraft(
  db: Kysely<Database>,
  draftId: string,
  opts: SubmitActor & { publicUrl: string; now?: Date },
): Promise<SubmitResult> {
  const now = opts.now ?? new Date();
  const pin = generatePin();
  const pinHash = hashPin(pin);
  const calendar = await loadCalendar(db);
  const agencies = await allAgencies(db);

  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const draft = await trx
          .selectFrom('dossier_drafts')
          .selectAll()
          .where('id', '=', draftId)
          .where('expires_at', '>', now)
          .forUpdate()
          .executeTakeFirst();
        if (!draft) throw new DraftNotReadyError();
        if (draft.dossier_id !== null) {
          const existing = await trx.selectFrom('dossiers').select(['id', 'code']).where('id', '=', draft.dossier_id).executeTakeFirstOrThrow();
          return { dossierId: existing.id, code: existing.code, pin: draft.pin ?? '', created: false, mailed: false };
        }
        const answers = (draft.data as { answers?: Record<string, unknown> | null } | null)?.answers;
        const procedure = procedureByCode(draft.procedure_code);
        if (!answers || !procedure) throw new DraftNotReadyError();

        // A petition goes to the level competent to handle it, which may be above the agency named.
        const routing = procedure.kind === 'one-stop' ? null : await competentAgency(trx, procedure.kind, String(answers.agency), answers);
        const agencyCode = routing?.agencyCode ?? String(answers.agency);
        const routed = routing ? routingRecord(String(answers.agency), routing) : {};
        const today = todayInVietnam(now);
        const code = generateDossierCode(agencyNumber(agencies, agencyCode), today);
        const rule = rulesFor(procedure, today);
        // A denouncer's identity never sits on the case: the row and its answers hold placeholders, the identity is
        // sealed in the vault (src/server/denouncers/vault.ts) before the confirmation mail reads its address there.
        const sealed = procedure.kind === 'denunciation' ? redactIdentity(answers) : null;
        const identity = sealed?.row ?? {
          applicant_name: String(answers.fullName),
          applicant_id_number: String(answers.cccd),
          applicant_phone: String(answers.phone),
          applicant_email: typeof answers.email === 'string' ? answers.email : null,
          applicant_address: String(answers.address),
        };
        // The submission is a transition from no status: it writes the dossier, its first event and the mail.
        const { dossierId, mailed } = await submitByTransition(
          trx,
          {
              code,
              procedure_code: procedure.code,
              agency_code: agencyCode,
              channel: opts.channel,
              locale: draft.locale,
              ...identity,
              data: JSON.stringify({ ...(sealed?.data ?? answers), ...routed }),
              pin_hash: pinHash,
              idempotency_key: draft.id,
          },
          opts.channel === 'counter' ? { role: 'reception', staffId: opts.staffId ?? null, agencyCode: null } : { role: 'citizen' },
          {
            publicUrl: opts.publicUrl,
            now,
            data: { channel: opts.channel },
            // A one-stop application: the result date if received today. A petition: the day to be told whether it is accepted.
            submissionMail:
              procedure.kind === 'one-stop'
                ? { pin, expectedDueDate: dueDate(rule, calendar, today), timeLimitDays: rule.timeLimit.days }
                : { pin, expectedDueDate: waitingDue(procedure, answers, calendar, today) },
            ...(sealed
              ? {
                  withEvent: async (inner: Transaction<Database>) => {
                    const created = await inner.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirstOrThrow();
                    await sealIdentity(inner, created.id, answers);
                  },
                }
              : {}),
          },
        );
        await trx.updateTable('attachments').set({ dossier_id: dossierId }).where('draft_id', '=', draft.id).execute();
        // The draft keeps the answers for the confirmation page, and the PIN only until that page first shows it
        // (confirmationShownOnce clears it); a denouncer's identity is not kept there either.
        const draftData = sealed ? { data: JSON.stringify({ ...(draft.data as Record<string, unknown> | null), answers: sealed.data }) } : {};
        await trx.updateTable('dossier_drafts').set({ dossier_id: dossierId, pin, ...draftData }).where('id', '=', draft.id).execute();
        return { dossierId, code, pin, created: true, mailed };
      });
    } catch (err) {
      // Two submissions drew the same random code on the same day: draw again.
      if (attempt < 3 && isUniqueViolationOn(err, 'code')) continue;
      throw err;
    }
  }
}
