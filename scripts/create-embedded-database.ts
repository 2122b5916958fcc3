// Creates a new embedded database (PGlite's initdb) in DATA_DIR/db and exits; run by scripts/start.ts in a child
// process of its own, so that what creating it costs in memory leaves with this process (see there).
// Usage: node scripts/create-embedded-database.ts DATA_DIR
import path from 'node:path';
import { acquireLock, createPglite, DatabaseLockedError } from '../src/server/db.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node scripts/create-embedded-database.ts DATA_DIR');
  process.exit(2);
}
try {
  const release = acquireLock(dataDir);
  try {
    const pglite = await createPglite(path.join(dataDir, 'db'));
    await pglite.close();
  } finally {
    release();
  }
} catch (err) {
  console.error(err instanceof DatabaseLockedError ? err.message : err);
  process.exit(1);
}
