/**
 * What a printed notice (forms 01–04) states, read from the timeline event that made it — not from the dossier as it
 * is today: a receipt keeps the date it promised even after an apology moved it.
 */
import type { Kysely } from 'kysely';
import { todayInVietnam, type DateISO } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import type { FieldDef, Procedure } from '../catalog/types.ts';
import type { Database } from '../schema.ts';
import type { AttachmentSummary } from './drafts.ts';
import type { DossierAction } from './lifecycle.ts';
import { actionIssuing, agencyDocumentIds, noticeBySlug, type NoticeKind } from './notices.ts';
import { conclusions, remedies, type Conclusion, type Remedy } from './petition-actions.ts';

export interface NoticeData {
  notice: NoticeKind;
  /** The lifecycle action that issued it. */
  action: DossierAction;
  procedure: Procedure;
  code: string;
  locale: 'vi' | 'en';
  agency: { name_vi: string; name_en: string };
  applicant: { name: string; idNumber: string; address: string; phone: string };
  /** The day of the event that issued the notice (in Vietnam). */
  issuedOn: DateISO;
  issuedBy: string | null;
  /** The reason or the list of what is missing, as the citizen was told. */
  text: string | null;
  /** Form 01: the time limit that applied and the date promised. */
  timeLimit: { days: number; unit: 'working' | 'calendar' } | null;
  dueDate: DateISO | null;
  /** Form 04: the date replaced. */
  previousDueDate: DateISO | null;
  /** What the citizen had sent by then. */
  documents: AttachmentSummary[];
  /** A decision on a complaint or a conclusion on a denunciation: its mandatory contents, as recorded. */
  decision: DecisionFacts | null;
}

export interface DecisionFacts {
  number: string;
  round: 'first' | 'second';
  /** No second complaint lies against it. */
  final: boolean;
  conclusion: Conclusion;
  /** Complaints: what the decision does to the decision or act complained about. */
  remedy: Remedy | null;
  findings: string;
  legalBasis: string;
  /** Denunciations: the measures ordered. */
  measures: string | null;
  /** A first, non-final decision: the last day to complain against it. */
  secondComplaintBy: DateISO | null;
  /** What was complained about or denounced: the application's answers that say so, as the catalog labels them. */
  matter: { field: FieldDef; value: unknown }[];
}

/** The answers that state the matter a decision answers (never the denouncer's: those are sealed elsewhere). */
const matterFields: Record<'complaint' | 'denunciation', readonly string[]> = {
  complaint: ['subject', 'decisionOrAct', 'respondentRole', 'respondentName', 'whatIsWrong', 'request'],
  denunciation: ['accusedName', 'accusedPosition', 'accusedWorkplace', 'conduct'],
};

function decisionFacts(procedure: Procedure, answers: Record<string, unknown>, data: Record<string, unknown>): DecisionFacts | null {
  if (procedure.kind === 'one-stop') return null;
  const conclusion = conclusions.find((c) => c === data.conclusion);
  if (!conclusion || typeof data.number !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    number: data.number,
    round: data.round === 'second' ? 'second' : 'first',
    final: data.final === true,
    conclusion,
    remedy: remedies.find((r) => r === data.remedy) ?? null,
    findings: text(data.findings),
    legalBasis: text(data.legalBasis),
    measures: typeof data.measures === 'string' ? data.measures : null,
    secondComplaintBy: isoDate(data.secondComplaintBy),
    matter: matterFields[procedure.kind]
      .map((name) => ({ field: procedure.fields.find((f) => f.name === name), value: answers[name] }))
      .filter((m): m is { field: FieldDef; value: unknown } => m.field !== undefined && m.value !== undefined && m.value !== ''),
  };
}

const isoDate = (v: unknown): DateISO | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** The latest notice of kind `slug` issued on dossier `dossierId`, or null when none was issued. */
export async function noticeData(db: Kysely<Database>, dossierId: number, slug: string | undefined): Promise<NoticeData | null> {
  const notice = noticeBySlug(slug);
  if (!notice) return null;
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select([
      'dossiers.code',
      'dossiers.locale',
      'dossiers.procedure_code',
      'dossiers.received_at',
      'dossiers.applicant_name',
      'dossiers.applicant_id_number',
      'dossiers.applicant_address',
      'dossiers.applicant_phone',
      'dossiers.data as answers',
      'agencies.name_vi',
      'agencies.name_en',
    ])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  const procedure = row && procedureByCode(row.procedure_code);
  const action = procedure && actionIssuing(procedure.kind, notice.slug);
  if (!row || !procedure || !action) return null;
  const event = await db
    .selectFrom('dossier_events')
    .leftJoin('staff_users', 'staff_users.id', 'dossier_events.actor_id')
    .select(['dossier_events.id', 'dossier_events.at', 'dossier_events.public_note', 'dossier_events.data', 'staff_users.full_name'])
    .where('dossier_events.dossier_id', '=', dossierId)
    .where('dossier_events.action', '=', action)
    .orderBy('dossier_events.id', 'desc')
    .executeTakeFirst();
  if (!event) return null;
  const at = new Date(event.at);
  const issuedOn = todayInVietnam(at);
  const data = (event.data ?? {}) as Record<string, unknown>;
  let timeLimit: NoticeData['timeLimit'] = null;
  if (action === 'receive') {
    const given = data.timeLimit as { days?: unknown; unit?: unknown } | undefined;
    const rule = rulesFor(procedure, issuedOn).timeLimit;
    timeLimit =
      typeof given?.days === 'number' && (given.unit === 'working' || given.unit === 'calendar')
        ? { days: given.days, unit: given.unit }
        : { days: rule.days, unit: rule.unit };
  }
  // The application's own files (no event) and the supplements sent before this notice.
  const files = await db
    .selectFrom('attachments')
    .select(['id', 'document_id', 'file_name', 'content_type', 'size_bytes'])
    .where('dossier_id', '=', dossierId)
    .where((eb) => eb.or([eb('event_id', 'is', null), eb('event_id', '<', event.id)]))
    .where('document_id', 'not in', [...agencyDocumentIds])
    .orderBy('id')
    .execute();
  return {
    notice,
    action,
    procedure,
    code: row.code,
    locale: row.locale,
    agency: { name_vi: row.name_vi, name_en: row.name_en },
    applicant: { name: row.applicant_name, idNumber: row.applicant_id_number, address: row.applicant_address, phone: row.applicant_phone },
    issuedOn,
    issuedBy: event.full_name,
    text: event.public_note,
    timeLimit,
    dueDate: action === 'receive' || action === 'accept' ? isoDate(data.dueDate) : action === 'apologise' ? isoDate(data.newDueDate) : null,
    previousDueDate: action === 'apologise' ? isoDate(data.previousDueDate) : null,
    documents: files.map((f) => ({ id: f.id, documentId: f.document_id, fileName: f.file_name, contentType: f.content_type, sizeBytes: f.size_bytes })),
    decision: action === 'decide' || action === 'conclude' ? decisionFacts(procedure, row.answers as Record<string, unknown>, data) : null,
  };
}
