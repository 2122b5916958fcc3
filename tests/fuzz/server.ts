/**
 * The server under fuzz: the e2e suite's web server (tests/e2e/server.ts: `npm start`'s scripts/start.ts with a real
 * SMTP server beside it), on a throw-away data directory and, when DATABASE_URL names a PostgreSQL server, on a
 * database of its own there (`fuzz_<time>`), created here and dropped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

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

async function waitForHealth(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The server did not answer /healthz within 180 s:\n${log()}`);
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
  const env: Record<string, string | undefined> = {
    ...process.env,
    // scripts/start.ts builds with node_modules/.bin/astro, which must find the project's Node (as under `npm run`).
    PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    DATA_DIR: dataDir,
    E2E_MAIL_DIR: path.join(dataDir, 'received-mail'),
    E2E_SMTP_PORT: String(opts.smtpPort),
    // Rate limits stay on; each request presents its own address, as many citizens would.
    TRUST_PROXY: '1',
    DEMO_DATA: 'yes',
    DEMO_HISTORY: 'no',
    DATABASE_URL: databaseUrl,
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, 'tests/e2e/server.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${opts.port}`;
  await waitForHealth(base, child, () => output);
  return {
    base,
    dataDir,
    databaseUrl,
    log: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async dropDatabase() {
      if (databaseUrl) await adminQuery(opts.databaseUrl!, `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    },
  };
}
