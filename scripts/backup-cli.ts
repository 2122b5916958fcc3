// Shared by db:backup and db:restore: the embedded database's directory from the configuration, one-line errors.
import { BackupError } from '../src/server/backup.ts';
import { ConfigError, config } from '../src/server/config.ts';
import { restrictNewFiles } from '../src/server/data-dir.ts';
import { DatabaseLockedError } from '../src/server/db.ts';

/** DATA_DIR, or an error naming the PostgreSQL tool to use instead when DATABASE_URL is set. */
export function embeddedDataDir(postgresTool: string): string {
  const cfg = config();
  if (cfg.databaseUrl) throw new BackupError(`DATABASE_URL is set: this is for the embedded database. Use ${postgresTool} for PostgreSQL (README, "Operations").`);
  return cfg.dataDir;
}

export async function runTool(run: () => Promise<void>): Promise<void> {
  restrictNewFiles();
  try {
    await run();
  } catch (err) {
    const known = err instanceof BackupError || err instanceof ConfigError || err instanceof DatabaseLockedError;
    console.error(known ? err.message : err);
    process.exit(known ? 2 : 1);
  }
}
