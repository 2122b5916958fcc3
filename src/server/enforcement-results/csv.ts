/**
 * Reading and checking a CSV file of enforcement results: one row per agency and period end, the columns of
 * `resultColumns`, a header row first. Pure checks (no database): the caller passes the agency codes that exist and
 * those the actor may import for, and today's date.
 *
 * Checks per row: the agency exists and is the actor's; the statistical year is a year; the period end is a real
 * date inside that statistical year (1 October of the year before – 30 September) and not after today; every count
 * and amount is a whole number ≥ 0; with conditions + without conditions ≤ total, completed ≤ with conditions, for
 * cases and for money; an agency and period end appear once in the file.
 */
import { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { parseDate } from '../registry/admin.ts';
import { csvErrorLine, csvReader, headerProblems, limitBytes, TooLarge, unneutralise, type CsvProblem } from '../csv-import.ts';

/** A value's problems in a row of the figures, each answered under its column. */
export const resultFieldProblems = ['required', 'unknown', 'scope', 'year', 'date', 'outside_year', 'future', 'count', 'above_total', 'parts_above_total', 'above_with_conditions'] as const;

/** The columns of the file, in the template's order. */
export const resultColumns = [
  'agency_code',
  'statistical_year',
  'period_end',
  'cases_total',
  'cases_with_conditions',
  'cases_without_conditions',
  'cases_completed',
  'money_total',
  'money_with_conditions',
  'money_completed',
] as const;
export type ResultColumn = (typeof resultColumns)[number];

export const countColumns = resultColumns.slice(3) as readonly Exclude<ResultColumn, 'agency_code' | 'statistical_year' | 'period_end'>[];

export const RESULT_LIMITS = { maxRows: 5_000, maxBytes: 1024 * 1024, maxProblems: 500 } as const;

/** A checked row, as stored. */
export interface ResultValues {
  agency_code: string;
  statistical_year: number;
  /** yyyy-mm-dd */
  period_end: string;
  cases_total: number;
  cases_with_conditions: number;
  cases_without_conditions: number;
  cases_completed: number;
  money_total: number;
  money_with_conditions: number;
  money_completed: number;
}

/**
 * The statistical year a date falls in, named by the year it ends in: 1 October 2025 – 30 September 2026 is 2026.
 */
export function statisticalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 10 ? year + 1 : year;
}

/** The first and last day of a statistical year. */
export function statisticalYearBounds(year: number): { from: string; to: string } {
  return { from: `${year - 1}-10-01`, to: `${year}-09-30` };
}

/**
 * A whole number ≥ 0 as the case system or Excel writes it: digits, optionally grouped by thousands with dots or
 * spaces as vi-VN writes them (1.234.567). Anything else (a sign, a decimal part, a comma) is null. Amounts stay
 * far below 2^53 đồng.
 */
export function parseCount(value: string): number | null {
  const v = value.trim();
  if (!/^\d+$/.test(v) && !/^\d{1,3}([. ]\d{3})+$/.test(v)) return null;
  const n = Number(v.replace(/[. ]/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** Checks one row's values (text, as read). Returns the values, or column → problem code. */
export function validateResultRow(
  input: Partial<Record<ResultColumn, string>>,
  agencies: { known: ReadonlySet<string>; allowed: ReadonlySet<string> },
  today: string,
): { values: ResultValues; fields?: undefined } | { values?: undefined; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const text = (c: ResultColumn) => (input[c] ?? '').trim();

  const agency = text('agency_code').toUpperCase();
  if (!agency) fields.agency_code = 'required';
  else if (!agencies.known.has(agency)) fields.agency_code = 'unknown';
  else if (!agencies.allowed.has(agency)) fields.agency_code = 'scope';

  const yearText = text('statistical_year');
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (!yearText) fields.statistical_year = 'required';
  else if (year === null || year < 2000 || year > 2100) fields.statistical_year = 'year';

  const periodText = text('period_end');
  const period = parseDate(periodText);
  if (!periodText) fields.period_end = 'required';
  else if (!period) fields.period_end = 'date';
  else if (year !== null && statisticalYearOf(period) !== year) fields.period_end = 'outside_year';
  else if (period > today) fields.period_end = 'future';

  const n: Partial<Record<(typeof countColumns)[number], number>> = {};
  for (const c of countColumns) {
    const raw = text(c);
    if (!raw) {
      fields[c] = 'required';
      continue;
    }
    const parsed = parseCount(raw);
    if (parsed === null) fields[c] = 'count';
    else n[c] = parsed;
  }
  // How the parts relate, judged only on numbers that could be read.
  const has = (...cs: (typeof countColumns)[number][]) => cs.every((c) => n[c] !== undefined);
  if (has('cases_total', 'cases_with_conditions') && n.cases_with_conditions! > n.cases_total!) fields.cases_with_conditions = 'above_total';
  else if (has('cases_total', 'cases_with_conditions', 'cases_without_conditions') && n.cases_with_conditions! + n.cases_without_conditions! > n.cases_total!) {
    fields.cases_without_conditions = 'parts_above_total';
  }
  if (has('cases_with_conditions', 'cases_completed') && n.cases_completed! > n.cases_with_conditions!) fields.cases_completed = 'above_with_conditions';
  if (has('money_total', 'money_with_conditions') && n.money_with_conditions! > n.money_total!) fields.money_with_conditions = 'above_total';
  if (has('money_with_conditions', 'money_completed') && n.money_completed! > n.money_with_conditions!) fields.money_completed = 'above_with_conditions';

  if (Object.keys(fields).length > 0) return { fields };
  return { values: { agency_code: agency, statistical_year: year!, period_end: period!, ...(n as Required<typeof n>) } };
}

export interface ResultFileCheck {
  /** Data rows read (the header not counted). */
  rowCount: number;
  /** The rows, when the whole file is clean; else empty. */
  rows: ResultValues[];
  /** Problems in file order (at most RESULT_LIMITS.maxProblems; `problemCount` has them all). */
  problems: CsvProblem[];
  problemCount: number;
}

/**
 * Reads and checks a whole file. Problem reasons: for a value, those of validateResultRow(); duplicateRow (same
 * agency and period end as the line in `other`); for the file: header, unknownColumn, duplicateColumn, csv (a
 * malformed line), tooManyRows, tooLarge, empty.
 */
export async function checkResultFile(
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  agencies: { known: ReadonlySet<string>; allowed: ReadonlySet<string> },
  today: string,
): Promise<ResultFileCheck> {
  const problems: CsvProblem[] = [];
  let problemCount = 0;
  const fail = (p: CsvProblem) => {
    problemCount++;
    if (problems.length < RESULT_LIMITS.maxProblems) problems.push(p);
  };
  const rows: ResultValues[] = [];
  const seen = new Map<string, number>();
  let rowCount = 0;
  let headerOk = true;
  const parser = csvReader((names) => {
    const header = headerProblems(names, resultColumns, resultColumns);
    header.forEach(fail);
    headerOk = header.length === 0;
  });
  parser.on('skip', (err: CsvError) => {
    rowCount++;
    fail({ line: csvErrorLine(err, 0), reason: 'csv' });
  });
  const source = Readable.from(limitBytes(stream, RESULT_LIMITS.maxBytes));
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      rowCount++;
      if (rowCount > RESULT_LIMITS.maxRows) {
        rowCount--;
        fail({ line: info.lines, reason: 'too_many_rows' });
        break;
      }
      if (!headerOk) continue;
      const input: Partial<Record<ResultColumn, string>> = {};
      for (const c of resultColumns) input[c] = unneutralise(record[c] ?? '');
      const checked = validateResultRow(input, agencies, today);
      if (checked.fields) {
        for (const [field, reason] of Object.entries(checked.fields)) fail({ line: info.lines, field, reason });
        continue;
      }
      const key = `${checked.values.agency_code}|${checked.values.period_end}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail({ line: info.lines, reason: 'duplicate_row', other: first });
        continue;
      }
      seen.set(key, info.lines);
      rows.push(checked.values);
    }
  } catch (err) {
    if (err instanceof TooLarge) fail({ line: rowCount + 1, reason: 'too_large' });
    else if (err instanceof CsvError) fail({ line: csvErrorLine(err, rowCount + 1), reason: 'csv' });
    else throw err;
  } finally {
    source.destroy();
  }
  if (rowCount === 0 && problemCount === 0) fail({ line: 1, reason: 'empty' });
  return { rowCount, rows: problemCount === 0 ? rows : [], problems, problemCount };
}

/** The template a staff member downloads: the header, and one example row (Excel opens it as UTF-8: a BOM). */
export function resultTemplateCsv(): string {
  const example = ['HNI', '2026', '31/08/2026', '31245', '22410', '8835', '16310', '4987654321000', '2104567890000', '862345678000'];
  return `\uFEFF${resultColumns.join(',')}\r\n${example.join(',')}\r\n`;
}
