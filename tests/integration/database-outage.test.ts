// The PostgreSQL handle across a server stop and start, on a throwaway cluster (the shared server cannot be stopped):
// connection failures come out as DatabaseUnavailableError, fast; other errors unchanged; the same handle works again.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openPostgres, type DbHandle } from '../../src/server/db.ts';
import { DatabaseUnavailableError } from '../../src/server/database-unavailable.ts';
import { startCluster, type PgCluster } from '../support/pg-cluster.ts';

let cluster: PgCluster;
let handle: DbHandle;
before(async () => {
  cluster = await startCluster({ port: Number(process.env.PG_CLUSTER_PORT) || undefined });
  handle = openPostgres(await cluster.createDatabase('outage'));
  await sql`create table t (n int primary key)`.execute(handle.db);
});
after(async () => {
  await handle?.close();
  await cluster?.remove();
});

test('a stopped server fails queries at once with DatabaseUnavailableError; the same handle serves once it is back', async () => {
  await handle.db.insertInto('t' as never).values({ n: 1 } as never).execute();
  // A connection held by a transaction when the server stops (fast mode ends every session).
  const held = handle.db.transaction().execute(async (trx) => {
    await sql`select 1`.execute(trx);
    await cluster.stop('fast');
    await sql`select 2`.execute(trx);
  });
  await assert.rejects(held, DatabaseUnavailableError);

  const started = performance.now();
  await assert.rejects(sql`select 1`.execute(handle.db), (err: Error) => {
    assert.ok(err instanceof DatabaseUnavailableError);
    assert.match(err.message, /^The database is unavailable: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    return true;
  });
  assert.ok(performance.now() - started < 3500, 'failed only after the connect timeout');

  await cluster.start();
  const rows = await sql<{ n: number }>`select n from t`.execute(handle.db);
  assert.deepEqual(rows.rows, [{ n: 1 }]);
});

test('other errors pass unchanged: a unique violation keeps its SQLSTATE', async () => {
  await assert.rejects(
    handle.db.insertInto('t' as never).values({ n: 1 } as never).execute(),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, '23505');
      assert.ok(!(err instanceof DatabaseUnavailableError));
      return true;
    },
  );
});

test('a server that accepts connections but never answers fails the query after the 3 s connect timeout, not never', async (t) => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const s of sockets) s.destroy();
    silent.close();
  });
  const stuck = openPostgres(`postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/thads`);
  t.after(() => stuck.close());
  const started = performance.now();
  await assert.rejects(sql`select 1`.execute(stuck.db), (err: Error) => {
    assert.ok(err instanceof DatabaseUnavailableError);
    assert.match(err.message, /^The database is unavailable: timeout expired$/);
    return true;
  });
  const waited = performance.now() - started;
  assert.ok(waited >= 2900 && waited < 6000, `failed after ${Math.round(waited)} ms`);
});
