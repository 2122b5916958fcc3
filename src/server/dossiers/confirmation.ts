/** What the confirmation page and the printed receipt show about a just-submitted dossier. */
import { sql, type Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam, type ExplainedDay } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import type { Procedure, RuleSet } from '../catalog/types.ts';
import type { Database } from '../schema.ts';
import { dueDate } from './deadline.ts';
import { listAttachments, type AttachmentSummary, type Draft } from './drafts.ts';
import { agencyDocumentIds } from './notices.ts';

export interface Confirmation {
  code: string;
  /** Only on the confirmation page's first rendering (`confirmationShownOnce`); otherwise null: the PIN is kept only hashed. */
  pin: string | null;
  procedure: Procedure;
  rule: RuleSet;
  agency: { name_vi: string; name_en: string };
  applicantName: string;
  applicantEmail: string | null;
  submittedAt: string;
  /** The result date if the agency received the dossier today, and the days off that pushed it. */
  dueIfReceivedToday: string;
  daysOff: ExplainedDay[];
  attachments: AttachmentSummary[];
}

/**
 * The confirmation of a submitted draft, without the PIN (the receipt, a reload of the confirmation page), or
 * undefined when the draft has not been submitted.
 */
export async function confirmationFor(db: Kysely<Database>, draft: Draft, now = new Date()): Promise<Confirmation | undefined> {
  if (draft.dossierId === null) return undefined;
  return dossierConfirmation(db, draft.dossierId, null, todayInVietnam(now));
}

/**
 * The confirmation page's view of a submitted draft: with the PIN the first time only. The draft row holds the PIN
 * in clear from the submission to this first rendering, which takes it out of the row in one statement, so two
 * renderings at once cannot both get it; every later one (a reload, "back", the check page's form sent again) gets
 * the confirmation without it. The submission mail carries the PIN too.
 */
export async function confirmationShownOnce(db: Kysely<Database>, draft: Draft, now = new Date()): Promise<Confirmation | undefined> {
  if (draft.dossierId === null) return undefined;
  const taken = await sql<{ pin: string }>`
    with old as (select id, pin from dossier_drafts where id = ${draft.id} and pin is not null for update)
    update dossier_drafts set pin = null from old where dossier_drafts.id = old.id
    returning old.pin`.execute(db);
  return dossierConfirmation(db, draft.dossierId, taken.rows[0]?.pin ?? null, todayInVietnam(now));
}

/**
 * The receipt of dossier `dossierId` printed again (from the tracking page): as on the day it was submitted — the
 * result date "if received that day" counted from then — and without the PIN, which is stored only hashed.
 */
export async function reprintedConfirmation(db: Kysely<Database>, dossierId: number): Promise<Confirmation | undefined> {
  const row = await db.selectFrom('dossiers').select('submitted_at').where('id', '=', dossierId).executeTakeFirst();
  return row ? dossierConfirmation(db, dossierId, null, todayInVietnam(new Date(row.submitted_at))) : undefined;
}

async function dossierConfirmation(db: Kysely<Database>, dossierId: number, pin: string | null, day: string): Promise<Confirmation | undefined> {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select(['dossiers.code', 'dossiers.procedure_code', 'dossiers.applicant_name', 'dossiers.applicant_email', 'dossiers.submitted_at', 'agencies.name_vi', 'agencies.name_en'])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  const procedure = row && procedureByCode(row.procedure_code);
  if (!row || !procedure) return undefined;
  const rule = rulesFor(procedure, day);
  const calendar = await loadCalendar(db);
  const due = dueDate(rule, calendar, day);
  const files = await listAttachments(db, 'dossier_id', dossierId);
  return {
    code: row.code,
    pin,
    procedure,
    rule,
    agency: { name_vi: row.name_vi, name_en: row.name_en },
    applicantName: row.applicant_name,
    applicantEmail: row.applicant_email,
    submittedAt: new Date(row.submitted_at).toISOString(),
    dueIfReceivedToday: due,
    daysOff: calendar.explain(day, due).daysOff,
    // The receipt lists what was submitted with the application, not what the agency issued later.
    attachments: files.filter((f) => !agencyDocumentIds.has(f.documentId) && f.documentId !== 'supplement'),
  };
}
