/**
 * Page loaders of the citizen reception log (`/can-bo/tiep-cong-dan`): the list, one visit and its form. Redirects,
 * status codes and props are decided here; the words are the staff dictionary's `visits` section.
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { SessionUser } from '../../server/auth/session.ts';
import { agencyByCode } from '../../server/agencies.ts';
import { getDb } from '../../server/boot.ts';
import {
  canRecordVisits,
  getVisit,
  GROUP_SIZE,
  listVisits,
  receptionStaffOptions,
  visitAgencyOptions,
  VisitCursorError,
  visitCategories,
  visitKinds,
  visitOutcomes,
  type ReceptionActor,
  type VisitDetail,
  type VisitField,
  type VisitFilter,
  type VisitRow,
} from '../../server/reception-visits.ts';
import { parseDate } from '../../server/registry/admin.ts';
import { todayInVietnam } from '../../server/validation/dates.ts';
import { isRowId, rowIdOf } from '../../server/row-id.ts';
import type { ErrorLink } from '../error-link.ts';
import { actionFeedback } from '../action-feedback.ts';
import type { VisitOutcome } from '../../actions/reception.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';

type Option = { value: string; label: string };

const t = staffText.visits;

function fieldMessage(field: string, problem: string): string {
  const label = t.fields[field as VisitField] ?? field;
  return t.problems[problem]?.(label, GROUP_SIZE) ?? t.invalidValue(label);
}

/** The signed-in staff member as the log sees them, or undefined (no session, or no role that reads the log). */
function receptionActorOf(user: SessionUser | undefined): ReceptionActor | undefined {
  if (!user) return undefined;
  if (user.agency_code === null && user.role !== 'admin') return undefined;
  return { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code };
}

/** The signed-in staff member and the log's view of them, or null for one who may not read the log (403). */
export function readerOf(Astro: AstroGlobal): { user: SessionUser; actor: ReceptionActor } | null {
  const user = Astro.locals.staff?.user;
  const actor = receptionActorOf(user);
  return user && actor ? { user, actor } : null;
}

const options = (labels: Record<string, string>, keys: readonly string[], empty: string): Option[] => [{ value: '', label: empty }, ...keys.map((k) => ({ value: k, label: labels[k]! }))];

// ---------------------------------------------------------------------------------------------------------------
// The list

export interface VisitListProps {
  user: SessionUser;
  rows: VisitRow[];
  filter: Required<Pick<VisitFilter, 'q' | 'from' | 'to' | 'kind' | 'outcome'>>;
  nextLink: string | null;
  firstLink: string | null;
  canRecord: boolean;
  kindOptions: Option[];
  outcomeOptions: Option[];
  message: string | undefined;
}

export async function loadVisitList(Astro: AstroGlobal): Promise<Response | VisitListProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const p = Astro.url.searchParams;
  const get = (k: string) => (p.get(k) ?? '').slice(0, 100).trim();
  const filter = { q: get('q'), from: get('tu-ngay'), to: get('den-ngay'), kind: get('hinh-thuc'), outcome: get('ket-qua') };
  let message: string | undefined;
  for (const [k, v] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (v && !parseDate(v)) {
      message = t.dateFilterProblem;
      Astro.response.status = 400;
      filter[k] = '';
    }
  }
  const cursor = get('sau') || null;
  const db = await getDb();
  let page: Awaited<ReturnType<typeof listVisits>>;
  try {
    page = await listVisits(db, actor, { ...filter, cursor });
  } catch (err) {
    if (!(err instanceof VisitCursorError)) throw err;
    Astro.response.status = 400;
    message = t.cursorProblem;
    page = await listVisits(db, actor, filter);
  }
  const link = (extra: Record<string, string>) =>
    staffPath('visits', { q: filter.q, 'tu-ngay': filter.from, 'den-ngay': filter.to, 'hinh-thuc': filter.kind, 'ket-qua': filter.outcome, ...extra });
  return {
    user,
    rows: page.rows,
    filter,
    nextLink: page.nextCursor ? link({ sau: page.nextCursor }) : null,
    firstLink: cursor ? link({}) : null,
    canRecord: canRecordVisits(actor.role) && actor.agency_code !== null,
    kindOptions: options(t.kinds, visitKinds, t.all),
    outcomeOptions: options(t.outcomes, visitOutcomes, t.all),
    message,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One visit

export interface VisitPageProps {
  user: SessionUser;
  visit: VisitDetail;
  agencyName: string;
  canEdit: boolean;
  notice: string | undefined;
}

const idParam = (Astro: AstroGlobal) => rowIdOf(Astro.params.id) ?? 0;

export async function loadVisit(Astro: AstroGlobal): Promise<Response | VisitPageProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const db = await getDb();
  const visit = await getVisit(db, actor, idParam(Astro));
  if (!visit) return Astro.rewrite('/404');
  const p = Astro.url.searchParams;
  return {
    user,
    visit,
    agencyName: (await agencyByCode(db, visit.agency_code))?.name_vi ?? visit.agency_code,
    canEdit: canRecordVisits(actor.role) && !visit.identityHidden,
    notice: p.has('da-ghi') ? t.recorded : p.has('da-luu') ? t.saved : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The form (new and edit)

export interface VisitFormProps {
  user: SessionUser;
  title: string;
  action: string;
  id: number | null;
  values: Record<string, string>;
  errors: ErrorLink[];
  byField: Record<string, string>;
  agencyOptions: Option[];
  staffOptions: Option[];
  kindOptions: Option[];
  categoryOptions: Option[];
  outcomeOptions: Option[];
  /** The earlier visit this one follows, when recorded from its page. */
  earlier: VisitRow | null;
}

export async function loadVisitForm(Astro: AstroGlobal, mode: 'new' | 'edit'): Promise<Response | VisitFormProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const result = mode === 'new' ? Astro.getActionResult(actions.receptionCreate) : Astro.getActionResult(actions.receptionUpdate);
  if (result?.data?.ok) return Astro.redirect(staffPath('visit', { id: String(result.data.target) }, { [mode === 'new' ? 'da-ghi' : 'da-luu']: 1 }), 303);
  const db = await getDb();
  const id = mode === 'edit' ? idParam(Astro) : null;
  const { errors, fieldErrors: byField } = actionFeedback<VisitOutcome>(Astro, result, {
    refused: (data) => {
      if (data.problem !== 'invalid') return { href: '#main', text: data.problem === 'forbidden' ? t.refusals.forbidden : t.refusals.not_found };
      const fieldErrors = Object.fromEntries(Object.entries(data.fields).map(([field, problem]) => [field, fieldMessage(field, problem)]));
      return { errors: Object.entries(fieldErrors).map(([field, text]) => ({ href: `#f-${field}-input`, text })), fieldErrors };
    },
    failed: { href: '#f-visited_on-input', text: t.unsaved },
  });
  // Officers and administrators read the log; the form is not theirs (their post was refused by the action).
  if (!canRecordVisits(actor.role) || actor.agency_code === null) return Astro.rewrite('/403');

  let values: Record<string, string>;
  let earlier: VisitRow | null = null;
  if (result?.data && !result.data.ok) values = result.data.values;
  else if (id !== null) {
    const visit = await getVisit(db, actor, id);
    if (!visit) return Astro.rewrite('/404');
    if (visit.identityHidden) return Astro.rewrite('/403');
    values = visit.values;
  } else {
    const now = new Date(Date.now() + 7 * 3_600_000).toISOString();
    values = { agency_code: actor.agency_code ?? '', visited_on: todayInVietnam(), visited_time: now.slice(11, 16), headcount: '1', received_by: String(actor.id), kind: actor.role === 'head' ? 'head_periodic' : 'regular' };
    const from = Astro.url.searchParams.get('lan-truoc') ?? '';
    const previous = isRowId(from) ? await getVisit(db, actor, Number(from)) : undefined;
    if (previous && !previous.identityHidden) {
      earlier = previous;
      const copy: VisitField[] = ['citizen_name', 'citizen_id_number', 'citizen_address', 'citizen_phone', 'headcount', 'representatives', 'subject', 'category', 'agency_code'];
      for (const f of copy) values[f] = previous.values[f];
      values.earlier_visit_id = String(previous.id);
    }
  }
  const agencies = await visitAgencyOptions(db, actor);
  const staff = await receptionStaffOptions(db, actor);
  return {
    user,
    title: id === null ? t.newTitle : t.editTitle(id),
    action: id === null ? actions.receptionCreate : actions.receptionUpdate,
    id,
    values,
    errors,
    byField,
    agencyOptions: agencies.map((a) => ({ value: a.code, label: a.name_vi })),
    staffOptions: staff.map((s) => ({ value: String(s.id), label: t.staffOption(s.full_name, t.roleNames[s.role] ?? s.role) })),
    kindOptions: options(t.kinds, visitKinds, t.chooseKind),
    categoryOptions: options(t.categories, visitCategories, t.chooseCategory),
    outcomeOptions: options(t.outcomes, visitOutcomes, t.chooseOutcome),
    earlier,
  };
}
