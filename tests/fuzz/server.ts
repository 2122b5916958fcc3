/**
 * The server under fuzz: the e2e suite's web server (tests/e2e/server.ts: `npm start`'s scripts/start.ts with a real
 * SMTP server beside it), on a throw-away data directory and, when DATABASE_URL names a PostgreSQL server, on a
 * database of its own there (`fuzz_<time>`), created here and dropped afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startPortalProcess } from '../support/portal-process.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface FuzzServer {
  base: string;
  dataDir: string;
  /** The database the server ran on: a PostgreSQL URL, or undefined for the embedded database in dataDir. */
  databaseUrl: string | undefined;
  stop(): Promise<void>;
  /** The last lines the server printed (its stack traces explain a 5xx). */
  log(): string;
  /** Drops the database made for this run (PostgreSQL only). */
  dropDatabase(): Promise<void>;
}

async function adminQuery(serverUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export async function startServer(opts: { port: number; smtpPort: number; databaseUrl: string | undefined }): Promise<FuzzServer> {
  const dataDir = path.join(root, 'test-results', `fuzz-data-${opts.port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  let databaseUrl: string | undefined;
  if (opts.databaseUrl) {
    const name = `fuzz_${Date.now()}`;
    await adminQuery(opts.databaseUrl, `create database ${name}`);
    const url = new URL(opts.databaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const server = await startPortalProcess({
    port: opts.port,
    script: 'tests/e2e/server.ts',
    ready: '/healthz',
    timeoutMs: 180_000,
    name: 'The server under fuzz',
    env: {
      DATA_DIR: dataDir,
      E2E_MAIL_DIR: path.join(dataDir, 'received-mail'),
      E2E_SMTP_PORT: String(opts.smtpPort),
      // Rate limits stay on; each request presents its own address, as many citizens would.
      TRUST_PROXY: '1',
      DEMO_DATA: 'yes',
      DEMO_HISTORY: 'no',
      DATABASE_URL: databaseUrl,
    },
  });
  return {
    base: server.base,
    dataDir,
    databaseUrl,
    log: server.output,
    stop: () => server.stop(),
    async dropDatabase() {
      if (databaseUrl) await adminQuery(opts.databaseUrl!, `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    },
  };
}
