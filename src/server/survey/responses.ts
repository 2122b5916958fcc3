/**
 * Answering a dossier's satisfaction survey through its invitation link (src/server/survey/invitation.ts).
 *
 * One response per dossier: the response row's unique dossier id is the link's single use. Only a finished,
 * valid response is written, so opening the link, or sending a form with a mistake, uses nothing up; a double click,
 * a refresh of the POST or two tabs submitting at once write one response (the second insert conflicts and writes
 * nothing, in its own transaction, so no answer rows of it remain).
 */
import type { Kysely } from 'kysely';
import { procedureByCode } from '../catalog/index.ts';
import { helpers, levelsOf, surveyQuestions, surveyCriteriaOn, type HelpedBy, type SurveyCriterion } from '../catalog/survey-criteria.ts';
import type { LifecycleKind } from '../catalog/types.ts';
import { todayInVietnam } from '../calendar.ts';
import type { Database } from '../schema.ts';
import { readSurveyToken, surveyStatuses } from './invitation.ts';

export const COMMENT_MAX = 2000;

/** The dossier a survey is about, as the form shows it (no personal data). */
export interface SurveyDossier {
  id: number;
  code: string;
  procedureCode: string;
  kind: LifecycleKind;
  channel: 'online' | 'counter';
  agencyCode: string;
  agencyName: { vi: string; en: string };
  /** yyyy-mm-dd the citizen was invited (the criteria in force that day are asked). */
  invitedOn: string;
}

export type SurveyState =
  | { state: 'open'; dossier: SurveyDossier; questions: SurveyCriterion[] }
  | { state: 'answered' }
  | { state: 'expired' }
  | { state: 'invalid' };

/** What the link leads to: the open survey, or why it cannot be answered. */
export async function surveyByToken(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<SurveyState> {
  const read = readSurveyToken(token, undefined, now);
  if (!read.ok) return { state: read.reason };
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .leftJoin('survey_responses', 'survey_responses.dossier_id', 'dossiers.id')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.procedure_code',
      'dossiers.channel',
      'dossiers.status',
      'dossiers.closed_at',
      'dossiers.agency_code',
      'agencies.name_vi',
      'agencies.name_en',
      'survey_responses.id as response_id',
    ])
    .where('dossiers.id', '=', read.id)
    .executeTakeFirst();
  const kind = row ? procedureByCode(row.procedure_code)?.kind : undefined;
  if (!row || !kind || !row.closed_at || !surveyStatuses(kind).includes(row.status)) return { state: 'invalid' };
  if (row.response_id !== null) return { state: 'answered' };
  const invitedOn = todayInVietnam(new Date(row.closed_at));
  return {
    state: 'open',
    dossier: {
      id: row.id,
      code: row.code,
      procedureCode: row.procedure_code,
      kind,
      channel: row.channel,
      agencyCode: row.agency_code,
      agencyName: { vi: row.name_vi, en: row.name_en },
      invitedOn,
    },
    questions: surveyQuestions(invitedOn, kind, row.channel),
  };
}

/** What the citizen posted: each criterion's chosen value by its id, who helped, the comment. */
export interface SurveyInput {
  answers: Record<string, string>;
  helpedBy: string;
  comment: string;
}

export type SurveyProblem = { field: string; problem: 'required' | 'invalid' | 'too_long' };

/** The posted form checked against the questions asked; the values to store, or the problems. */
export function checkSurveyInput(questions: readonly SurveyCriterion[], input: SurveyInput) {
  const problems: SurveyProblem[] = [];
  const values: { criterion: SurveyCriterion; value: number }[] = [];
  for (const criterion of questions) {
    const raw = (input.answers[criterion.id] ?? '').trim();
    if (raw === '') {
      if (!criterion.optional) problems.push({ field: criterion.id, problem: 'required' });
      continue;
    }
    const value = Number(raw);
    if (!/^\d$/.test(raw) || !levelsOf(criterion.kind).some((l) => l.value === value)) problems.push({ field: criterion.id, problem: 'invalid' });
    else values.push({ criterion, value });
  }
  const helpedBy = input.helpedBy.trim();
  if (helpedBy === '') problems.push({ field: 'helpedBy', problem: 'required' });
  else if (!(helpers as readonly string[]).includes(helpedBy)) problems.push({ field: 'helpedBy', problem: 'invalid' });
  const comment = input.comment.trim();
  if (comment.length > COMMENT_MAX) problems.push({ field: 'comment', problem: 'too_long' });
  return { problems, values, helpedBy: helpedBy as HelpedBy, comment: comment === '' ? null : comment };
}

export type SubmitSurveyResult =
  | { ok: true; responseId: number }
  | { ok: false; state: 'answered' | 'expired' | 'invalid' }
  | { ok: false; state: 'problems'; problems: SurveyProblem[] };

/** Stores the response of the link `token` (see the module comment). */
export async function submitSurvey(db: Kysely<Database>, token: string, input: SurveyInput, now: Date = new Date()): Promise<SubmitSurveyResult> {
  const survey = await surveyByToken(db, token, now);
  if (survey.state !== 'open') return { ok: false, state: survey.state };
  const checked = checkSurveyInput(survey.questions, input);
  if (checked.problems.length > 0) return { ok: false, state: 'problems', problems: checked.problems };
  const { dossier } = survey;
  const responseId = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('survey_responses')
      .values({
        dossier_id: dossier.id,
        agency_code: dossier.agencyCode,
        procedure_code: dossier.procedureCode,
        lifecycle_kind: dossier.kind,
        channel: dossier.channel,
        helped_by: checked.helpedBy,
        comment: checked.comment,
        criteria_from: surveyCriteriaOn(dossier.invitedOn).effectiveFrom,
        submitted_at: now,
      })
      .onConflict((oc) => oc.column('dossier_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    if (checked.values.length > 0) {
      await trx
        .insertInto('survey_answers')
        .values(checked.values.map(({ criterion, value }) => ({ response_id: inserted.id, criterion_id: criterion.id, aspect: criterion.aspect, value })))
        .execute();
    }
    return inserted.id;
  });
  return responseId === null ? { ok: false, state: 'answered' } : { ok: true, responseId };
}
