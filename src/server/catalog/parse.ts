/**
 * Parsing one form value for one field: the rules buildSchema applies to every field, kept free of zod so they can
 * be read and tested on their own.
 */
import { checkCccd, checkVnPhone } from '../validation/cccd.ts';
import { isRealDate, todayInVietnam } from '../validation/dates.ts';
import { z } from 'zod';
import type { ErrorKey } from './errors.ts';
import type { DateISO, FieldDef, FieldKind, FieldOption } from './types.ts';

/** A parsed value, `{}` for a missing optional value, or an error key. */
export type FieldResult = { value?: unknown; error?: undefined } | { value?: undefined; error: ErrorKey };

/** Default maximum length per kind, in characters after trimming. */
const MAX_LENGTH: Record<FieldKind, number> = {
  text: 200,
  textarea: 5000,
  email: 254,
  tel: 30,
  cccd: 30,
  date: 10,
  money: 30,
  agency: 64,
  select: 100,
  radios: 100,
  checkboxes: 100,
};

/** The longest answer a field accepts, in characters after trimming. */
export function maxLengthOf(field: FieldDef): number {
  return field.maxLength ?? MAX_LENGTH[field.kind];
}

/** For kinds with a fixed format, "not in the format" is more helpful than "too long". */
const FORMAT_ERROR: Partial<Record<FieldKind, ErrorKey>> = {
  tel: 'phone',
  cccd: 'cccd.format',
  date: 'date',
  money: 'money',
  select: 'option',
  radios: 'option',
};

/** The earliest date a form accepts; older dates are typing mistakes. */
const EARLIEST_DATE = '1900-01-01';

/** Options in force on a date (`from` inclusive, `until` exclusive): a ground removed on 1 July 2026 has `until: '2026-07-01'`. */
export function optionsFor(field: FieldDef, on: DateISO): FieldOption[] {
  return (field.options ?? []).filter((o) => (o.from === undefined || o.from <= on) && (o.until === undefined || on < o.until));
}

/**
 * Normalises typed text: NFC (macOS and some Vietnamese keyboards send decomposed diacritics, which would defeat
 * search and duplicate checks), unified line breaks, trimmed; single-line kinds also collapse runs of whitespace.
 */
export function normaliseText(value: string, multiline: boolean): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n');
  return (multiline ? text : text.replace(/\s+/g, ' ')).trim();
}

// Control characters (PostgreSQL rejects NUL in text) and bidirectional overrides (they make a name display as
// something else). Tab and newline are allowed in multi-line text only; single-line text has none left by now.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
// Half of a surrogate pair: not a character at all, and PostgreSQL refuses it in JSON.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text) || LONE_SURROGATE.test(text);
}

/**
 * Parses an amount of đồng: digits, optionally grouped by dots ("1.234.567") or spaces, optionally followed by
 * "đ", "đồng" or "VND". Commas are refused: in Vietnamese they mark decimals, and đồng have none.
 */
export function parseMoney(value: string): number | null {
  const text = value
    .normalize('NFC')
    .replace(/\s+/g, '')
    .replace(/(đồng|đ|vnđ|vnd)$/i, '');
  if (!/^\d+$/.test(text) && !/^\d{1,3}(\.\d{3})+$/.test(text)) return null;
  const amount = Number(text.replaceAll('.', ''));
  return Number.isSafeInteger(amount) ? amount : null;
}

function missing(field: FieldDef): FieldResult {
  // A conditional field is required only when shown; buildSchema checks that once it knows the other answers.
  return field.required && !field.showIf ? { error: 'required' } : {};
}

/**
 * Parses the raw form value of one field. Form values are strings, or null for empty inputs; checkboxes may also
 * post a list. Anything else (numbers, objects, files) is refused as `invalid`, except whole numbers of đồng, so that
 * parsed data validates again unchanged.
 */
export function parseField(field: FieldDef, raw: unknown, today: DateISO = todayInVietnam()): FieldResult {
  if (field.kind === 'checkboxes') return parseCheckboxes(field, raw, today);
  if (raw === undefined || raw === null) return missing(field);
  if (field.kind === 'money' && typeof raw === 'number') {
    return Number.isSafeInteger(raw) && raw >= 0 ? { value: raw } : { error: 'money' };
  }
  if (typeof raw !== 'string') return { error: 'invalid' };

  const max = maxLengthOf(field);
  const tooLong: FieldResult = { error: FORMAT_ERROR[field.kind] ?? 'too_long' };
  // Cheap guard before normalising: NFC can shorten decomposed text, but never to a quarter.
  if (raw.length > max * 4 + 64) return tooLong;
  const text = normaliseText(raw, field.kind === 'textarea');
  if (text === '') return missing(field);
  if (hasForbiddenCharacters(text)) return { error: 'characters' };
  if (text.length > max) return tooLong;
  return parseText(field, text, today);
}

function parseText(field: FieldDef, text: string, today: DateISO): FieldResult {
  switch (field.kind) {
    case 'email':
      return z.email().safeParse(text).success ? { value: text } : { error: 'email' };
    case 'tel': {
      const phone = checkVnPhone(text);
      return phone.ok ? { value: phone.phone } : { error: 'phone' };
    }
    case 'cccd': {
      // People copy the number in groups ("001 088 012 345"); the check itself wants the bare digits.
      const digits = text.replace(/[\s.-]/g, '');
      const check = checkCccd(digits);
      return check.ok ? { value: digits } : { error: `cccd.${check.reason}` };
    }
    case 'date':
      // Every date on these forms is something that has already happened (a birth, a judgment, a decision).
      if (!isRealDate(text) || text < EARLIEST_DATE) return { error: 'date' };
      return text > today ? { error: 'date_future' } : { value: text };
    case 'money': {
      const amount = parseMoney(text);
      return amount === null ? { error: 'money' } : { value: amount };
    }
    case 'select':
    case 'radios':
      return optionsFor(field, today).some((o) => o.value === text) ? { value: text } : { error: 'option' };
    default:
      return { value: text };
  }
}

function parseCheckboxes(field: FieldDef, raw: unknown, today: DateISO): FieldResult {
  // One ticked box posts a single value, several post a list.
  const list = raw === undefined || raw === null ? [] : typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.length > 100 || !list.every((v) => typeof v === 'string' && v.length <= 200)) {
    return { error: 'invalid' };
  }
  const values = list.map((v: string) => normaliseText(v, false)).filter((v) => v !== '');
  if (values.length === 0) return missing(field);
  const allowed = optionsFor(field, today).map((o) => o.value);
  if (!values.every((v) => allowed.includes(v))) return { error: 'option' };
  // Option order, no duplicates: the stored answer does not depend on how the browser posted it.
  return { value: allowed.filter((v) => values.includes(v)) };
}
