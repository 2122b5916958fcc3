// Shared by the command-line tools: open the configured database, run, close, and turn known errors into one line.
import { ConfigError, config } from '../src/server/config.ts';
import { DatabaseLockedError, openDatabase, type DbHandle } from '../src/server/db.ts';

export async function withDatabase(run: (handle: DbHandle) => Promise<void>): Promise<void> {
  try {
    const handle = await openDatabase(config());
    try {
      await run(handle);
    } finally {
      await handle.close();
    }
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof DatabaseLockedError ? err.message : err);
    process.exit(1);
  }
}
