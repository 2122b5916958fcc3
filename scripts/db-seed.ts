// `npm run db:seed`: add the reference data (agencies, announced calendar days) that is missing; never overwrites.
import { seedReferenceData } from '../db/seed/index.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { withDatabase } from './cli.ts';

await withDatabase(async ({ db }) => {
  await migrateToLatest(db);
  const seeded = await seedReferenceData(db);
  console.log(`Added ${seeded.agencies} agencies, the published contact details of ${seeded.contacts} and ${seeded.calendarDays} calendar days (existing rows kept).`);
});
