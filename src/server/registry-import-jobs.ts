/**
 * CSV imports of the public list as jobs, so that a large file's progress can be shown while it is read: the upload
 * is saved under $DATA_DIR/imports (mode 600: it holds personal data), a row in `registry_imports` records the job,
 * and the file is read in the background by importCsv() (src/server/registry-import.ts) while the job page polls the
 * progress kept here in memory. A clean dry run keeps its file for 24 hours so that "write it" needs no second
 * upload; a commit is made once per dry run (a unique key), whatever the clicks. Jobs of a process that stopped are
 * marked failed at the next start (one server process per database, as `npm start` runs it).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { log } from './log.ts';
import { agencyScope, type RegistryActor } from './registry-admin.ts';
import { importCsv, type ImportError } from './registry-import.ts';
import type { Database } from './schema.ts';

/** Problems kept with a finished job (the first ones; `errorCount` has them all). */
export const IMPORT_ERRORS_KEPT = 200;
/** How long a checked file waits to be written. */
export const CHECKED_FILE_TTL_MS = 24 * 60 * 60_000;

export interface ImportProgress {
  bytesRead: number;
  rows: number;
}

export interface ImportJob {
  id: string;
  fileName: string;
  fileBytes: number;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  staffEmail: string;
  createdAt: Date;
  finishedAt: Date | null;
  rows: number;
  valid: number;
  errorCount: number;
  errors: ImportError[];
  committed: boolean;
  inserted: number;
  failure: string | null;
  /** For a commit: the dry run it wrote. */
  checkedBy: string | null;
  /** For a dry run: the commit made from it, if any. */
  commitId: string | null;
  /** While running in this process. */
  progress: ImportProgress | null;
  /** A clean dry run whose file is still here: it can be written. */
  canCommit: boolean;
}

export type ImportJobProblem = 'not_found' | 'not_clean' | 'file_gone';

export class ImportJobError extends Error {
  readonly reason: ImportJobProblem;
  constructor(reason: ImportJobProblem) {
    super(reason);
    this.reason = reason;
  }
}

interface Running extends ImportProgress {
  done: Promise<void>;
}

// One map per process, shared by the start script's and the server bundle's copies of this module.
const KEY = Symbol.for('thads.registryImports');
const running: Map<string, Running> = ((globalThis as { [KEY]?: Map<string, Running> })[KEY] ??= new Map());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const importsDir = (dataDir: string) => path.join(dataDir, 'imports');
const fileOf = (dataDir: string, id: string) => path.join(importsDir(dataDir), `${id}.csv`);

const newJob = (id: string, actor: RegistryActor, fileName: string, fileBytes: number, dryRun: boolean) => ({
  id,
  staff_id: actor.id,
  staff_email: actor.email,
  agency_code: actor.agency_code,
  file_name: fileName,
  file_bytes: fileBytes,
  dry_run: dryRun,
  status: 'running' as const,
});

/** Saves the upload and starts checking (dry run) or writing it; returns the job id at once. */
export async function startImport(
  db: Kysely<Database>,
  actor: RegistryActor,
  upload: { name: string; stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> },
  options: { dryRun: boolean; dataDir: string },
): Promise<string> {
  await agencyScope(db, actor); // refuses a role or account without a list to keep
  const id = randomUUID();
  const file = fileOf(options.dataDir, id);
  fs.mkdirSync(importsDir(options.dataDir), { recursive: true, mode: 0o700 });
  await pipeline(Readable.from(upload.stream as AsyncIterable<Uint8Array>), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  await db.insertInto('registry_imports').values(newJob(id, actor, upload.name.slice(0, 200), fs.statSync(file).size, options.dryRun)).execute();
  launch(db, actor, id, file, options.dryRun);
  return id;
}

/** Writes the file a clean dry run checked; a second call (a double click) returns the same commit job. */
export async function commitChecked(db: Kysely<Database>, actor: RegistryActor, checkedId: string, dataDir: string): Promise<string> {
  const checked = await getImportJob(db, actor, checkedId);
  if (checked.commitId) return checked.commitId;
  if (!checked.dryRun || checked.status !== 'done' || checked.errorCount > 0) throw new ImportJobError('not_clean');
  const file = fileOf(dataDir, checkedId);
  if (!fs.existsSync(file)) throw new ImportJobError('file_gone');
  const id = randomUUID();
  const inserted = await db
    .insertInto('registry_imports')
    .values({ ...newJob(id, actor, checked.fileName, checked.fileBytes, false), checked_by: checkedId })
    .onConflict((oc) => oc.column('checked_by').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // Another request made the commit a moment ago.
    const other = await db.selectFrom('registry_imports').select('id').where('checked_by', '=', checkedId).executeTakeFirstOrThrow();
    return other.id;
  }
  launch(db, actor, id, file, false);
  return id;
}

function launch(db: Kysely<Database>, actor: RegistryActor, id: string, file: string, dryRun: boolean): void {
  const entry = { bytesRead: 0, rows: 0 } as Running;
  entry.done = execute(db, actor, id, file, dryRun, entry).finally(() => running.delete(id));
  running.set(id, entry);
}

async function execute(db: Kysely<Database>, actor: RegistryActor, id: string, file: string, dryRun: boolean, progress: ImportProgress): Promise<void> {
  let keepFile = false;
  try {
    const counted = async function* () {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
        progress.bytesRead += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    };
    const result = await importCsv(db, actor, counted(), {
      dryRun,
      onProgress: (rows) => {
        progress.rows = rows;
      },
    });
    await db
      .updateTable('registry_imports')
      .set({
        status: 'done',
        rows: result.rows,
        valid: result.valid,
        error_count: result.errorCount,
        errors: JSON.stringify(result.errors.slice(0, IMPORT_ERRORS_KEPT)),
        committed: result.committed,
        inserted: result.inserted,
        finished_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    keepFile = dryRun && result.errorCount === 0;
  } catch (err) {
    log().error({ importId: id, err }, 'import failed');
    await db
      .updateTable('registry_imports')
      .set({ status: 'failed', failure: String(err instanceof Error ? err.message : err).slice(0, 500), finished_at: new Date() })
      .where('id', '=', id)
      .execute()
      .catch((e) => log().error({ importId: id, err: e }, 'import failure could not be recorded'));
  } finally {
    if (!keepFile) await fs.promises.rm(file, { force: true });
  }
}

/** A job the actor may see: their own, their agency's, or any for a central administrator; else not_found. */
export async function getImportJob(db: Kysely<Database>, actor: RegistryActor, id: string, dataDir?: string): Promise<ImportJob> {
  if (!UUID.test(id)) throw new ImportJobError('not_found');
  const row = await db.selectFrom('registry_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(row.staff_id === actor.id || actor.agency_code === null || row.agency_code === actor.agency_code)) {
    throw new ImportJobError('not_found');
  }
  const commit = row.dry_run ? await db.selectFrom('registry_imports').select('id').where('checked_by', '=', id).executeTakeFirst() : undefined;
  const live = running.get(id);
  const clean = row.dry_run && row.status === 'done' && row.error_count === 0;
  return {
    id: row.id,
    fileName: row.file_name,
    fileBytes: Number(row.file_bytes),
    dryRun: row.dry_run,
    status: row.status,
    staffEmail: row.staff_email,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
    rows: row.rows ?? 0,
    valid: row.valid ?? 0,
    errorCount: row.error_count ?? 0,
    errors: row.errors ? (JSON.parse(row.errors) as ImportError[]) : [],
    committed: row.committed ?? false,
    inserted: row.inserted ?? 0,
    failure: row.failure,
    checkedBy: row.checked_by,
    commitId: commit?.id ?? null,
    progress: live ? { bytesRead: live.bytesRead, rows: live.rows } : null,
    canCommit: clean && !commit && (dataDir === undefined || fs.existsSync(fileOf(dataDir, id))),
  };
}

/** The progress of a job running in this process (no database query: the page polls it every second). */
export function importProgress(id: string): ImportProgress | undefined {
  const live = running.get(id);
  return live && { bytesRead: live.bytesRead, rows: live.rows };
}

/** Resolves when a job running in this process has finished (tests, shutdown). */
export function importFinished(id: string): Promise<void> {
  return running.get(id)?.done ?? Promise.resolve();
}

/** The latest jobs the actor may see. */
export async function recentImports(db: Kysely<Database>, actor: RegistryActor, limit = 10) {
  let q = db
    .selectFrom('registry_imports')
    .select(['id', 'file_name', 'dry_run', 'status', 'rows', 'error_count', 'inserted', 'staff_email', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(limit);
  if (actor.agency_code !== null) q = q.where((eb) => eb.or([eb('agency_code', '=', actor.agency_code), eb('staff_id', '=', actor.id)]));
  return q.execute();
}

/** At start: jobs left running by a process that stopped cannot finish (their reader is gone). */
export async function failInterruptedImports(db: Kysely<Database>, now = new Date()): Promise<number> {
  const rows = await db
    .updateTable('registry_imports')
    .set({ status: 'failed', failure: 'interrupted', finished_at: now })
    .where('status', '=', 'running')
    .returning('id')
    .execute();
  return rows.length;
}

/** Deletes checked files nobody wrote within CHECKED_FILE_TTL_MS (personal data is not kept longer than needed). */
export async function purgeImportFiles(dataDir: string, now = Date.now()): Promise<number> {
  const dir = importsDir(dataDir);
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const name of await fs.promises.readdir(dir)) {
    const id = name.replace(/\.csv$/, '');
    const file = path.join(dir, name);
    if (running.has(id)) continue;
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (stat && now - stat.mtimeMs > CHECKED_FILE_TTL_MS) {
      await fs.promises.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
