/**
 * CSV imports of the public list as jobs, so that a large file's progress can be shown while it is read: the upload
 * is saved under $DATA_DIR/imports (mode 600: it holds personal data), a row in `registry_imports` records the job,
 * and the file is read in the background by importCsv() (src/server/registry/import.ts) while the job page polls the
 * progress. A clean dry run keeps its file for 24 hours so that "write it" needs no second upload, in the database
 * (`registry_import_files`, in parts of PART_BYTES): the click on "write" may reach another instance, whose disk
 * does not have it. A commit is made once per dry run (a unique key), whatever the clicks.
 *
 * Several instances may share the database. The instance reading a file holds the job by a lease (`lease_until`,
 * `instance_id`) that it renews every HEARTBEAT_MS, writing the progress into the row with it, so every instance's
 * job page shows the same numbers. Any instance fails the jobs whose lease ran out (at start and every SWEEP_MS):
 * their reader stopped with its process. A reader that finds its lease taken stops before writing anything.
 * Lease times come from each instance's clock: LEASE_MS leaves room for a few seconds of skew.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { log } from '../log.ts';
import { agencyScope, type RegistryActor } from './admin.ts';
import { importCsv, type ImportError } from './import.ts';
import type { Database } from '../schema.ts';

/** Problems kept with a finished job (the first ones; `errorCount` has them all). */
export const IMPORT_ERRORS_KEPT = 200;
/** How long a checked file waits to be written. */
export const CHECKED_FILE_TTL_MS = 24 * 60 * 60_000;
/** A running job's lease: six missed heartbeats before another instance may declare it interrupted. */
export const LEASE_MS = 30_000;
export const HEARTBEAT_MS = 5_000;
/** How often each instance looks for jobs whose lease ran out. */
export const SWEEP_MS = 15_000;

export type Clock = () => Date;
const systemClock: Clock = () => new Date();

// One id per process (both copies of this module share it), written into the jobs this process reads.
const INSTANCE = Symbol.for('thads.instanceId');
export const instanceId: string = ((globalThis as { [INSTANCE]?: string })[INSTANCE] ??= `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);

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
  /** While running, here or on another instance whose lease holds. */
  progress: ImportProgress | null;
  /** A clean dry run whose file is still here: it can be written. */
  canCommit: boolean;
}

export const importJobProblems = ['not_found', 'not_clean', 'file_gone'] as const;
export type ImportJobProblem = (typeof importJobProblems)[number];

export class ImportJobError extends Error {
  readonly reason: ImportJobProblem;
  constructor(reason: ImportJobProblem) {
    super(reason);
    this.reason = reason;
  }
}

interface Running extends ImportProgress {
  db: Kysely<Database>;
  clock: Clock;
  /** Another instance failed the job (this lease ran out): stop reading, write nothing. */
  lost: boolean;
  done: Promise<void>;
}

// One map per process, shared by the start script's and the server bundle's copies of this module.
const KEY = Symbol.for('thads.registryImports');
const running: Map<string, Running> = ((globalThis as { [KEY]?: Map<string, Running> })[KEY] ??= new Map());

/** A checked file is kept in the database in parts of this size (one row each). */
const PART_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const importsDir = (dataDir: string) => path.join(dataDir, 'imports');
const fileOf = (dataDir: string, id: string) => path.join(importsDir(dataDir), `${id}.csv`);

const leaseFrom = (now: Date) => new Date(now.getTime() + LEASE_MS);

const newJob = (id: string, actor: RegistryActor, fileName: string, fileBytes: number, dryRun: boolean, now: Date) => ({
  id,
  instance_id: instanceId,
  lease_until: leaseFrom(now),
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
  options: { dryRun: boolean; dataDir: string; clock?: Clock },
): Promise<string> {
  const clock = options.clock ?? systemClock;
  await agencyScope(db, actor); // refuses a role or account without a list to keep
  const id = randomUUID();
  const file = fileOf(options.dataDir, id);
  fs.mkdirSync(importsDir(options.dataDir), { recursive: true, mode: 0o700 });
  await pipeline(Readable.from(upload.stream as AsyncIterable<Uint8Array>), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  await db.insertInto('registry_imports').values(newJob(id, actor, upload.name.slice(0, 200), fs.statSync(file).size, options.dryRun, clock())).execute();
  launch(db, actor, id, file, options.dryRun, clock);
  return id;
}

/** Writes the file a clean dry run checked; a second call (a double click) returns the same commit job. */
export async function commitChecked(db: Kysely<Database>, actor: RegistryActor, checkedId: string, dataDir: string, clock: Clock = systemClock): Promise<string> {
  const checked = await getImportJob(db, actor, checkedId);
  if (checked.commitId) return checked.commitId;
  if (!checked.dryRun || checked.status !== 'done' || checked.errorCount > 0) throw new ImportJobError('not_clean');
  if (!(await hasCheckedFile(db, checkedId))) throw new ImportJobError('file_gone');
  const id = randomUUID();
  // This instance's working copy of the checked file, read like an upload.
  const file = fileOf(dataDir, id);
  await restoreCheckedFile(db, checkedId, dataDir, file);
  const inserted = await db
    .insertInto('registry_imports')
    .values({ ...newJob(id, actor, checked.fileName, checked.fileBytes, false, clock()), checked_by: checkedId })
    .onConflict((oc) => oc.column('checked_by').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // Another request made the commit a moment ago.
    await fs.promises.rm(file, { force: true });
    const other = await db.selectFrom('registry_imports').select('id').where('checked_by', '=', checkedId).executeTakeFirstOrThrow();
    return other.id;
  }
  launch(db, actor, id, file, false, clock, checkedId);
  return id;
}

const hasCheckedFile = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('registry_import_files').select('part').where('import_id', '=', id).where('part', '=', 0).executeTakeFirst()) !== undefined;

/** Copies a clean dry run's file into the database, part by part, before the job is marked done. */
async function keepCheckedFile(db: Kysely<Database>, id: string, file: string): Promise<void> {
  let part = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: PART_BYTES })) {
    await db.insertInto('registry_import_files').values({ import_id: id, part: part++, content_base64: (chunk as Buffer).toString('base64') }).execute();
  }
}

async function restoreCheckedFile(db: Kysely<Database>, checkedId: string, dataDir: string, file: string): Promise<void> {
  fs.mkdirSync(importsDir(dataDir), { recursive: true, mode: 0o700 });
  const out = await fs.promises.open(file, 'wx', 0o600);
  try {
    // One part in memory at a time: a checked file may be tens of megabytes.
    for (let part = 0; ; part++) {
      const row = await db.selectFrom('registry_import_files').select('content_base64').where('import_id', '=', checkedId).where('part', '=', part).executeTakeFirst();
      if (!row) break;
      await out.write(Buffer.from(row.content_base64, 'base64'));
    }
  } finally {
    await out.close();
  }
}

function launch(db: Kysely<Database>, actor: RegistryActor, id: string, file: string, dryRun: boolean, clock: Clock, checkedId: string | null = null): void {
  const entry = { bytesRead: 0, rows: 0, db, clock, lost: false } as Running;
  const heartbeat = setInterval(() => {
    renewLease(id).catch((err) => console.error(`Import ${id}: could not renew its lease:`, err));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  running.set(id, entry);
  entry.done = execute(db, actor, id, file, dryRun, entry, checkedId).finally(() => {
    clearInterval(heartbeat);
    running.delete(id);
  });
}

/** Extends the lease of a job this process reads and writes its progress; false once another instance failed it. */
async function renewLease(id: string): Promise<boolean> {
  const live = running.get(id);
  if (!live || live.lost) return false;
  const renewed = await live.db
    .updateTable('registry_imports')
    .set({ lease_until: leaseFrom(live.clock()), bytes_read: live.bytesRead, rows: live.rows })
    .where('id', '=', id)
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(renewed.numUpdatedRows) === 0) live.lost = true;
  return !live.lost;
}

/** The heartbeat of every job this process reads, at once (what the timer does per job; tests call it on their clock). */
export async function renewImportLeases(): Promise<number> {
  let held = 0;
  for (const id of [...running.keys()]) if (await renewLease(id)) held++;
  return held;
}

async function execute(db: Kysely<Database>, actor: RegistryActor, id: string, file: string, dryRun: boolean, progress: Running, checkedId: string | null): Promise<void> {
  try {
    const counted = async function* () {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
        // Thrown inside importCsv's transaction: a job another instance declared interrupted writes nothing.
        if (progress.lost) throw new Error('lease lost');
        progress.bytesRead += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (progress.lost) throw new Error('lease lost');
    };
    const result = await importCsv(db, actor, counted(), {
      dryRun,
      onProgress: (rows) => {
        progress.rows = rows;
      },
    });
    if (dryRun && result.errorCount === 0) await keepCheckedFile(db, id, file);
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
        finished_at: progress.clock(),
        lease_until: null,
      })
      // This instance's outcome is the truth, even when a sweep elsewhere declared the job interrupted a moment ago.
      .where('id', '=', id)
      .where('instance_id', '=', instanceId)
      .execute();
  } catch (err) {
    log().error({ importId: id, err }, 'import failed');
    await db
      .updateTable('registry_imports')
      .set({ status: 'failed', failure: String(err instanceof Error ? err.message : err).slice(0, 500), finished_at: progress.clock(), lease_until: null })
      .where('id', '=', id)
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'running')
      .execute()
      .catch((e) => log().error({ importId: id, err: e }, 'import failure could not be recorded'));
  } finally {
    await fs.promises.rm(file, { force: true });
    // Written (or failed: a dry run is committed once at most), the checked file is not needed any more.
    if (checkedId) await db.deleteFrom('registry_import_files').where('import_id', '=', checkedId).execute().catch((e) => console.error(`Import ${id}: could not delete the checked file:`, e));
  }
}

/** A job the actor may see: their own, their agency's, or any for a central administrator; else not_found. */
export async function getImportJob(db: Kysely<Database>, actor: RegistryActor, id: string, now: Date = new Date()): Promise<ImportJob> {
  if (!UUID.test(id)) throw new ImportJobError('not_found');
  const row = await db.selectFrom('registry_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(row.staff_id === actor.id || actor.agency_code === null || row.agency_code === actor.agency_code)) {
    throw new ImportJobError('not_found');
  }
  const commit = row.dry_run ? await db.selectFrom('registry_imports').select('id').where('checked_by', '=', id).executeTakeFirst() : undefined;
  const live = running.get(id);
  const leased = row.status === 'running' && row.lease_until !== null && new Date(row.lease_until) >= now;
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
    progress: live ? { bytesRead: live.bytesRead, rows: live.rows } : leased ? { bytesRead: Number(row.bytes_read), rows: row.rows ?? 0 } : null,
    canCommit: clean && !commit && (await hasCheckedFile(db, id)),
  };
}

/** The progress of a job running in this process, as it is between two heartbeats. */
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

/**
 * Jobs whose lease ran out cannot finish: their reader stopped with its process (or lost the database for longer than
 * LEASE_MS). Run by every instance at start and every SWEEP_MS; a job another instance still renews is left alone.
 */
export async function failExpiredImports(db: Kysely<Database>, now = new Date()): Promise<number> {
  const rows = await db
    .updateTable('registry_imports')
    .set({ status: 'failed', failure: 'interrupted', finished_at: now, lease_until: null })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * Deletes checked files nobody wrote within CHECKED_FILE_TTL_MS of their check (personal data is not kept longer than
 * needed), and working copies under `dataDir` that a stopped process left behind; returns how many files went.
 */
export async function purgeImportFiles(db: Kysely<Database>, dataDir: string, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - CHECKED_FILE_TTL_MS);
  const gone = await db
    .deleteFrom('registry_import_files')
    .where('import_id', 'in', (eb) => eb.selectFrom('registry_imports').select('id').where('finished_at', '<', cutoff))
    .returning('import_id')
    .execute();
  let removed = new Set(gone.map((r) => r.import_id)).size;
  const dir = importsDir(dataDir);
  if (!fs.existsSync(dir)) return removed;
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
