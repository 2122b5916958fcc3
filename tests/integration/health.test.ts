import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openPglite, openPostgres } from '../../src/server/db.ts';
import { livenessResponse, readinessResponse } from '../../src/server/health.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

/** What a monitor sees of a probe's answer. */
async function seen(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    body: await response.text(),
  };
}
const JSON_NO_STORE = { contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' };
const READY = { status: 200, ...JSON_NO_STORE, body: '{"status":"ready"}' };
const UNREACHABLE = { status: 503, ...JSON_NO_STORE, body: '{"status":"unavailable","reason":"database unreachable"}' };

test('/healthz answers 200 {"status":"ok"} without asking any database', async () => {
  assert.deepEqual(await seen(livenessResponse()), { status: 200, ...JSON_NO_STORE, body: '{"status":"ok"}' });
});

for (const target of testDatabases) {
  test(`/readyz on ${target.name}: 503 before the migrations, 503 naming a missing one, 200 once current, 503 once closed`, async () => {
    const handle = await target.open();
    const check = async () => seen(await readinessResponse(async () => handle.db));
    try {
      const fresh = await check();
      assert.deepEqual({ ...fresh, body: undefined }, { status: 503, ...JSON_NO_STORE, body: undefined });
      assert.ok(
        fresh.body.startsWith('{"status":"unavailable","reason":"migrations pending","pending":["20261123T1100_foundation","20261123T1200_dossiers",'),
        fresh.body,
      );

      await migrateToLatest(handle.db);
      assert.deepEqual(await check(), READY);

      // As after deploying code with a migration the database has not had yet.
      await sql`delete from kysely_migration where name = '20261201T1730_attachment_flags'`.execute(handle.db);
      assert.deepEqual(await check(), {
        status: 503,
        ...JSON_NO_STORE,
        body: '{"status":"unavailable","reason":"migrations pending","pending":["20261201T1730_attachment_flags"]}',
      });
    } finally {
      await handle.drop();
    }
    assert.deepEqual(await check(), UNREACHABLE, 'closed');
  });
}

test('/readyz answers 503 when the PostgreSQL server cannot be reached', async () => {
  const handle = openPostgres('postgres://postgres@127.0.0.1:1/none');
  try {
    assert.deepEqual(await seen(await readinessResponse(async () => handle.db)), UNREACHABLE);
  } finally {
    await handle.close();
  }
});

test('/readyz answers 503 when the database cannot be opened at all (bad settings, the lock held elsewhere)', async () => {
  const refused = async () => {
    throw new Error('Could not lock data/db.lock');
  };
  assert.deepEqual(await seen(await readinessResponse(refused)), UNREACHABLE);
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
