// `npm run db:restore -- FILE`: an archive from `npm run db:backup` as the embedded database of DATA_DIR, which must
// not hold one yet. PostgreSQL is restored with pg_restore (README, "Operations").
import { restoreEmbedded } from '../src/server/backup.ts';
import { embeddedDataDir, runTool } from './backup-cli.ts';

await runTool(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npm run db:restore -- FILE   (a file written by npm run db:backup)');
  const dataDir = embeddedDataDir('pg_restore');
  await restoreEmbedded(file, dataDir);
  console.log(`Restored ${file} into ${dataDir}. Start the server with \`npm start\`; it applies any newer migrations.`);
});
