import assert from 'node:assert/strict';
import { test } from 'node:test';
import { databaseReachable } from '../../src/server/agencies.ts';
import { openPglite, openPostgres } from '../../src/server/db.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

for (const target of testDatabases) {
  test(`health check sees a migrated ${target.name} database, and not a closed one`, async () => {
    const handle = await target.open();
    try {
      assert.equal(await databaseReachable(handle.db), false, 'not migrated yet: no agencies table');
      await migrateToLatest(handle.db);
      assert.equal(await databaseReachable(handle.db), true);
    } finally {
      await handle.drop();
    }
    assert.equal(await databaseReachable(handle.db), false, 'closed');
  });
}

test('health check reports an unreachable PostgreSQL server as down, without throwing', async () => {
  const handle = openPostgres('postgres://postgres@127.0.0.1:1/none');
  assert.equal(await databaseReachable(handle.db), false);
  await handle.close();
});

test('an in-memory PGlite needs no lock file', async () => {
  const a = await openPglite('memory://');
  const b = await openPglite('memory://');
  await Promise.all([a.close(), b.close()]);
});
