/**
 * A second complaint filed from the tracking page of the first, and the dossier a complaint says it concerns.
 *
 * The offer is the server's: the tracking page and the form read it for the dossier the browser's tracking cookie
 * holds, so nothing in a URL can fill a form with someone else's answers.
 */
import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam } from '../calendar.ts';
import { lastDayToComplain } from '../catalog/complaint-limits.ts';
import type { Database } from '../schema.ts';
import { normaliseDossierCode } from './code.ts';

/** The answers of a first complaint carried into the second (the parties, the subject, what it concerns). */
const carried = [
  'fullName',
  'cccd',
  'dateOfBirth',
  'address',
  'phone',
  'email',
  'applicantRole',
  'representedName',
  'agency',
  'subject',
  'decisionOrAct',
  'actDate',
  'respondentRole',
  'respondentName',
  'dateLearned',
  'caseDecisionNumber',
  'relatedDossierCode',
] as const;

export interface SecondComplaintOffer {
  parentDossierCode: string;
  /** The day of the first decision, and the last day to complain against it. */
  decidedOn: string;
  lastDay: string;
  /** The form's starting values (strings, as a form holds them). */
  prefill: Record<string, string>;
}

/**
 * The second complaint dossier `dossierId` allows today: a first complaint (KN) with a decision that is not final,
 * up to the last day to complain against it (15 days from the decision day, counted like any limit). Null otherwise.
 */
export async function secondComplaintOffer(db: Kysely<Database>, dossierId: number, now = new Date()): Promise<SecondComplaintOffer | null> {
  const dossier = await db.selectFrom('dossiers').select(['code', 'procedure_code', 'data']).where('id', '=', dossierId).executeTakeFirst();
  const answers = (dossier?.data ?? {}) as Record<string, unknown>;
  if (!dossier || dossier.procedure_code !== 'KN' || answers.round === 'second') return null;
  const decision = await db
    .selectFrom('dossier_events')
    .select(['data'])
    .where('dossier_id', '=', dossierId)
    .where('action', '=', 'decide')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const facts = (decision?.data ?? {}) as { decidedOn?: unknown; final?: unknown; number?: unknown };
  if (!decision || facts.final === true || typeof facts.decidedOn !== 'string') return null;
  const found = lastDayToComplain({ round: 'second', firstDecisionReceivedOn: facts.decidedOn }, await loadCalendar(db));
  if (!found || todayInVietnam(now) > found.lastDay) return null;
  const prefill: Record<string, string> = { round: 'second', firstDecisionReceivedOn: facts.decidedOn };
  if (typeof facts.number === 'string') prefill.firstDecisionNumber = facts.number;
  for (const name of carried) {
    const v = answers[name];
    if (typeof v === 'string' || typeof v === 'number') prefill[name] = String(v);
  }
  return { parentDossierCode: dossier.code, decidedOn: facts.decidedOn, lastDay: found.lastDay, prefill };
}

export interface RelatedDossier {
  id: number;
  code: string;
  procedureCode: string;
  /** Why they are linked: the complaint names it, or it is the first complaint this one appeals. */
  link: 'related' | 'parent';
}

/**
 * The dossiers a complaint points to (for staff): the dossier code it names, and the first complaint of a second
 * one. Codes that match no dossier are left out.
 */
export async function relatedDossiers(db: Kysely<Database>, dossier: { data: unknown }): Promise<RelatedDossier[]> {
  const data = (dossier.data ?? {}) as Record<string, unknown>;
  const wanted: [string, RelatedDossier['link']][] = [];
  for (const [key, link] of [['relatedDossierCode', 'related'], ['parentDossierCode', 'parent']] as const) {
    const code = typeof data[key] === 'string' ? normaliseDossierCode(data[key]) : null;
    if (code) wanted.push([code, link]);
  }
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('dossiers')
    .select(['id', 'code', 'procedure_code'])
    .where('code', 'in', wanted.map(([c]) => c))
    .execute();
  return wanted.flatMap(([code, link]) => {
    const row = rows.find((r) => r.code === code);
    return row ? [{ id: row.id, code: row.code, procedureCode: row.procedure_code, link }] : [];
  });
}
