/**
 * Loader of the calendar page (/can-bo/quan-tri/lich): one year's announced days off and working days (?nam=, the
 * year of the day just saved or deleted, else this year in Vietnam), the days off the working-day calendar computes
 * itself, and the add/replace form (central administrators; ?ngay=<date> fills it with that day).
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { AdminOutcome } from '../../../actions/admin/outcome.ts';
import { formatDate, formatDateLong } from '../../../i18n/index.ts';
import { staffText } from '../../../i18n/staff/index.ts';
import { listCalendarDays } from '../../../server/admin/calendar-days.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { createCalendar, todayInVietnam } from '../../../server/calendar.ts';
import { staffPath } from '../../../server/routes.ts';
import { isRealDate } from '../../../server/validation/dates.ts';
import type { ActionFeedback } from '../../action-feedback.ts';
import { actionFeedback } from '../../action-feedback.ts';
import { adminPage, fieldErrors } from './context.ts';

export interface ListedDay {
  date: string;
  /** 10/06/2031 */
  day: string;
  /** The day in long form, with its weekday. */
  dayLong: string;
  kind: 'off' | 'working';
  name_vi: string;
  name_en: string;
  editHref: string;
}

export interface CalendarPageProps extends ActionFeedback {
  user: SessionUser;
  year: number;
  /** Central administrators only. */
  canEdit: boolean;
  previousHref: string | undefined;
  nextHref: string | undefined;
  formHref: string;
  rows: ListedDay[];
  /** Days off the calendar computes because no announced day covers them. */
  computed: { dayLong: string; name: string; source: string }[];
  /** The add/replace form's values: those just refused, or the day chosen with "Sửa", or none. */
  formValues: Record<string, string>;
}

const validYear = (y: string | null | undefined) => (y && /^\d{4}$/.test(y) && y >= '2000' && y <= '2099' ? Number(y) : null);

export async function loadCalendarPage(Astro: AstroGlobal): Promise<CalendarPageProps | Response> {
  const page = await adminPage(Astro);
  if (page instanceof Response) return page;
  const { me, central: canEdit, db } = page;
  const t = staffText.admin.calendar;

  const result = Astro.getActionResult(actions.adminUpsertCalendarDay) ?? Astro.getActionResult(actions.adminDeleteCalendarDay);
  const outcome: AdminOutcome | undefined = result?.data;

  // The year shown: the day just saved or deleted, else ?nam=, else this year (in Vietnam).
  const savedYear = outcome?.ok && outcome.target && isRealDate(outcome.target) ? validYear(outcome.target.slice(0, 4)) : null;
  const year = savedYear ?? validYear(Astro.url.searchParams.get('nam')) ?? Number(todayInVietnam().slice(0, 4));

  const all = await listCalendarDays(db);
  const rows = all.filter((r) => r.date.startsWith(`${year}-`));
  // What the working-day calendar makes of the year: the days off it computes itself (statutory holidays and
  // compensatory days the announcements do not cover).
  const calendar = createCalendar(all.map((r) => ({ date: r.date, kind: r.kind, name: { vi: r.name_vi, en: r.name_en } })));
  const listed = new Set(rows.map((r) => r.date));
  const computed = calendar.explain(`${year - 1}-12-31`, `${year}-12-31`).daysOff.filter((d) => !listed.has(d.date));

  const feedback = actionFeedback<AdminOutcome>(Astro, result, {
    done: (done) => {
      if (!done.target) return undefined;
      const day = formatDate(done.target);
      if (done.op === 'upsertCalendarDay') return t.saved(day, rows.find((r) => r.date === done.target)?.name_vi);
      return done.detail.deleted === '1' ? t.deleted(day) : t.notListed(day);
    },
    refused: (refused) => {
      if (refused.problem === 'invalid' && Object.keys(refused.fields).length > 0 && refused.op === 'upsertCalendarDay') return fieldErrors(refused.fields);
      return {
        href: refused.op === 'upsertCalendarDay' && canEdit ? '#them' : '#danh-sach',
        text: (refused.problem && t.problems[refused.problem]) || staffText.common.actionFailed,
      };
    },
    failed: { href: '#danh-sach', text: staffText.common.actionFailed },
  });

  // The add/replace form: the values just refused, or the row chosen with "Sửa", or empty.
  const editing = Astro.url.searchParams.get('ngay') ?? '';
  const editRow = canEdit && !outcome ? all.find((r) => r.date === editing) : undefined;
  const formValues: Record<string, string> =
    outcome?.op === 'upsertCalendarDay' && !outcome.ok
      ? outcome.values
      : editRow
        ? { date: editRow.date, kind: editRow.kind, name_vi: editRow.name_vi, name_en: editRow.name_en }
        : { kind: 'off' };

  return {
    ...feedback,
    user: me,
    year,
    canEdit,
    previousHref: year > 2000 ? staffPath('adminCalendar', { nam: year - 1 }) : undefined,
    nextHref: year < 2099 ? staffPath('adminCalendar', { nam: year + 1 }) : undefined,
    formHref: staffPath('adminCalendar'),
    rows: rows.map((r) => ({
      ...r,
      day: formatDate(r.date),
      dayLong: formatDateLong(r.date, 'vi'),
      editHref: `${staffPath('adminCalendar', { nam: year, ngay: r.date })}#them`,
    })),
    computed: computed.map((d) => ({ dayLong: formatDateLong(d.date, 'vi'), name: d.name.vi, source: t.sources[d.kind] })),
    formValues,
  };
}
