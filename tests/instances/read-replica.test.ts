/**
 * DATABASE_READ_URL against a real streaming replica: a PostgreSQL cluster of its own and a standby made by
 * `pg_basebackup -R` (tests/support/pg-cluster.ts), an instance of the built portal reading its public pages from
 * the standby. A standby refuses every write, so these pages working at all shows their writes go to the primary.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPostgres, type DbHandle } from '../../src/server/db.ts';
import { createEntry, type RegistryActor } from '../../src/server/registry/admin.ts';
import { entry } from '../helpers/registry-csv.ts';
import { startCluster, type PgCluster } from '../support/pg-cluster.ts';
import { Client, ports, startInstance, until, type Instance } from './harness.ts';

const LIST = '/danh-sach-chua-co-dieu-kien-thi-hanh';


describe('public pages read from a streaming replica (DATABASE_READ_URL)', { timeout: 300_000 }, () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let onPrimary: DbHandle;
  let onReplica: DbHandle;
  let portal: Instance;
  let admin: RegistryActor;

  before(async () => {
    primary = await startCluster({ port: ports.primary });
    const url = await primary.createDatabase('inst_replica');
    replica = await primary.startReplica({ port: ports.replica });
    onPrimary = openPostgres(url);
    onReplica = openPostgres(replica.url('inst_replica'));
    // Builds the site first if the sources changed (as `npm start` does).
    portal = await startInstance('replica-reader', { port: ports.c, databaseUrl: url, build: true, env: { DATABASE_READ_URL: replica.url('inst_replica') } });
    const row = await onPrimary.db.selectFrom('staff_users').select('id').where('email', '=', 'quantri@demo.thads.vn').executeTakeFirstOrThrow();
    admin = { id: row.id, email: 'quantri@demo.thads.vn', role: 'admin', agency_code: null, ip: '203.0.113.80' };
  });

  after(async () => {
    if (portal) {
      await portal.stop();
      const logs = path.resolve('test-results/instances');
      fs.mkdirSync(logs, { recursive: true });
      fs.writeFileSync(path.join(logs, 'read-replica.log'), portal.output());
      fs.rmSync(portal.dataDir, { recursive: true, force: true });
    }
    await onReplica?.close();
    await onPrimary?.close();
    await replica?.remove();
    await primary?.remove();
  });

  const publicIdOf = async (db: DbHandle, name: string) =>
    (await db.db.selectFrom('registry_entries').select('public_id').where('debtor_name', '=', name).executeTakeFirst())?.public_id;

  it('an entry written on the primary reaches the public pages once replicated, and not before', async () => {
    const reader = new Client('203.0.113.81');
    await createEntry(onPrimary.db, admin, entry({ debtor_name: 'Hoàng Văn Sao Chép', judgment_number: '501/2025/DS-ST' }));
    const publicId = await until('replication of the first entry', () => publicIdOf(onReplica, 'Hoàng Văn Sao Chép'));
    const found = await reader.get(portal.base, `${LIST}?ten=Hoang+Van+Sao+Chep`);
    assert.equal(found.status, 200);
    assert.ok(found.text.includes('Hoàng Văn Sao Chép'));
    assert.equal((await reader.get(portal.base, `${LIST}/${publicId}`)).status, 200);

    // With replay paused on the standby, a new entry is on the primary only: the pages, reading the standby, lack it.
    await sql`select pg_wal_replay_pause()`.execute(onReplica.db);
    try {
      await createEntry(onPrimary.db, admin, entry({ debtor_name: 'Hoàng Thị Chưa Tới', judgment_number: '502/2025/DS-ST' }));
      const late = await publicIdOf(onPrimary, 'Hoàng Thị Chưa Tới');
      assert.ok(late);
      const missing = await reader.get(portal.base, `${LIST}?ten=Hoang+Thi+Chua+Toi`);
      assert.equal(missing.status, 200);
      assert.ok(!missing.text.includes('Hoàng Thị Chưa Tới'), 'the search read the standby');
      assert.equal((await reader.get(portal.base, `${LIST}/${late}`)).status, 404, 'the entry page read the standby');
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(onReplica.db);
    }
    await until('replication of the second entry', () => publicIdOf(onReplica, 'Hoàng Thị Chưa Tới'));
    const arrived = await reader.get(portal.base, `${LIST}?ten=Hoang+Thi+Chua+Toi`);
    assert.ok(arrived.text.includes('Hoàng Thị Chưa Tới'));
  });

  it('the read-only pages work on a standby that refuses writes, their limits included', async () => {
    const readOnly = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(onReplica.db);
    assert.equal(readOnly.rows[0]!.standby, true);
    await assert.rejects(sql`create table thu_ghi (x int)`.execute(onReplica.db), /read-only transaction/);

    const visitor = new Client('203.0.113.82');
    for (const page of ['/thong-ke', '/en/statistics', '/co-quan-thi-hanh-an', '/en/agencies', `${LIST}?ten=Nguyen`, '/en/debtors-without-means?ten=Nguyen']) {
      const res = await visitor.get(portal.base, page);
      assert.equal(res.status, 200, `${page} answered ${res.status}`);
    }
    // The search limit counts every search of this address up to a 429: counted where writes are allowed.
    const harvester = new Client('203.0.113.83');
    let status = 0;
    let searches = 0;
    while (status !== 429 && searches < 2000) {
      searches++;
      status = (await harvester.get(portal.base, `${LIST}?ten=Nguyen+${searches}`)).status;
      assert.ok(status === 200 || status === 429, `search ${searches} answered ${status}`);
    }
    assert.equal(status, 429, `limited after ${searches - 1} searches`);
  });
});
