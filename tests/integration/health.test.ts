import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../../src/server/db.ts';
import { healthResponse } from '../../src/server/health.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

/** What a monitor sees of a /healthz answer. */
async function seen(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}
const UP = { status: 200, contentType: 'application/json; charset=utf-8', cacheControl: 'no-store', body: '{"status":"ok","database":true}' };
const DOWN = { status: 503, contentType: 'application/json; charset=utf-8', cacheControl: 'no-store', body: '{"status":"unavailable","database":false}' };

for (const target of testDatabases) {
  test(`/healthz on ${target.name}: 503 before the migrations, 200 once migrated, 503 once the database is closed`, async () => {
    const handle = await target.open();
    const check = async () => seen(await healthResponse(async () => handle.db));
    try {
      assert.deepEqual(await check(), DOWN, 'not migrated yet: no agencies table');
      await migrateToLatest(handle.db);
      assert.deepEqual(await check(), UP);
    } finally {
      await handle.drop();
    }
    assert.deepEqual(await check(), DOWN, 'closed');
  });
}

test('/healthz answers 503 when the PostgreSQL server cannot be reached', async () => {
  const handle = openPostgres('postgres://postgres@127.0.0.1:1/none');
  try {
    assert.deepEqual(await seen(await healthResponse(async () => handle.db)), DOWN);
  } finally {
    await handle.close();
  }
});

test('/healthz answers 503 when the database cannot be opened at all (bad settings, the lock held elsewhere)', async () => {
  const refused = async () => {
    throw new Error('Could not lock data/db.lock');
  };
  assert.deepEqual(await seen(await healthResponse(refused)), DOWN);
});

test('in-memory PGlite databases take no lock: two are open at once, each its own', async () => {
  const a = await openPglite('memory://');
  const b = await openPglite('memory://');
  try {
    await sql`create table only_in_a (n int)`.execute(a.db);
    const tables = async (handle: typeof a) =>
      (await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'only_in_a'`.execute(handle.db)).rows[0]?.n;
    assert.equal(await tables(a), 1);
    assert.equal(await tables(b), 0);
    assert.equal(fs.existsSync('memory:'), false, 'no lock directory named after the URL');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
