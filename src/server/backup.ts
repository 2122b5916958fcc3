/**
 * Backup and restore of the embedded database (PGlite): its data directory as one gzipped tar archive, written by
 * PGlite's `dumpDataDir()` and unpacked by its `loadDataDir` option. Both take DATA_DIR's lock, so neither runs
 * while a server (or another tool) has the database open: a copy of a directory being written is not a backup.
 *
 * The archive holds every dossier, so it is written owner-only (0600), and first under a temporary name: a backup
 * cut short never sits where a complete one is expected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FILE_MODE, secureDataDir } from './data-dir.ts';
import { acquireLock, createPglite } from './db.ts';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Where `npm run db:backup` writes without an argument: DATA_DIR/backups/db-<UTC time>.tar.gz. */
export function defaultBackupFile(dataDir: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join(dataDir, 'backups', `db-${stamp}.tar.gz`);
}

/** Writes the embedded database under `dataDir` to `file` (which must not exist yet); returns its size in bytes. */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  const dbDir = path.join(dataDir, 'db');
  if (!fs.existsSync(path.join(dbDir, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${dbDir}.`);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: choose another file name.`);
  const release = acquireLock(dataDir);
  const partial = `${file}.partial`;
  try {
    const pglite = await createPglite(dbDir);
    let archive: Blob;
    try {
      archive = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
    const bytes = new Uint8Array(await archive.arrayBuffer());
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(partial, bytes, { mode: FILE_MODE, flag: 'w' });
    // The mode given to writeFileSync applies only to a new file; a leftover partial file keeps its own.
    fs.chmodSync(partial, FILE_MODE);
    fs.renameSync(partial, file);
    return bytes.length;
  } finally {
    fs.rmSync(partial, { force: true });
    release();
  }
}

/**
 * Unpacks the archive `file` as the embedded database under `dataDir`, which must hold none yet (restoring over a
 * database would silently discard what it holds: move it aside first). Checks the result opens and answers.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file.`);
  const dbDir = path.join(dataDir, 'db');
  const release = acquireLock(dataDir);
  try {
    if (fs.existsSync(dbDir) && fs.readdirSync(dbDir).length > 0)
      throw new BackupError(`${dbDir} already holds a database: stop the server and move that directory aside first.`);
    try {
      const pglite = await createPglite(dbDir, new Blob([fs.readFileSync(file)]));
      try {
        await pglite.query('select count(*) from kysely_migration');
      } finally {
        await pglite.close();
      }
    } catch (err) {
      fs.rmSync(dbDir, { recursive: true, force: true });
      throw new BackupError(`${file} could not be restored (not a backup of the embedded database?): ${(err as Error).message}`);
    }
    // Unpacked files get PGlite's default modes, whatever the umask.
    secureDataDir(dataDir);
  } finally {
    release();
  }
}
