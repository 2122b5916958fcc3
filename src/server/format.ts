import type { Locale } from './catalog/types.ts';

/** 23/11/2026 in both languages: dd/mm/yyyy is what Vietnamese documents use. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const weekdays: Record<Locale, string[]> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** "Thứ Hai, 23/11/2026" / "Monday, 23/11/2026". */
export function formatDateLong(iso: string, locale: Locale): string {
  const day = new Date(iso.slice(0, 10) + 'T00:00:00Z').getUTCDay();
  return `${weekdays[locale][day]}, ${formatDate(iso)}`;
}

// Built once: an Intl formatter costs far more to create than to use.
const wholeNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('vi-VN');
const oneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 1.234.567 đồng (vi-VN grouping in both languages, as amounts appear on Vietnamese documents). */
export function formatMoney(amount: number, locale: Locale): string {
  const digits = wholeNumber.format(amount);
  return locale === 'vi' ? `${digits} đồng` : `VND ${digits}`;
}

/** A count with vi-VN thousands separators. */
export function formatNumber(n: number): string {
  return number.format(n);
}

/** 1,2 MB / 350 KB, with a decimal comma as vi-VN writes it. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${oneDecimal.format(bytes / 1024 / 1024)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A share 0–1 as vi-VN writes it in both languages: 0.839 → "83,9%" (one decimal, no space before the sign). */
export function formatPercent(ratio: number): string {
  return `${percent.format(ratio * 100)}%`;
}

/** An average with one decimal, vi-VN: 4.25 → "4,3". */
export function formatDecimal(n: number): string {
  return percent.format(n);
}

/** An instant as an ISO text of Vietnam's wall clock ("2026-11-30T09:15:04.000Z" for 02:15:04 UTC): UTC+7 all year. */
const vietnamLocal = (instant: Date | string) => new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString();

/** "30/11/2026": the day an instant falls on in Vietnam. */
export function formatVietnamDate(instant: Date | string): string {
  return formatDate(vietnamLocal(instant));
}

/** "30/11/2026 09:15": an instant as a log or a list of records gives it, in Vietnam's time. */
export function formatVietnamDateTime(instant: Date | string): string {
  const local = vietnamLocal(instant);
  return `${formatDate(local)} ${local.slice(11, 16)}`;
}

/** "30/11/2026 09:15:04": the same to the second, as the audit log needs to order what happened in one minute. */
export function formatVietnamDateTimeSeconds(instant: Date | string): string {
  const local = vietnamLocal(instant);
  return `${formatDate(local)} ${local.slice(11, 19)}`;
}

/** "14:05, 01/12/2026": an instant as the clock and calendar read in Vietnam. */
export function formatVietnamTime(instant: Date): string {
  const local = vietnamLocal(instant);
  return `${local.slice(11, 16)}, ${formatDate(local)}`;
}

/** A text given in both languages (the catalog's `{ vi, en }` pairs), in the page's language. */
export function textIn(locale: Locale, text: { vi: string; en: string }): string {
  return text[locale];
}

/**
 * A name as a document addressed to an authority gives it: in English with the Vietnamese name after it, so the
 * reader can find the office by its official name.
 */
export function textWithOfficial(locale: Locale, text: { vi: string; en: string }): string {
  return locale === 'vi' ? text.vi : `${text.en} (${text.vi})`;
}

/** A row's name (`name_vi`/`name_en` columns, as agencies have) in the page's language. */
export function nameIn(locale: Locale, row: { name_vi: string; name_en: string }): string {
  return textIn(locale, { vi: row.name_vi, en: row.name_en });
}

/** A row's name as textWithOfficial() gives it. */
export function nameInWithOfficial(locale: Locale, row: { name_vi: string; name_en: string }): string {
  return textWithOfficial(locale, { vi: row.name_vi, en: row.name_en });
}

const vietnamClock = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** "14:05": the time of an instant on a clock in Vietnam. */
export function formatVietnamClock(instant: Date): string {
  return vietnamClock.format(instant);
}
