import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type DbHandle } from '../../src/server/db.ts';

/** PostgreSQL server for tests: DATABASE_URL when set, else the local server these machines run. */
export const postgresUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<DbHandle & { drop(): Promise<void> }>;
}

/**
 * The two databases every integration test runs on: an in-memory PGlite, and a fresh, uniquely named database on
 * the real PostgreSQL server (dropped afterwards), so tests never see each other's rows.
 */
export const testDatabases: TestDatabase[] = [
  {
    name: 'pglite',
    async open() {
      const handle = await openPglite('memory://');
      return { ...handle, drop: handle.close };
    },
  },
  {
    name: 'postgres',
    async open() {
      const dbName = `thads_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(`create database ${dbName}`);
      const url = new URL(postgresUrl);
      url.pathname = '/' + dbName;
      const handle = openPostgres(url.toString());
      return {
        ...handle,
        drop: async () => {
          await handle.close();
          // pool.end() resolves before the server has closed the sessions; wait for them, so `with (force)` has
          // nothing left to kill (killed sessions surface as uncaught errors in the pool).
          for (let i = 0; i < 100 && (await adminQuery(`select 1 from pg_stat_activity where datname = '${dbName}'`)) > 0; i++) {
            await new Promise((r) => setTimeout(r, 20));
          }
          await adminQuery(`drop database if exists ${dbName} with (force)`);
        },
      };
    },
  },
];

/** Runs a statement on the server's maintenance database; returns the number of rows. */
async function adminQuery(text: string): Promise<number> {
  const url = new URL(postgresUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(text)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
