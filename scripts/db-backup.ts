// `npm run db:backup [-- FILE]`: the embedded database to one archive (default DATA_DIR/backups/db-<time>.tar.gz).
// PostgreSQL is backed up with pg_dump (README, "Operations").
import { backupEmbedded, defaultBackupFile } from '../src/server/backup.ts';
import { embeddedDataDir, runTool } from './backup-cli.ts';

await runTool(async () => {
  const dataDir = embeddedDataDir('pg_dump');
  const file = process.argv[2] ?? defaultBackupFile(dataDir, new Date());
  const bytes = await backupEmbedded(dataDir, file);
  console.log(`Backup written to ${file} (${bytes} bytes, owner-only: it holds personal data; keep a copy off this machine).`);
});
