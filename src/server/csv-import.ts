/**
 * What every CSV import of the back office shares (the public list, the enforcement results): the reader's options,
 * the header checks, the byte limit and the undoing of the export's formula guard. Each import keeps its own row
 * checks; problems are reported with the file's line number (1 = the header), as the pages list them.
 */
import { parse, type Parser } from 'csv-parse';

/**
 * A whole file's problems, the same in both imports: a column missing (header), one not known or repeated, a line that
 * is not CSV, too many rows, too many bytes, no rows.
 */
export const csvFileProblems = ['header', 'unknown_column', 'duplicate_column', 'csv', 'too_many_rows', 'too_large', 'empty'] as const;

/** A file or header problem, or one value of a row. */
export interface CsvProblem {
  /** The line of the file (1 = the header). */
  line: number;
  /** The column, when the problem is one value or one column. */
  field?: string;
  reason: string;
  /** For a repeated row: the line it repeats. */
  other?: number;
}

/** Thrown by limitBytes() when the upload passes the limit. */
export class TooLarge extends Error {}

/** Passes chunks through until `max` bytes, then throws TooLarge (the rest of a huge upload is never read). */
export async function* limitBytes(input: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of input as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > max) throw new TooLarge();
    yield chunk;
  }
}

/** A CSV export neutralises cells Excel would run as formulas ('=…'): take the quote off again. */
export const unneutralise = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** A header cell as compared: no byte-order mark, trimmed, lower case. */
export const headerName = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();

/**
 * The header's problems (all on line 1): a column named twice (duplicateColumn), one the import does not know
 * (unknownColumn), a required one missing (header).
 */
export function headerProblems(names: string[], known: readonly string[], required: readonly string[]): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) problems.push({ line: 1, field: n, reason: 'duplicate_column' });
    else if (!known.includes(n)) problems.push({ line: 1, field: n || undefined, reason: 'unknown_column' });
    seen.add(n);
  }
  for (const f of required) if (!seen.has(f)) problems.push({ line: 1, field: f, reason: 'header' });
  return problems;
}

/**
 * The reader both imports use: records keyed by the tidied header names (`onHeader` sees them first), with their
 * line numbers (`info`); a malformed record is skipped and reported through the parser's 'skip' event.
 */
export function csvReader(onHeader: (names: string[]) => void): Parser {
  return parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map(headerName);
      onHeader(names);
      return names;
    },
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    relax_quotes: false,
    trim: true,
  });
}

/** The line a csv-parse error points at. */
export const csvErrorLine = (err: unknown, fallback: number) => Number((err as { lines?: number }).lines ?? fallback);
