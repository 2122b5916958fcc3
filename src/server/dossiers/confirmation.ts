/** What the confirmation page and the printed receipt show about a just-submitted dossier. */
import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam, type ExplainedDay } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import type { Procedure, RuleSet } from '../catalog/types.ts';
import type { Database } from '../schema.ts';
import { dueDate } from './deadline.ts';
import { listAttachments, type AttachmentSummary, type Draft } from './drafts.ts';

export interface Confirmation {
  code: string;
  pin: string;
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

/** The confirmation of a submitted draft, or undefined when the draft has not been submitted. */
export async function confirmationFor(db: Kysely<Database>, draft: Draft, now = new Date()): Promise<Confirmation | undefined> {
  if (draft.dossierId === null || !draft.pin) return undefined;
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select(['dossiers.code', 'dossiers.procedure_code', 'dossiers.applicant_name', 'dossiers.applicant_email', 'dossiers.submitted_at', 'agencies.name_vi', 'agencies.name_en'])
    .where('dossiers.id', '=', draft.dossierId)
    .executeTakeFirst();
  const procedure = row && procedureByCode(row.procedure_code);
  if (!row || !procedure) return undefined;
  const today = todayInVietnam(now);
  const rule = rulesFor(procedure, today);
  const calendar = await loadCalendar(db);
  const due = dueDate(rule, calendar, today);
  return {
    code: row.code,
    pin: draft.pin,
    procedure,
    rule,
    agency: { name_vi: row.name_vi, name_en: row.name_en },
    applicantName: row.applicant_name,
    applicantEmail: row.applicant_email,
    submittedAt: new Date(row.submitted_at).toISOString(),
    dueIfReceivedToday: due,
    daysOff: calendar.explain(today, due).daysOff,
    attachments: await listAttachments(db, 'dossier_id', draft.dossierId),
  };
}
