import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, type PgCluster } from '../support/pg-cluster.ts';

// Ports: PG_CLUSTER_PORT (and the next one for the replica) when set, else free ports.
const basePort = Number(process.env.PG_CLUSTER_PORT) || undefined;

let primary: PgCluster;
before(async () => {
  primary = await startCluster({ port: basePort });
});
after(async () => {
  await primary?.remove();
});

test('a throwaway cluster serves, stops in fast and immediate mode, and comes back with its data', async () => {
  const url = await primary.createDatabase('cluster_check');
  assert.equal(url, `postgres://postgres@127.0.0.1:${primary.port}/cluster_check`);
  await primary.query('create table t (n int)', 'cluster_check');
  await primary.query('insert into t values (1), (2)', 'cluster_check');

  await primary.stop('fast');
  await assert.rejects(primary.query('select 1'), /ECONNREFUSED/);
  await primary.start();
  await primary.restart('immediate');
  assert.deepEqual(await primary.query('select n from t order by n', 'cluster_check'), [{ n: 1 }, { n: 2 }]);
});

test('startReplica streams the primary’s writes to a read-only standby', async () => {
  const replica = await primary.startReplica({ port: basePort ? basePort + 1 : undefined });
  try {
    assert.deepEqual(await replica.query('select pg_is_in_recovery() as standby'), [{ standby: true }]);
    await primary.createDatabase('replica_check');
    await primary.query('create table t (word text)', 'replica_check');
    await primary.query("insert into t values ('streamed')", 'replica_check');
    let rows: unknown[] = [];
    for (let i = 0; i < 200 && rows.length === 0; i++) {
      rows = await replica.query('select word from t', 'replica_check').catch(() => []);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 25));
    }
    assert.deepEqual(rows, [{ word: 'streamed' }]);
    await assert.rejects(replica.query("insert into t values ('no')", 'replica_check'), /read-only transaction/);
  } finally {
    await replica.remove();
  }
});
