/**
 * The history's satisfaction survey: about four in ten citizens of a returned or closed dossier answer within ten
 * days, as the real form would have let them — the questions of the set in force on the closing day, passed through
 * the service's own check (checkSurveyInput), and the row submitSurvey writes. Also a little general feedback
 * spread over the year. Pure and deterministic: each dossier draws from a source of its own.
 *
 * How people answer: the handling mostly pleases (about 87 % satisfied; 83 % over the year, late dossiers included),
 * less when the dossier was late; the outcome is rated apart, and low by the party who lost a complaint or whose
 * denunciation was found wrong. Refused and rejected dossiers are never invited (only returning a result or closing
 * a petition invites), so they have no responses.
 */
import { todayInVietnam, type DateISO } from '../../../src/server/calendar.ts';
import { surveyCriteriaOn, surveyQuestions, type SurveyCriterion } from '../../../src/server/catalog/survey-criteria.ts';
import type { LifecycleKind } from '../../../src/server/catalog/types.ts';
import { feedbackTopics } from '../../../src/server/survey/feedback.ts';
import { checkSurveyInput } from '../../../src/server/survey/responses.ts';
import type { GeneratedDossier } from './generate.ts';
import { keyedRandom, type Random } from './random.ts';
import { feedbackMessages, surveyComments } from './survey-texts.ts';
import { vnTime } from './timeline.ts';

const DAY = 86_400_000;
/** The share of finished dossiers whose citizen answers. */
const ANSWERED = 0.4;
/** General feedback messages over the year. */
const FEEDBACK = 30;

/** A response as submitSurvey writes it, pointing at its dossier by index in the generated list. */
export interface PlannedResponse {
  dossierRef: number;
  row: {
    agency_code: string;
    procedure_code: string;
    lifecycle_kind: LifecycleKind;
    channel: 'online' | 'counter';
    helped_by: string;
    comment: string | null;
    criteria_from: DateISO;
    submitted_at: Date;
  };
  answers: { criterion_id: string; aspect: 'process' | 'outcome'; value: number }[];
}

export type PlannedFeedback = {
  agency_code: string | null;
  topic: string;
  rating: number | null;
  message: string;
  locale: 'vi' | 'en';
  created_at: Date;
};

/** Five-level answers, weights for levels 5…1. */
const levels = {
  pleased: [48, 39, 8, 3, 2],
  late: [18, 34, 26, 14, 8],
  lost: [4, 12, 30, 30, 24],
  partly: [12, 38, 30, 14, 6],
} as const;

function scale(random: Random, weights: readonly number[]): number {
  return random.weighted(weights.map((w, i) => [5 - i, w] as const));
}

/** The decision's or conclusion's finding, for a petition that got one. */
function conclusionOf(d: GeneratedDossier): string | null {
  const decision = d.timeline.events.find((e) => e.action === 'decide' || e.action === 'conclude');
  return (decision?.data as { conclusion?: string } | null)?.conclusion ?? null;
}

/** One answer per question (the optional one only from those who raised a concern), as the form posts them. */
function answerAll(random: Random, questions: readonly SurveyCriterion[], d: GeneratedDossier): Record<string, string> {
  const process = d.late ? levels.late : levels.pleased;
  const conclusion = conclusionOf(d);
  const outcome = conclusion === 'wrong' ? levels.lost : conclusion === 'partly_right' ? levels.partly : d.late ? levels.late : levels.pleased;
  const supplemented = d.timeline.events.some((e) => e.action === 'request_supplement');
  const answers: Record<string, string> = {};
  for (const q of questions) {
    if (q.optional && !random.chance(d.late ? 0.45 : 0.18)) continue;
    let value: number;
    if (q.id === 'on_time') value = random.chance(d.late ? 0.2 : 0.96) ? 1 : 0;
    else if (q.id === 'contacts_needed') value = random.weighted(supplemented ? [[0, 35], [1, 45], [2, 20]] : [[0, 70], [1, 24], [2, 6]]);
    else if (q.kind === 'count') value = random.weighted([[0, 82], [1, 14], [2, 4]]);
    else if (q.kind === 'yesno') value = random.chance(q.id === 'official_fees_only' ? 0.97 : 0.9) ? 1 : 0;
    else value = scale(random, q.aspect === 'outcome' ? outcome : process);
    answers[q.id] = String(value);
  }
  return answers;
}

function helpedBy(random: Random, channel: 'online' | 'counter'): string {
  return channel === 'counter'
    ? random.weighted([['none', 55], ['staff', 30], ['family', 12], ['other', 3]])
    : random.weighted([['none', 80], ['family', 15], ['other', 5]]);
}

/** The responses to the finished dossiers of `dossiers`, none submitted after `now`. */
export function planResponses(seed: number, now: Date, dossiers: readonly GeneratedDossier[]): PlannedResponse[] {
  const responses: PlannedResponse[] = [];
  dossiers.forEach((d, dossierRef) => {
    const r = d.timeline.row;
    if ((r.status !== 'returned' && r.status !== 'closed') || !r.closed_at) return;
    const random = keyedRandom(seed, `${r.code}:survey`);
    if (!random.chance(ANSWERED)) return;
    const closedAt = new Date(r.closed_at);
    const days = random.weighted([[0, 30], [1, 25], [2, 14], [3, 9], [4, 6], [5, 5], [6, 3], [7, 3], [8, 2], [9, 3]]);
    const submittedAt = new Date(closedAt.getTime() + days * DAY + random.int(15, 720) * 60_000);
    // Not answered yet: the citizen may still answer after the seed's clock.
    if (submittedAt > now) return;
    // The invitation's day is the closing day: its criteria set is asked (as surveyByToken does).
    const invitedOn = todayInVietnam(closedAt);
    const kind = d.timeline.procedure.kind;
    const questions = surveyQuestions(invitedOn, kind, r.channel);
    const answers = answerAll(random, questions, d);
    const displeased = Object.entries(answers).some(([id, v]) => questions.find((q) => q.id === id)!.kind === 'scale5' && Number(v) <= 2);
    const comment = random.chance(0.15) ? random.pick(displeased ? surveyComments.displeased : surveyComments.pleased)[r.locale] : '';
    const checked = checkSurveyInput(questions, { answers, helpedBy: helpedBy(random, r.channel), comment });
    if (checked.problems.length > 0) throw new Error(`${r.code}: the survey would refuse ${JSON.stringify(checked.problems)}`);
    responses.push({
      dossierRef,
      row: {
        agency_code: r.agency_code,
        procedure_code: r.procedure_code,
        lifecycle_kind: kind,
        channel: r.channel,
        helped_by: checked.helpedBy,
        comment: checked.comment,
        criteria_from: surveyCriteriaOn(invitedOn).effectiveFrom,
        submitted_at: submittedAt,
      },
      answers: checked.values.map(({ criterion, value }) => ({ criterion_id: criterion.id, aspect: criterion.aspect, value })),
    });
  });
  return responses;
}

/** General feedback from `from` to `now` about `agencies` (weighted) or none, oldest first, as sendFeedback stores it. */
export function planFeedback(seed: number, from: DateISO, now: Date, agencies: readonly (readonly [string, number])[]): PlannedFeedback[] {
  const random = keyedRandom(seed, 'feedback');
  const span = Math.floor((now.getTime() - vnTime(from, 0).getTime()) / DAY);
  const feedback: PlannedFeedback[] = [];
  for (let i = 0; i < FEEDBACK; i++) {
    const topic = random.pick(feedbackTopics);
    const [rating, message] = random.pick(feedbackMessages[topic]);
    const locale = random.chance(0.07) ? 'en' : 'vi';
    const at = new Date(vnTime(from, random.int(360, 1_380)).getTime() + random.int(0, span) * DAY);
    if (at > now) continue;
    feedback.push({ agency_code: topic === 'portal' || random.chance(0.2) ? null : random.weighted(agencies), topic, rating, message: message[locale], locale, created_at: at });
  }
  return feedback.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}
