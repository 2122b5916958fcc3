/**
 * Vietnamese lunar calendar (âm lịch), after Hồ Ngọc Đức's astronomical method:
 * months start on the day (at UTC+7) of the astronomical new moon, month 11 is the one
 * containing the winter solstice, and in a 13-month year the first month without a
 * major solar term (trung khí) is the leap month.
 *
 * The time zone matters: Chinese tables compute at UTC+8 and sometimes disagree
 * (Tết 2007: 17 Feb in Vietnam, 18 Feb in China). Valid for Gregorian dates ~1800–2199.
 */

/** Vietnam's standard time (UTC+7) in hours. */
const TIME_ZONE = 7;
const DEG = Math.PI / 180;
/** Mean synodic month in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the mean new moon of 1900-01-01 (the epoch of `newMoon(k)`). */
const NEW_MOON_EPOCH = 2415021.076998695;

export type LunarDate = { day: number; month: number; year: number; leap: boolean };
export type SolarDate = { y: number; m: number; d: number };

/** Julian day number of a Gregorian date (1970-01-01 is JDN 2440588). */
function julianDay(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000) + 2_440_588;
}

function fromJulianDay(jdn: number): SolarDate {
  const date = new Date((jdn - 2_440_588) * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/**
 * Julian date (UT) of the k-th new moon after the one of 1900-01-01, with the main
 * periodic corrections (Meeus, "Astronomical Algorithms", simplified).
 */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * DEG; // sun's anomaly
  const Mp = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * DEG; // moon's anomaly
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * DEG; // moon's latitude
  let c = (0.1734 - 0.000393 * T) * Math.sin(M) + 0.0021 * Math.sin(2 * M);
  c += -0.4068 * Math.sin(Mp) + 0.0161 * Math.sin(2 * Mp) - 0.0004 * Math.sin(3 * Mp);
  c += 0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mp) - 0.0074 * Math.sin(M - Mp);
  c += 0.0004 * Math.sin(2 * F + M) - 0.0004 * Math.sin(2 * F - M);
  c += -0.0006 * Math.sin(2 * F + Mp) + 0.001 * Math.sin(2 * F - Mp) + 0.0005 * Math.sin(2 * Mp + M);
  // ΔT (TT − UT) correction, in days.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

/** Local (UTC+7) day number on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Sun's apparent longitude in radians, [0, 2π), at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * DEG;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  const C =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.00029 * Math.sin(3 * M);
  const L = (L0 + C) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/**
 * Index 0–11 of the 30° sector the sun is in at the start of local day `dayNumber`;
 * a major solar term starts each sector (9 = winter solstice, i.e. 270°).
 */
function solarTermSector(dayNumber: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** Day number of the start of lunar month 11 (the month holding the winter solstice) of year `y`. */
function month11Start(y: number): number {
  const k = Math.floor((julianDay(y, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k);
  // If the sun is already past the solstice at that new moon, month 11 began one moon earlier.
  return solarTermSector(start) >= 9 ? newMoonDay(k - 1) : start;
}

/**
 * In a leap year (13 months between two months 11), the offset after `a11` of the
 * first month with no major solar term — that month is the leap month.
 */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = solarTermSector(newMoonDay(k + i));
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = solarTermSector(newMoonDay(k + i));
  } while (sector !== previous && i < 14);
  return i - 1;
}

function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/**
 * Converts a Gregorian date to the Vietnamese lunar date.
 * @param y Gregorian year, e.g. 2025
 * @param m month 1–12
 * @param d day 1–31
 * @returns lunar day, month (1–12), year (the lunar year it belongs to) and whether the month is leap
 */
export function solarToLunar(y: number, m: number, d: number): LunarDate {
  assertInteger('y', y);
  assertInteger('m', m);
  assertInteger('d', d);
  const dayNumber = julianDay(y, m, d);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);

  let a11 = month11Start(y);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = y;
    a11 = month11Start(y - 1);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1);
  }

  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29); // months since month 11
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    if (diff >= leapOffset) {
      month = diff + 10;
      leap = diff === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 at the start of the span belong to the previous lunar year.
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * Converts a Vietnamese lunar date to the Gregorian date.
 * @param lunarDay 1–30
 * @param lunarMonth 1–12
 * @param lunarYear lunar year (named by the Gregorian year in which its month 1 starts)
 * @param leap true for the leap (nhuận) month
 * @throws RangeError if `leap` is set but that month is not leap in that year, or the month is shorter than `lunarDay`
 */
export function lunarToSolar(lunarDay: number, lunarMonth: number, lunarYear: number, leap: boolean): SolarDate {
  assertInteger('lunarDay', lunarDay);
  assertInteger('lunarMonth', lunarMonth);
  assertInteger('lunarYear', lunarYear);
  if (lunarDay < 1 || lunarDay > 30) throw new RangeError(`lunar day out of range: ${lunarDay}`);
  if (lunarMonth < 1 || lunarMonth > 12) throw new RangeError(`lunar month out of range: ${lunarMonth}`);

  const [a11, b11] =
    lunarMonth < 11
      ? [month11Start(lunarYear - 1), month11Start(lunarYear)]
      : [month11Start(lunarYear), month11Start(lunarYear + 1)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = lunarMonth - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) {
      throw new RangeError(`lunar year ${lunarYear} has no leap month ${lunarMonth}`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`lunar year ${lunarYear} has no leap month`);
  }
  const monthStart = newMoonDay(k + offset);
  if (lunarDay > newMoonDay(k + offset + 1) - monthStart) {
    throw new RangeError(`lunar month ${lunarMonth}/${lunarYear} has fewer than ${lunarDay} days`);
  }
  return fromJulianDay(monthStart + lunarDay - 1);
}
