// `npm run db:migrate`: apply pending migrations without starting the server.
import { migrateToLatest } from '../src/server/migrate.ts';
import { withDatabase } from './cli.ts';

await withDatabase(async ({ db }) => {
  const results = await migrateToLatest(db);
  console.log(results.length ? `Applied: ${results.map((r) => r.migrationName).join(', ')}` : 'Database is up to date.');
});
