// `npm run db:seed`: add the reference data (agencies, announced calendar days) that is missing; never overwrites.
import { seedReferenceData } from '../db/seed/index.ts';
import { ConfigError, config } from '../src/server/config.ts';
import { DatabaseLockedError, openDatabase } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';

try {
  const handle = await openDatabase(config());
  try {
    await migrateToLatest(handle.db);
    const seeded = await seedReferenceData(handle.db);
    console.log(`Added ${seeded.agencies} agencies and ${seeded.calendarDays} calendar days (existing rows kept).`);
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof DatabaseLockedError ? err.message : err);
  process.exit(1);
}
