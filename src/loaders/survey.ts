/**
 * Page loaders of the satisfaction survey (`/khao-sat/<token>`, `/en/survey/<token>`) and the general feedback form
 * (`/gop-y`, `/en/feedback`), with their thank-you pages (post/redirect/get).
 *
 * A link that cannot be answered gets a page of its own, in the page's language, with a 4xx status: already answered
 * (409), expired (410), not a link we made (404).
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { refusalStatus } from './action-refusal.ts';
import { refuseTooMany, retryAfterOf } from './too-many.ts';
import { dict, pathTo } from '../i18n/index.ts';
import { type SurveyCriterion } from '../server/catalog/survey-criteria.ts';
import type { Locale } from '../server/catalog/types.ts';
import { getDb } from '../server/boot.ts';
import { listAgencies, type AgencyWithOffices } from '../server/agencies.ts';
import { surveyByToken, type SurveyDossier, type SurveyProblem } from '../server/survey/responses.ts';
import type { FeedbackProblem } from '../server/survey/feedback.ts';
import type { ErrorLink } from './error-link.ts';

export type SurveyClosedState = 'answered' | 'expired' | 'invalid';

export type SurveyProps =
  | { open: false; state: SurveyClosedState }
  | {
      open: true;
      token: string;
      dossier: SurveyDossier;
      questions: SurveyCriterion[];
      errors: ErrorLink[];
      /** Field id → its message. */
      fieldErrors: Record<string, string>;
      values: { answers: Record<string, string>; helpedBy: string; comment: string };
    };

const closedStatus: Record<SurveyClosedState, number> = { answered: 409, expired: 410, invalid: 404 };

/** The survey of the page's token, and what a submission answered. */
export async function loadSurvey(Astro: AstroGlobal, locale: Locale): Promise<Response | SurveyProps> {
  // The token in the address is the link's only key: keep the page out of every cache. (The site's referrer policy
  // already sends other sites no path; 'no-referrer' here would make browsers post the form with `Origin: null`.)
  Astro.response.headers.set('Cache-Control', 'no-store');
  const st = dict(locale).survey;
  const token = (Astro.params.token ?? '').slice(0, 100);
  const posted = Astro.getActionResult(actions.submitSurvey);
  const errors: ErrorLink[] = [];
  const fieldErrors: Record<string, string> = {};
  let values = { answers: {} as Record<string, string>, helpedBy: '', comment: '' };
  if (posted?.error) {
    const status = refusalStatus(posted.error);
    if (status === 429) errors.push({ href: '#survey-form', text: refuseTooMany(Astro, locale, 'submission', retryAfterOf(posted.error)) });
    else {
      Astro.response.status = status;
      errors.push({ href: '#survey-form', text: st.badRequest });
    }
  } else if (posted?.data) {
    const result = posted.data;
    if (result.ok) return Astro.redirect(pathTo('surveyThanks', locale), 303);
    if (result.state !== 'problems') {
      Astro.response.status = closedStatus[result.state];
      return { open: false, state: result.state };
    }
    values = result.values ?? values;
    Astro.response.status = 400;
  }
  const survey = await surveyByToken(await getDb(), token);
  if (survey.state !== 'open') {
    Astro.response.status = closedStatus[survey.state];
    return { open: false, state: survey.state };
  }
  if (posted?.data && !posted.data.ok && posted.data.state === 'problems') {
    for (const p of posted.data.problems) {
      const text = problemText(p, survey.questions, locale);
      errors.push({ href: `#f-${p.field}`, text });
      fieldErrors[p.field] = text;
    }
  }
  return { open: true, token, dossier: survey.dossier, questions: survey.questions, errors, fieldErrors, values };
}

function problemText(p: SurveyProblem, questions: SurveyCriterion[], locale: Locale): string {
  const st = dict(locale).survey;
  if (p.field === 'helpedBy') return st.helpedByRequired;
  if (p.field === 'comment') return st.commentTooLong;
  const criterion = questions.find((q) => q.id === p.field);
  if (!criterion) return st.badRequest;
  return p.problem === 'required' ? st.errorRequired[criterion.kind](criterion.label[locale]) : st.errorInvalid(criterion.label[locale]);
}

export interface FeedbackProps {
  agencies: AgencyWithOffices[];
  errors: ErrorLink[];
  fieldErrors: Record<string, string>;
  values: { agencyCode: string; topic: string; rating: string; message: string };
}

/** The general feedback form, and what a submission answered. */
export async function loadFeedback(Astro: AstroGlobal, locale: Locale): Promise<Response | FeedbackProps> {
  const posted = Astro.getActionResult(actions.sendFeedback);
  const errors: ErrorLink[] = [];
  const fieldErrors: Record<string, string> = {};
  let values = { agencyCode: '', topic: '', rating: '', message: '' };
  if (posted?.error) {
    const status = refusalStatus(posted.error);
    if (status === 429) errors.push({ href: '#f-message', text: refuseTooMany(Astro, locale, 'feedback', retryAfterOf(posted.error)) });
    else {
      Astro.response.status = status;
      errors.push({ href: '#f-message', text: dict(locale).survey.badRequest });
    }
  } else if (posted?.data) {
    if (posted.data.ok) return Astro.redirect(pathTo('feedbackThanks', locale), 303);
    values = posted.data.values;
    Astro.response.status = 400;
    for (const p of posted.data.problems) {
      const text = feedbackProblemText(p, locale);
      errors.push({ href: `#f-${p.field}`, text });
      fieldErrors[p.field] = text;
    }
  }
  return { agencies: await listAgencies(await getDb()), errors, fieldErrors, values };
}

function feedbackProblemText(p: FeedbackProblem, locale: Locale): string {
  const ft = dict(locale).survey.feedback;
  if (p.field === 'topic') return p.problem === 'required' ? ft.topicRequired : ft.topicInvalid;
  if (p.field === 'message') return p.problem === 'too_long' ? ft.messageTooLong : ft.messageRequired;
  return p.field === 'agency' ? ft.agencyInvalid : ft.ratingInvalid;
}
