/**
 * Loading entries of the public list from a CSV file (one row per person, the columns of `entryFields`, a header
 * row first), streamed: a file of 200,000 rows is parsed and checked without being held in memory.
 *
 * - A dry run reads and checks every row and writes nothing.
 * - A person listed twice under the same enforcement decision is refused: a row repeating an earlier row of the file, or
 *   an entry already published (checked per batch of 500, one query by decision number).
 * - A commit is all or nothing: one transaction, inserts in batches of 500; if any row is bad (or the file is cut
 *   short, too large or malformed), the transaction is rolled back and nothing is written. It is audited once
 *   ('registry.import', with the counts).
 */
import { Readable } from 'node:stream';
import { CsvError } from 'csv-parse';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit } from '../audit.ts';
import { csvErrorLine, csvReader, headerProblems, limitBytes, TooLarge, unneutralise } from '../csv-import.ts';
import { agencyScope, allAgencyProvinces, entryFields, validateEntry, type EntryInput, type EntryValues, type RegistryActor } from './admin.ts';
import type { Database } from '../schema.ts';
import { searchKey } from '../search-key.ts';
import { todayInVietnam } from '../validation/dates.ts';

/** A row that repeats a person: earlier in the file, or already on the published list. */
export const importRowProblems = ['duplicate_row', 'listed'] as const;

export const IMPORT_LIMITS = { maxRows: 200_000, maxBytes: 50 * 1024 * 1024, batchSize: 500, maxErrors: 10_000 } as const;

export interface ImportError {
  /** The line of the file (1 = the header). */
  line: number;
  /** The column, when the problem is one value. */
  field?: string;
  /**
   * A field problem (entryFieldProblems in admin.ts), a repeated person (duplicate_row: earlier in the file, see
   * `other`; listed: already on the published list) or a file problem (csvFileProblems in ../csv-import.ts).
   */
  reason: string;
  /** For duplicate_row: the line it repeats. */
  other?: number;
}

export interface ImportResult {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Rows without a problem. */
  valid: number;
  /** The problems, in file order (at most IMPORT_LIMITS.maxErrors; `errorCount` has them all). */
  errors: ImportError[];
  errorCount: number;
  /** Whether the rows were written (a commit of a file without any problem). */
  committed: boolean;
  /** Rows written. */
  inserted: number;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Called every 1,000 rows and at the end with the number of rows read. */
  onProgress?(rowsRead: number): void;
  /** Lower limits (tests). */
  limits?: { maxRows?: number; maxBytes?: number };
}

/** Thrown inside the transaction to roll it back when the file has a problem. */
class Rollback extends Error {}

/** What makes two rows the same entry: agency, enforcement decision (number and date) and the debtor's folded name. */
function entryKey(v: Pick<EntryValues, 'agency_code' | 'decision_number' | 'decision_date' | 'debtor_name'>): string {
  return [v.agency_code, v.decision_number.trim().toUpperCase(), v.decision_date, searchKey(v.debtor_name)].join('\u0000');
}

/** The keys of the given rows that are already on the published list (one query per batch, by decision number). */
async function alreadyListed(db: Kysely<Database>, rows: EntryValues[]): Promise<Set<string>> {
  const numbers = [...new Set(rows.map((r) => r.decision_number.trim().toUpperCase()))];
  const found = await db
    .selectFrom('registry_entries')
    .select(['agency_code', 'decision_number', 'decision_date', 'debtor_name'])
    .where('removed_on', 'is', null)
    .where(sql<boolean>`upper(decision_number) = any(${numbers}::text[])`)
    .execute();
  return new Set(found.map(entryKey));
}

/** Reads, checks and (unless a dry run) writes the rows of a CSV file. */
export async function importCsv(
  db: Kysely<Database>,
  actor: RegistryActor,
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  const scope = await agencyScope(db, actor);
  const all = await allAgencyProvinces(db);
  const today = todayInVietnam();
  let rolledBack: ImportResult | undefined;
  const maxRows = Math.min(options.limits?.maxRows ?? IMPORT_LIMITS.maxRows, IMPORT_LIMITS.maxRows);
  const maxBytes = Math.min(options.limits?.maxBytes ?? IMPORT_LIMITS.maxBytes, IMPORT_LIMITS.maxBytes);

  async function run(trx: Transaction<Database> | null): Promise<ImportResult & { byAgency: Record<string, number> }> {
    const errors: ImportError[] = [];
    let errorCount = 0;
    const fail = (e: ImportError) => {
      errorCount++;
      if (errors.length < IMPORT_LIMITS.maxErrors) errors.push(e);
    };
    let rows = 0;
    let valid = 0;
    let inserted = 0;
    const byAgency: Record<string, number> = {};
    let batch: EntryValues[] = [];
    // The same person under the same enforcement decision twice is one entry: in the file, or already published.
    const seen = new Map<string, number>();
    let pending: { line: number; key: string; values: EntryValues }[] = [];
    const flush = async () => {
      if (pending.length > 0) {
        const listed = await alreadyListed(trx ?? db, pending.map((p) => p.values));
        for (const p of pending) {
          if (!listed.has(p.key)) continue;
          fail({ line: p.line, reason: 'listed' });
          valid--;
        }
        pending = [];
      }
      if (trx && batch.length > 0 && errorCount === 0) {
        await trx.insertInto('registry_entries').values(batch).execute();
        inserted += batch.length;
      }
      batch = [];
    };

    let headerOk = true;
    // The two optional columns may be left out.
    const required = entryFields.filter((f) => f !== 'reason_detail' && f !== 'published_on');
    const parser = csvReader((names) => {
      for (const p of headerProblems(names, entryFields, required)) fail(p);
      if (errorCount > 0) headerOk = false;
    });
    parser.on('skip', (err: CsvError) => {
      rows++;
      fail({ line: csvErrorLine(err, 0), reason: 'csv' });
    });
    const source = Readable.from(limitBytes(stream, maxBytes));
    source.on('error', (err) => parser.destroy(err));
    source.pipe(parser);
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        rows++;
        if (rows > maxRows) {
          rows--;
          fail({ line: info.lines, reason: 'too_many_rows' });
          break;
        }
        if (options.onProgress && rows % 1000 === 0) options.onProgress(rows);
        if (!headerOk) continue;
        const input: EntryInput = {};
        for (const f of entryFields) input[f] = unneutralise(record[f] ?? '');
        const checked = validateEntry(input, scope, all, today);
        if (checked.fields) {
          for (const [field, reason] of Object.entries(checked.fields)) fail({ line: info.lines, field, reason });
          continue;
        }
        const key = entryKey(checked.values);
        const first = seen.get(key);
        if (first !== undefined) {
          fail({ line: info.lines, reason: 'duplicate_row', other: first });
          continue;
        }
        seen.set(key, info.lines);
        valid++;
        byAgency[checked.values.agency_code] = (byAgency[checked.values.agency_code] ?? 0) + 1;
        pending.push({ line: info.lines, key, values: checked.values });
        if (trx && errorCount === 0) batch.push(checked.values);
        if (pending.length >= IMPORT_LIMITS.batchSize) await flush();
      }
    } catch (err) {
      if (err instanceof TooLarge) fail({ line: rows + 1, reason: 'too_large' });
      else if (err instanceof CsvError) fail({ line: csvErrorLine(err, rows + 1), reason: 'csv' });
      else throw err;
    } finally {
      source.destroy();
    }
    if (rows === 0 && errorCount === 0) fail({ line: 1, reason: 'empty' });
    await flush();
    options.onProgress?.(rows);
    const committed = trx !== null && errorCount === 0;
    const result = { rows, valid, errors, errorCount, committed, inserted: committed ? inserted : 0, byAgency };
    if (trx && !committed) {
      const { byAgency: _b, ...rest } = result;
      rolledBack = rest;
    }
    return result;
  }

  // The rows are read once: a commit checks and inserts in the same pass, and rolls back at the end if needed.
  if (options.dryRun) {
    const { byAgency: _b, ...dry } = await run(null);
    return dry;
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const { byAgency, ...result } = await run(trx);
      if (!result.committed) throw new Rollback();
      await recordAudit(trx, { id: actor.id, email: actor.email, ip: actor.ip ?? null }, {
        action: 'registry.import',
        entityType: 'registry_entry',
        agencyCode: actor.agency_code,
        after: { rows: result.rows, inserted: result.inserted, byAgency },
      });
      return result;
    });
  } catch (err) {
    if (err instanceof Rollback && rolledBack) return rolledBack;
    throw err;
  }
}
