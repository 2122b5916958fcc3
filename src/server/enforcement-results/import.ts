/**
 * Importing enforcement results: upload → check → preview → commit once → audited.
 *
 * - previewImport() reads and checks the file. A file with any problem stores nothing: the problems come back, per
 *   line and column. A clean file is kept as an import record ('previewed') with its checked rows, so the commit
 *   needs no second upload and writes exactly what the preview showed.
 * - commitImport() writes the rows in one transaction that first flips the record from 'previewed' to 'committed'
 *   (a conditional update): of two commits of one import (a double click, a refresh that posts again) exactly one
 *   finds it 'previewed'; the other is refused with 'committed' and writes nothing. Audited as
 *   'enforcement_results.import' with the counts.
 * - A row for an agency and period end already stored replaces that snapshot (a correction); the preview says so and
 *   shows the figures it replaces.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { Database } from '../schema.ts';
import { todayInVietnam } from '../validation/dates.ts';
import { EnforcementError, importScope, type EnforcementActor } from './access.ts';
import { checkResultFile, countColumns, type ResultFileCheck, type ResultValues } from './csv.ts';
import { agencyNames, allAgencies } from '../agencies.ts';

export type PreviewOutcome = { ok: true; importId: string } | { ok: false; check: ResultFileCheck };

/** Checks an uploaded file; stores it for the preview when clean. @throws EnforcementError('forbidden') */
export async function previewImport(
  db: Kysely<Database>,
  actor: EnforcementActor,
  upload: { name: string; bytes: Uint8Array },
  options: { today?: string } = {},
): Promise<PreviewOutcome> {
  const allowed = await importScope(db, actor);
  const known = new Set((await allAgencies(db)).map((a) => a.code));
  const check = await checkResultFile((async function* () {
    yield upload.bytes;
  })(), { known, allowed }, options.today ?? todayInVietnam());
  if (check.problemCount > 0) return { ok: false, check };
  const id = randomUUID();
  await db
    .insertInto('enforcement_result_imports')
    .values({
      id,
      staff_id: actor.id,
      staff_email: actor.email,
      agency_code: actor.agency_code,
      file_name: upload.name.slice(0, 200),
      file_bytes: upload.bytes.byteLength,
      checksum: createHash('sha256').update(upload.bytes).digest('hex'),
      row_count: check.rowCount,
      status: 'previewed',
      rows: JSON.stringify(check.rows),
    })
    .execute();
  return { ok: true, importId: id };
}

/** One row of the preview: what will be stored, beside the snapshot it follows or replaces. */
export interface PreviewRow {
  values: ResultValues;
  agencyName: string;
  /** The latest stored snapshot of the agency and year up to this period end, if any. */
  previous: (ResultValues & { replaced: boolean }) | null;
}

export interface ImportRecord {
  id: string;
  fileName: string;
  fileBytes: number;
  checksum: string;
  rowCount: number;
  status: 'previewed' | 'committed';
  staffEmail: string;
  createdAt: Date;
  committedAt: Date | null;
  rows: PreviewRow[];
  /** Another import of the very same file that was committed (its commit time), if any. */
  sameFileCommittedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The figures of a row (what a correction replaces). */
const numberColumns = countColumns;

/** An import the actor may see (their own, their agency's; a central administrator: any), with its preview. */
export async function getImport(db: Kysely<Database>, actor: EnforcementActor, id: string): Promise<ImportRecord> {
  await importScope(db, actor); // the role
  if (!UUID.test(id)) throw new EnforcementError('not_found');
  const row = await db.selectFrom('enforcement_result_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(row.staff_id === actor.id || actor.agency_code === null || row.agency_code === actor.agency_code)) throw new EnforcementError('not_found');
  const values = (typeof row.rows === 'string' ? JSON.parse(row.rows) : row.rows) as ResultValues[];
  const codes = [...new Set(values.map((v) => v.agency_code))];
  const names = await agencyNames(db);
  // The stored snapshots to compare with, other than those this import wrote.
  const stored = codes.length
    ? await db
        .selectFrom('enforcement_results')
        .select(['agency_code', 'statistical_year', 'period_end', ...numberColumns])
        .where('agency_code', 'in', codes)
        .where('import_id', '<>', id)
        .orderBy('period_end', 'desc')
        .execute()
    : [];
  const rows = values.map((v) => {
    const before = stored.find((s) => s.agency_code === v.agency_code && s.statistical_year === v.statistical_year && s.period_end <= v.period_end);
    return {
      values: v,
      agencyName: names.get(v.agency_code)?.name_vi ?? v.agency_code,
      previous: before ? { ...before, replaced: before.period_end === v.period_end } : null,
    };
  });
  const same = await db
    .selectFrom('enforcement_result_imports')
    .select('committed_at')
    .where('checksum', '=', row.checksum)
    .where('status', '=', 'committed')
    .where('id', '<>', id)
    .orderBy('committed_at', 'desc')
    .executeTakeFirst();
  return {
    id: row.id,
    fileName: row.file_name,
    fileBytes: row.file_bytes,
    checksum: row.checksum,
    rowCount: row.row_count,
    status: row.status,
    staffEmail: row.staff_email,
    createdAt: new Date(row.created_at),
    committedAt: row.committed_at ? new Date(row.committed_at) : null,
    rows,
    sameFileCommittedAt: same?.committed_at ? new Date(same.committed_at) : null,
  };
}

/**
 * Writes a previewed import, once. @throws EnforcementError 'committed' (already written), 'not_found', 'forbidden'
 * (a row of an agency outside the actor's scope, if the scope changed since the preview).
 */
export async function commitImport(db: Kysely<Database>, actor: EnforcementActor, id: string): Promise<{ rows: number }> {
  await getImport(db, actor, id); // visibility and role
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('enforcement_result_imports')
      .set({ status: 'committed', committed_at: sql`now()`, committed_by: actor.id })
      .where('id', '=', id)
      .where('status', '=', 'previewed')
      .returning(['rows', 'file_name', 'checksum'])
      .executeTakeFirst();
    if (!claimed) throw new EnforcementError('committed');
    const rows = (typeof claimed.rows === 'string' ? JSON.parse(claimed.rows) : claimed.rows) as ResultValues[];
    const scope = await importScope(trx, actor);
    if (rows.some((r) => !scope.has(r.agency_code))) throw new EnforcementError('forbidden');
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('enforcement_results')
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, import_id: id })))
        .onConflict((oc) =>
          oc.constraint('enforcement_results_agency_period').doUpdateSet((eb) => ({
            ...Object.fromEntries(numberColumns.map((c) => [c, eb.ref(`excluded.${c}`)])),
            import_id: eb.ref('excluded.import_id'),
            updated_at: sql`now()`,
          })),
        )
        .execute();
    }
    const byAgency: Record<string, number> = {};
    for (const r of rows) byAgency[r.agency_code] = (byAgency[r.agency_code] ?? 0) + 1;
    await recordAudit(trx, { id: actor.id, email: actor.email, ip: actor.ip ?? null }, {
      action: 'enforcement_results.import',
      entityType: 'enforcement_result_import',
      entityId: id,
      agencyCode: actor.agency_code,
      after: { file: claimed.file_name, checksum: claimed.checksum, rows: rows.length, byAgency },
    });
    return { rows: rows.length };
  });
}

/** The latest imports the actor may see. */
export async function recentImports(db: Kysely<Database>, actor: EnforcementActor, limit = 10) {
  let q = db
    .selectFrom('enforcement_result_imports')
    .select(['id', 'file_name', 'status', 'row_count', 'staff_email', 'created_at', 'committed_at'])
    .orderBy('created_at', 'desc')
    .limit(limit);
  if (actor.agency_code !== null) q = q.where((eb) => eb.or([eb('agency_code', '=', actor.agency_code), eb('staff_id', '=', actor.id)]));
  return q.execute();
}
