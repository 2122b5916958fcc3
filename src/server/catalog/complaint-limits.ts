/**
 * Time to complain (thời hiệu khiếu nại): how long after learning of a decision or act a complaint may be made, per
 * subject, as dated data. Read by the server (check page, the late flag) and by the complaint form's island in the
 * browser, so this module imports only types and the dependency-free `inForceOn`: no calendar code, no zod.
 *
 * Old regime: Art. 140 of the 2008 Law with Circular 13/2021/TT-BTP (in force from 13 February 2022). From 1 July
 * 2026 the new Law leaves the procedure to a Ministry of Justice circular not yet found: the same figures are kept,
 * marked unconfirmed.
 */
import { inForceOn } from './in-force.ts';
import type { Citation, DateISO, Unconfirmed } from './types.ts';

export type ComplaintSubject = 'beforeCoercion' | 'accountFreeze' | 'otherSecurity' | 'coercion' | 'afterCoercion';
export type ComplaintRound = 'first' | 'second';

export interface ComplaintLimit {
  days: number;
  unit: 'working' | 'calendar';
}

export interface ComplaintLimitRules {
  effectiveFrom: DateISO;
  /** A first complaint, counted from the day the complainant learned of the decision or act. */
  first: Record<ComplaintSubject, ComplaintLimit>;
  /** A second complaint, counted from the day the first decision was received. */
  second: ComplaintLimit;
  legalBasis: Citation[];
  unconfirmed?: Unconfirmed;
}

const days = (n: number): ComplaintLimit => ({ days: n, unit: 'calendar' });

const table: Record<ComplaintSubject, ComplaintLimit> = {
  beforeCoercion: days(15),
  accountFreeze: { days: 3, unit: 'working' },
  otherSecurity: days(10),
  coercion: days(30),
  afterCoercion: days(30),
};

/** Oldest first. */
export const complaintLimits: ComplaintLimitRules[] = [
  {
    effectiveFrom: '2022-02-13',
    first: table,
    second: days(15),
    legalBasis: [
      { ref: { vi: 'Điều 140 Luật Thi hành án dân sự 2008', en: 'Art. 140, Law on Civil Judgment Enforcement 2008' }, instrument: '26/2008/QH12' },
      { ref: { vi: 'Thông tư 13/2021/TT-BTP', en: 'Circular 13/2021/TT-BTP' }, instrument: '13/2021/TT-BTP' },
    ],
  },
  {
    effectiveFrom: '2026-07-01',
    first: table,
    second: days(15),
    legalBasis: [
      {
        ref: { vi: 'Luật Thi hành án dân sự số 106/2025/QH15', en: 'Law on Civil Judgment Enforcement No. 106/2025/QH15' },
        instrument: '106/2025/QH15',
        unconfirmed: {
          vi: 'Chưa tìm được văn bản hướng dẫn thủ tục khiếu nại theo Luật số 106/2025/QH15.',
          en: 'No text guiding the complaint procedure under Law No. 106/2025/QH15 was found.',
        },
      },
    ],
    unconfirmed: {
      vi: 'Thời hiệu khiếu nại giữ như Luật Thi hành án dân sự 2008 và Thông tư 13/2021/TT-BTP; chưa được xác nhận theo luật mới.',
      en: 'The time allowed to complain is kept from the 2008 Law and Circular 13/2021/TT-BTP; not yet confirmed under the new Law.',
    },
  },
];

/** The rules in force on `day` (the oldest set for days before it). */
export function complaintLimitsOn(day: DateISO): ComplaintLimitRules {
  return inForceOn(complaintLimits, day);
}

/** What `lastDayToComplain` needs of the working calendar (the island passes a small one built from its props). */
export interface ComplaintCalendar {
  isWorkingDay(date: DateISO): boolean;
  addWorkingDays(start: DateISO, n: number): DateISO;
}

export interface ComplaintTiming {
  subject?: unknown;
  round?: unknown;
  dateLearned?: unknown;
  firstDecisionReceivedOn?: unknown;
}

export interface LastDay {
  lastDay: DateISO;
  /** The day the time runs from (learned, or first decision received). */
  from: DateISO;
  limit: ComplaintLimit;
  rules: ComplaintLimitRules;
}

// A day that exists: Date.parse alone takes "2026-01-32" (its fallback parser rolls it over) while the same day at
// midnight UTC is NaN, which made the complaint form's deadline throw mid-render (found by tests/fuzz).
const isDate = (v: unknown): v is DateISO => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
};

/**
 * The last day a complaint may be made, or null when the answers do not say enough (no subject, no date). Calendar
 * days as the Civil Code counts them (Arts. 147–148: the start day is not counted; a limit ending on a rest day ends
 * on the next working day); working days through the calendar. The rules are those in force on the start day.
 */
export function lastDayToComplain(timing: ComplaintTiming, calendar: ComplaintCalendar): LastDay | null {
  const second = timing.round === 'second';
  const from = second ? timing.firstDecisionReceivedOn : timing.dateLearned;
  if (!isDate(from)) return null;
  const rules = complaintLimitsOn(from);
  const limit = second ? rules.second : rules.first[timing.subject as ComplaintSubject];
  if (!limit) return null;
  let lastDay: DateISO;
  if (limit.unit === 'working') lastDay = calendar.addWorkingDays(from, limit.days);
  else {
    lastDay = new Date(Date.parse(from + 'T00:00:00Z') + limit.days * 86_400_000).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(lastDay)) lastDay = calendar.addWorkingDays(lastDay, 1);
  }
  return { lastDay, from, limit, rules };
}

/**
 * The days a page passes to the island: the span it covers, the weekdays off and the worked weekend days in it.
 * Built on the server by `calendarWindow`, read in the browser by `windowCalendar`.
 */
export interface CalendarWindow {
  from: DateISO;
  to: DateISO;
  off: DateISO[];
  worked: DateISO[];
  today: DateISO;
}

/** Thrown by `windowCalendar` for a day outside its span: the island then says nothing. */
export class OutsideWindow extends Error {}

const DAY_MS = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const isWeekend = (d: DateISO) => [0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay());

/**
 * The calendar's working days from `daysBefore` days before `today` to `daysAfter` after it: enough for a date
 * learned in the last year plus the longest limit and a long Tết.
 */
export function calendarWindow(calendar: Pick<ComplaintCalendar, 'isWorkingDay'>, today: DateISO, daysBefore = 400, daysAfter = 90): CalendarWindow {
  const t0 = Date.parse(today + 'T00:00:00Z');
  const from = dayOf(t0 - daysBefore * DAY_MS);
  const to = dayOf(t0 + daysAfter * DAY_MS);
  const off: DateISO[] = [];
  const worked: DateISO[] = [];
  for (let t = t0 - daysBefore * DAY_MS; t <= t0 + daysAfter * DAY_MS; t += DAY_MS) {
    const day = dayOf(t);
    const working = calendar.isWorkingDay(day);
    if (!isWeekend(day) && !working) off.push(day);
    if (isWeekend(day) && working) worked.push(day);
  }
  return { from, to, off, worked, today };
}

/** A calendar made from a window (weekends off, with the window's exceptions). @throws OutsideWindow */
export function windowCalendar(w: CalendarWindow): ComplaintCalendar {
  const off = new Set(w.off);
  const worked = new Set(w.worked);
  const isWorkingDay = (d: DateISO) => {
    if (d < w.from || d > w.to) throw new OutsideWindow();
    return worked.has(d) || (!off.has(d) && !isWeekend(d));
  };
  return {
    isWorkingDay,
    addWorkingDays(start, n) {
      let t = Date.parse(start + 'T00:00:00Z');
      for (let counted = 0; counted < n; ) {
        t += DAY_MS;
        if (isWorkingDay(dayOf(t))) counted++;
      }
      return dayOf(t);
    },
  };
}
