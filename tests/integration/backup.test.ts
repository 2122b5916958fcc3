import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { seedReferenceData } from '../../db/seed/index.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { openPglite } from '../../src/server/db.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { completeDraft, PUBLIC_URL } from '../helpers/applications.ts';

const root = path.resolve(import.meta.dirname, '../..');
const YCTHA = procedureByCode('YCTHA')!;

/** Runs `npm run db:backup|db:restore` as an operator would: the script, DATA_DIR set, no DATABASE_URL. */
function run(script: 'db-backup' | 'db-restore', dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, `scripts/${script}.ts`), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function counts(dataDir: string) {
  const handle = await openPglite(dataDir);
  try {
    const n = async (table: 'dossiers' | 'attachments' | 'dossier_events' | 'mail_outbox') =>
      (await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const dossier = await handle.db
      .selectFrom('dossiers')
      .select(['procedure_code', 'agency_code', 'status', 'applicant_name', 'applicant_id_number', 'applicant_email', 'applicant_address'])
      .where('applicant_name', '=', 'Trần Thị Bình')
      .executeTakeFirstOrThrow();
    return { dossiers: await n('dossiers'), attachments: await n('attachments'), events: await n('dossier_events'), mail: await n('mail_outbox'), dossier };
  } finally {
    await handle.close();
  }
}

test('db:backup then db:restore into a new data directory gives back the same dossiers; the archive is owner-only', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-backup-'));
  const source = path.join(tmp, 'source');
  const target = path.join(tmp, 'target');
  const archive = path.join(tmp, 'copies', 'portal.tar.gz');
  try {
    const handle = await openPglite(source);
    try {
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
      for (const fullName of ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường']) {
        const draft = await completeDraft(handle.db, YCTHA, { overrides: { fullName } });
        await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
      }

      const refused = await run('db-backup', source, [archive]);
      assert.equal(refused.code, 2, 'refused while the database is open');
      assert.match(refused.stderr, new RegExp(`is in use by process ${process.pid}`));
      assert.equal(fs.existsSync(archive), false);
    } finally {
      await handle.close();
    }

    const backup = await run('db-backup', source, [archive]);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /^Backup written to .*portal\.tar\.gz \(\d+ bytes, owner-only/);
    assert.equal(fs.statSync(archive).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(path.dirname(archive)), ['portal.tar.gz'], 'no partial file left beside it');

    const again = await run('db-backup', source, [archive]);
    assert.equal(again.code, 2, 'an existing backup is never overwritten');

    const restored = await run('db-restore', target, [archive]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(fs.statSync(target).mode & 0o777, 0o700);

    const expected = {
      dossiers: 3,
      attachments: 3,
      events: 3,
      mail: 3,
      dossier: {
        procedure_code: 'YCTHA',
        agency_code: 'HNI',
        status: 'submitted',
        applicant_name: 'Trần Thị Bình',
        applicant_id_number: '001188012345',
        applicant_email: 'lan.nguyen@example.com',
        applicant_address: 'Số 7 ngách 12/3 phố Kim Mã, phường Giảng Võ, thành phố Hà Nội',
      },
    };
    assert.deepEqual(await counts(source), expected);
    assert.deepEqual(await counts(target), expected);

    const over = await run('db-restore', target, [archive]);
    assert.equal(over.code, 2, 'a restore never replaces a database');
    assert.match(over.stderr, /already holds a database/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('db:restore of a file that is not a backup fails and leaves no half database', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-backup-'));
  try {
    const bogus = path.join(tmp, 'notes.tar.gz');
    fs.writeFileSync(bogus, 'not an archive');
    const result = await run('db-restore', path.join(tmp, 'target'), [bogus]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /could not be restored/);
    assert.equal(fs.existsSync(path.join(tmp, 'target', 'db')), false);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
