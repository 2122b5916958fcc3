import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openPglite } from '../../src/server/db.ts';

const root = path.resolve(import.meta.dirname, '../..');

function runCli(script: string, dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, [path.join(root, script)], { env, encoding: 'utf8', timeout: 60_000 });
}

test('a second process gets a clear error while the embedded database is open, and works once it is closed', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-lock-'));
  try {
    const handle = await openPglite(dir);
    const blocked = runCli('scripts/db-migrate.ts', dir);
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, new RegExp(`in use by process ${process.pid}`));
    await handle.close();
    assert.equal(fs.existsSync(path.join(dir, 'db.lock')), false, 'closing releases the lock');

    const migrated = runCli('scripts/db-migrate.ts', dir);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /Applied: 20261123T1100_foundation/);
    const seeded = runCli('scripts/db-seed.ts', dir);
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /Added \d+ agencies/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a stale lock left by a dead process is taken over', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-lock-'));
  try {
    fs.writeFileSync(path.join(dir, 'db.lock'), '2147483646');
    const handle = await openPglite(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'db.lock'), 'utf8'), String(process.pid));
    await handle.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
