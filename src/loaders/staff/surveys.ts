/**
 * Loaders of the back office's survey pages: `/can-bo/khao-sat` (the responses of the head's agency, newest first,
 * with answers and comments; the statistics' drill-down links here with the same filters) and
 * `/can-bo/khao-sat/<id>` (one response), and `/can-bo/khao-sat/gop-y` (the general feedback). Heads and administrators only (src/server/survey/staff-access.ts); every
 * page shown is an audit entry.
 */
import type { AstroGlobal } from 'astro';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import { clientAddress } from '../../server/ratelimit.ts';
import { parseDate } from '../../server/registry/admin.ts';
import { criterionById, helpers, type HelpedBy } from '../../server/catalog/survey-criteria.ts';
import { listFeedback, type FeedbackRow } from '../../server/survey/feedback.ts';
import { listResponses, readResponse, readsSurveyResponses, SurveyAccessError, type ResponseRow, type SurveyReader } from '../../server/survey/staff-access.ts';
import { rowIdOf } from '../../server/row-id.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';

export interface SurveyListProps {
  user: SessionUser;
  rows: ResponseRow[];
  filter: { from: string; to: string; criterion: string; aspect: string; values: string; helpedBy: string; channel: string };
  nextLink: string | null;
  firstLink: string | null;
  message: string | undefined;
}

/** The signed-in reader, or null for a role that may not read responses. */
function readerOf(Astro: AstroGlobal): SurveyReader | null {
  const user = Astro.locals.staff?.user;
  if (!user || !readsSurveyResponses(user.role)) return null;
  return { id: user.id, email: user.email, role: user.role, agencyCode: user.agency_code, ip: clientAddress(Astro.request, Astro.clientAddress) };
}

export async function loadSurveyList(Astro: AstroGlobal): Promise<Response | SurveyListProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const p = Astro.url.searchParams;
  const get = (k: string) => (p.get(k) ?? '').slice(0, 100).trim();
  const filter = { from: get('tu-ngay'), to: get('den-ngay'), criterion: get('tieu-chi'), aspect: get('khia-canh'), values: get('gia-tri'), helpedBy: get('nguoi-giup'), channel: get('kenh'), agency: get('co-quan') };
  let message: string | undefined;
  const from = filter.from ? parseDate(filter.from) : null;
  const to = filter.to ? parseDate(filter.to) : null;
  if ((filter.from && !from) || (filter.to && !to) || Boolean(from) !== Boolean(to) || (from && to && from > to)) {
    message = staffText.surveys.periodProblem;
    Astro.response.status = 400;
  }
  const criterion = criterionById(filter.criterion) ? filter.criterion : '';
  const aspect = filter.aspect === 'process' || filter.aspect === 'outcome' ? filter.aspect : undefined;
  const helpedBy = (helpers as readonly string[]).includes(filter.helpedBy) ? (filter.helpedBy as HelpedBy) : undefined;
  const channel = filter.channel === 'online' || filter.channel === 'counter' ? filter.channel : undefined;
  const values = /^[0-5](,[0-5])*$/.test(filter.values) ? filter.values.split(',').map(Number) : undefined;
  const period = from && to && !message ? { from, to } : {};
  const after = get('sau') || null;
  let page;
  try {
    page = await listResponses(await getDb(), reader, {
      ...period,
      ...(filter.agency ? { agencyCode: filter.agency } : {}),
      ...(criterion ? { criterionId: criterion } : {}),
      ...(aspect ? { aspect } : {}),
      ...(values && (criterion || aspect) ? { values } : {}),
      ...(helpedBy ? { helpedBy } : {}),
      ...(channel ? { channel } : {}),
      after,
    });
  } catch (err) {
    if (err instanceof SurveyAccessError) return Astro.rewrite('/403');
    throw err;
  }
  // What the drill-down asked for, as it was understood: the paging links and the filter form keep it.
  const kept = { 'tu-ngay': filter.from, 'den-ngay': filter.to, 'tieu-chi': criterion, 'khia-canh': aspect ?? '', 'gia-tri': values ? filter.values : '', 'nguoi-giup': helpedBy ?? '', kenh: channel ?? '', 'co-quan': filter.agency };
  const link = (extra: Record<string, string>) => staffPath('surveys', { ...kept, ...extra });
  return {
    user: Astro.locals.staff!.user,
    rows: page.rows,
    filter: { from: filter.from, to: filter.to, criterion, aspect: aspect ?? '', values: values ? filter.values : '', helpedBy: helpedBy ?? '', channel: channel ?? '' },
    nextLink: page.next ? link({ sau: page.next }) : null,
    firstLink: after ? link({}) : null,
    message,
  };
}

export interface SurveyResponseProps {
  user: SessionUser;
  response: ResponseRow;
}

export async function loadSurveyResponse(Astro: AstroGlobal): Promise<Response | SurveyResponseProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const id = rowIdOf(Astro.params.id);
  const response = id === null ? null : await readResponse(await getDb(), reader, id);
  if (!response) return Astro.rewrite('/404');
  return { user: Astro.locals.staff!.user, response };
}

export interface FeedbackListProps {
  user: SessionUser;
  rows: FeedbackRow[];
  nextLink: string | null;
  firstLink: string | null;
}

/** The general feedback for the reader's agency, newest first. */
export async function loadFeedbackList(Astro: AstroGlobal): Promise<Response | FeedbackListProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const raw = Astro.url.searchParams.get('truoc') ?? '';
  const before = rowIdOf(raw);
  const page = await listFeedback(await getDb(), reader, { before });
  return {
    user: Astro.locals.staff!.user,
    rows: page.rows,
    nextLink: page.next ? staffPath('surveyFeedback', { truoc: page.next }) : null,
    firstLink: before ? staffPath('surveyFeedback') : null,
  };
}
