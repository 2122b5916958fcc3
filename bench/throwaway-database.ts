// A PostgreSQL database of its own for one benchmark run, on DATABASE_URL's server (default local), dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowawayDatabase {
  name: string;
  url: string;
  /** Drops the database (`keep`: leaves it for a later `--database` run) and closes the admin connection. */
  finish(keep?: boolean): Promise<void>;
}

/** Creates `<prefix>_<8 hex>`, or opens `existing` (a name an earlier run kept) without creating anything. */
export async function throwawayDatabase(prefix: string, existing?: string): Promise<ThrowawayDatabase> {
  const server = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  if (existing !== undefined && !new RegExp(`^${prefix}_[0-9a-f]{8}$`).test(existing)) throw new Error(`--database takes a name printed by an earlier --keep run (${prefix}_…)`);
  const name = existing ?? `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  if (!existing) await adminClient.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = '/' + name;
  return {
    name,
    url: url.toString(),
    async finish(keep = false) {
      if (keep) console.log(`kept database ${name}`);
      else await adminClient.query(`drop database if exists ${name} with (force)`);
      await adminClient.end();
    },
  };
}
