/**
 * Working days of Vietnamese state agencies: statutory holidays (Labour Code 2019
 * Arts. 111–112), overridden by the days the Government announces each year (table
 * `calendar_days`), and time-limit counting per Civil Code 2015 Arts. 147–148.
 *
 * Pure functions on 'yyyy-mm-dd' strings; arithmetic is done on UTC day numbers so
 * the server's local time zone never shifts a date.
 */
import { lunarToSolar } from './lunar.ts';

/** A calendar date, 'yyyy-mm-dd'. */
export type DateISO = string;
export type LocalizedName = { vi: string; en: string };

/** An announced day off or announced working day (a row of `calendar_days`). */
export type CalendarDay = { date: DateISO; kind: 'off' | 'working'; name: LocalizedName };

/** A day off computed from the Labour Code. */
export type StatutoryHoliday = { date: DateISO; name: LocalizedName; kind: 'holiday' | 'compensatory' };

/** A day listed by `explain()`. `announced` = a day off taken from the announcements. */
export type ExplainedDay = { date: DateISO; name: LocalizedName; kind: 'holiday' | 'compensatory' | 'announced' };

export type Explanation = {
  /** Non-working days in the span other than plain weekends, in date order. */
  daysOff: ExplainedDay[];
  /** Announced working days that would otherwise be off (worked Saturdays), in date order. */
  extraWorkingDays: CalendarDay[];
};

export type WorkingCalendar = {
  /** Whether state agencies work on `date`. */
  isWorkingDay(date: DateISO): boolean;
  /**
   * The n-th working day after `start` (Civil Code Art. 147: the start day is not counted).
   * n = 0 returns `start` unchanged. @throws RangeError unless n is a non-negative integer
   */
  addWorkingDays(start: DateISO, n: number): DateISO;
  /**
   * Working days after `a` up to and including `b`; 0 when a = b, negated when b < a
   * (so `workingDaysBetween(a, addWorkingDays(a, n)) === n`).
   */
  workingDaysBetween(a: DateISO, b: DateISO): number;
  /** Why a span is longer than its weekdays suggest, over the same days as `workingDaysBetween`. */
  explain(start: DateISO, end: DateISO): Explanation;
};

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws on anything but a real 'yyyy-mm-dd' date. */
function toDayNumber(date: DateISO): number {
  const match = ISO_RE.exec(date);
  if (match) {
    const n = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    if (fromDayNumber(n) === date) return n; // rejects e.g. 2025-02-30
  }
  throw new RangeError(`invalid date (expected yyyy-mm-dd): ${date}`);
}

function fromDayNumber(n: number): DateISO {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function iso(y: number, m: number, d: number): DateISO {
  return fromDayNumber(Date.UTC(y, m - 1, d) / DAY_MS);
}

function isWeekend(dayNumber: number): boolean {
  const weekday = (dayNumber + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
}

const TET_VI = /tết\s+(nguyên\s+đán|âm\s+lịch)/iu;
const TET_EN = /lunar new year/i;
const NATIONAL_DAY_VI = /quốc\s+khánh/iu;
const NATIONAL_DAY_EN = /national day/i;

function matches(name: LocalizedName, vi: RegExp, en: RegExp): boolean {
  return vi.test(name.vi.normalize('NFC')) || en.test(name.en);
}

/**
 * Whether an announced entry is one of the year's Tết days off. Convention: an 'off'
 * entry whose Vietnamese name contains "Tết Nguyên đán" or "Tết Âm lịch", or whose English
 * name contains "Lunar New Year". ("Tết Dương lịch" — New Year's Day — does not match.)
 * If a year has any such entry, the announced days replace the default Tết days.
 */
export function isTetAnnouncement(day: CalendarDay): boolean {
  return day.kind === 'off' && matches(day.name, TET_VI, TET_EN);
}

/**
 * Whether an announced entry sets National Day's second day: an 'off' entry not on 2 September
 * whose name contains "Quốc khánh" / "National Day". If a year has one, the default adjacent
 * day (1 September) and National Day's computed compensatory days are dropped; 2 September
 * itself always stays a holiday.
 */
export function isNationalDayAnnouncement(day: CalendarDay): boolean {
  return day.kind === 'off' && !day.date.endsWith('-09-02') && matches(day.name, NATIONAL_DAY_VI, NATIONAL_DAY_EN);
}

type Options = { tetAnnounced: boolean; nationalDayAnnounced: boolean };

function tetDays(year: number): StatutoryHoliday[] {
  const t = lunarToSolar(1, 1, year, false);
  const newYear = toDayNumber(iso(t.y, t.m, t.d));
  const lastDay = fromDayNumber(newYear - 1);
  const days: StatutoryHoliday[] = [
    {
      date: lastDay,
      kind: 'holiday',
      name: { vi: 'Tết Nguyên đán (ngày cuối năm âm lịch)', en: 'Lunar New Year (last day of the lunar year)' },
    },
  ];
  for (let i = 0; i < 4; i++) {
    days.push({
      date: fromDayNumber(newYear + i),
      kind: 'holiday',
      name: { vi: `Tết Nguyên đán (mùng ${i + 1} tháng Giêng)`, en: `Lunar New Year (day ${i + 1})` },
    });
  }
  return days;
}

function computeHolidays(year: number, options: Options): StatutoryHoliday[] {
  const h = (m: number, d: number, vi: string, en: string): StatutoryHoliday => ({
    date: iso(year, m, d),
    kind: 'holiday',
    name: { vi, en },
  });
  const hung = lunarToSolar(10, 3, year, false);
  const holidays: StatutoryHoliday[] = [
    h(1, 1, 'Tết Dương lịch', "New Year's Day"),
    ...(options.tetAnnounced ? [] : tetDays(year)),
    h(hung.m, hung.d, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)"),
    h(4, 30, 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
    h(5, 1, 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'),
    ...(options.nationalDayAnnounced
      ? []
      : [h(9, 1, 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)')]),
    h(9, 2, 'Quốc khánh (2/9)', 'National Day (2 September)'),
  ].sort((a, b) => a.date.localeCompare(b.date));

  // Art. 111(3): a holiday on a weekly rest day is made up on the next working day.
  const taken = new Set(holidays.map((x) => x.date));
  const compensatory: StatutoryHoliday[] = [];
  for (const holiday of holidays) {
    let n = toDayNumber(holiday.date);
    if (!isWeekend(n)) continue;
    // Under an announcement, the announced list already includes the make-up days.
    if (options.nationalDayAnnounced && holiday.date === iso(year, 9, 2)) continue;
    do {
      n++;
    } while (isWeekend(n) || taken.has(fromDayNumber(n)));
    const date = fromDayNumber(n);
    taken.add(date);
    compensatory.push({
      date,
      kind: 'compensatory',
      name: { vi: `Nghỉ bù ${holiday.name.vi}`, en: `Compensatory day off: ${holiday.name.en}` },
    });
  }
  return [...holidays, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Default statutory days off for `year` (Labour Code 2019 Art. 112), before any announcement:
 * 1 Jan; Tết = last day of the lunar year + lunar 1–4 of the new year; Hùng Kings (10/3 lunar);
 * 30 Apr; 1 May; 1–2 Sep; plus a compensatory day after each one that falls on a weekend.
 * @returns entries sorted by date
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  return computeHolidays(year, { tetAnnounced: false, nationalDayAnnounced: false });
}

/**
 * Builds a working-day calendar from the announced days (`calendar_days`). Announced entries
 * win over computed ones: 'working' makes a day a working day (even a Saturday or a computed
 * holiday), 'off' makes it a day off. Announced Tết / National Day entries replace the
 * defaults of their year (see `isTetAnnouncement`, `isNationalDayAnnouncement`).
 * @throws RangeError on an entry with an invalid date
 */
export function createCalendar(days: CalendarDay[]): WorkingCalendar {
  const announced = new Map<DateISO, CalendarDay>();
  const tetYears = new Set<number>();
  const nationalDayYears = new Set<number>();
  for (const day of days) {
    toDayNumber(day.date);
    announced.set(day.date, day);
    const year = Number(day.date.slice(0, 4));
    if (isTetAnnouncement(day)) tetYears.add(year);
    if (isNationalDayAnnouncement(day)) nationalDayYears.add(year);
  }

  const holidaysByYear = new Map<number, Map<DateISO, StatutoryHoliday>>();
  function holiday(date: DateISO): StatutoryHoliday | undefined {
    const year = Number(date.slice(0, 4));
    let map = holidaysByYear.get(year);
    if (!map) {
      const list = computeHolidays(year, {
        tetAnnounced: tetYears.has(year),
        nationalDayAnnounced: nationalDayYears.has(year),
      });
      map = new Map(list.map((x) => [x.date, x]));
      holidaysByYear.set(year, map);
    }
    return map.get(date);
  }

  function isWorking(n: number): boolean {
    const date = fromDayNumber(n);
    const entry = announced.get(date);
    if (entry) return entry.kind === 'working';
    return !isWeekend(n) && !holiday(date);
  }

  return {
    isWorkingDay(date) {
      return isWorking(toDayNumber(date));
    },

    addWorkingDays(start, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
      let day = toDayNumber(start);
      for (let counted = 0; counted < n; ) if (isWorking(++day)) counted++;
      return fromDayNumber(day);
    },

    workingDaysBetween(a, b) {
      const from = toDayNumber(a);
      const to = toDayNumber(b);
      const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
      let count = 0;
      for (let day = lo + 1; day <= hi; day++) if (isWorking(day)) count++;
      return sign * count;
    },

    explain(start, end) {
      const from = toDayNumber(start);
      const to = toDayNumber(end);
      const explanation: Explanation = { daysOff: [], extraWorkingDays: [] };
      for (let n = Math.min(from, to) + 1; n <= Math.max(from, to); n++) {
        const date = fromDayNumber(n);
        const entry = announced.get(date);
        const computed = holiday(date);
        if (entry?.kind === 'working') {
          if (isWeekend(n) || computed) explanation.extraWorkingDays.push(entry);
        } else if (entry) {
          explanation.daysOff.push({ date, name: entry.name, kind: computed?.kind ?? 'announced' });
        } else if (computed) {
          explanation.daysOff.push({ date, name: computed.name, kind: computed.kind });
        }
      }
      return explanation;
    },
  };
}

// Made once: building a formatter costs about a millisecond, and the demo history converts tens of thousands of times.
const vietnamDate = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today's date in Vietnam (Asia/Ho_Chi_Minh), whatever the server's time zone.
 * @param now the instant to convert (default: the current time)
 */
export function todayInVietnam(now: Date = new Date()): DateISO {
  const parts = vietnamDate.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
