/**
 * Several portal instances for tests: each one is `scripts/start.ts` (what `npm start` runs) in its own process with
 * its own DATA_DIR and port, on one PostgreSQL database, sending mail to one SMTP sink. A small HTTP client keeps
 * cookies the way a browser does (cookies ignore the port, so one client carries its session from one instance to
 * the other, as a load balancer would send it).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { postgresUrl } from '../helpers/databases.ts';
import { startPortalProcess } from '../support/portal-process.ts';

/**
 * Ports of this suite; override where they are taken: INSTANCES_PORTS=a,b,c,smtp (portal instances and the SMTP
 * sink) and INSTANCES_PG_PORTS=primary,replica (the PostgreSQL clusters the replica test starts).
 */
export const ports = (() => {
  const [a, b, c, smtp] = (process.env.INSTANCES_PORTS ?? '4650,4651,4652,4656').split(',').map(Number);
  const [primary, replica] = (process.env.INSTANCES_PG_PORTS ?? '55450,55451').split(',').map(Number);
  return { a: a!, b: b!, c: c!, smtp: smtp!, primary: primary!, replica: replica! };
})();

/** The same key on every instance, as the README asks (two-factor keys, tracking cookies, survey links). */
export const SECRET_KEY = randomBytes(32).toString('base64');

export interface ReceivedMail {
  messageId: string;
  to: string;
  raw: string;
}

/** An SMTP server that keeps every message it accepts. */
export async function startSink(port: number) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A fresh database `inst_…` on the test PostgreSQL server (dropped by `drop`). */
export async function freshDatabase(serverUrl = postgresUrl) {
  const name = `inst_${randomBytes(5).toString('hex')}`;
  const admin = async (text: string) => {
    const url = new URL(serverUrl);
    url.pathname = '/postgres';
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

export interface Instance {
  name: string;
  base: string;
  dataDir: string;
  process: ChildProcess;
  /** What the process printed (shown when a test fails). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one instance and waits for /healthz. The first start of a suite may build the site (as `npm start` does
 * when the sources changed); start the others after it, with `build: false`.
 */
export async function startInstance(
  name: string,
  opts: { port: number; databaseUrl: string; smtpUrl?: string; dataDir?: string; build?: boolean; env?: Record<string, string> },
): Promise<Instance> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `thads-${name}-`));
  const server = await startPortalProcess({
    port: opts.port,
    ready: '/healthz',
    timeoutMs: opts.build ? 300_000 : 60_000,
    name,
    env: {
      DATABASE_URL: opts.databaseUrl,
      // Without a sink, mail is written under DATA_DIR.
      SMTP_URL: opts.smtpUrl ?? '',
      DATA_DIR: dataDir,
      SECRET_KEY,
      TRUST_PROXY: '1',
      DEMO_DATA: 'yes',
      DEMO_HISTORY: 'no',
      SKIP_BUILD: opts.build ? '0' : '1',
      ...opts.env,
    },
  });
  return { name, dataDir, ...server };
}

/** A browser reduced to what these tests need: cookies (port-blind, as in browsers), an address, same-origin posts. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly ip: string;
  constructor(ip: string) {
    this.ip = ip;
  }

  async request(base: string, pathname: string, init: { method?: string; form?: Record<string, string> | FormData } = {}) {
    const headers: Record<string, string> = { 'X-Forwarded-For': this.ip, Accept: 'text/html' };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: BodyInit | undefined;
    if (init.form) {
      headers.Origin = base;
      body = init.form instanceof FormData ? init.form : new URLSearchParams(init.form);
    }
    const res = await fetch(base + pathname, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return { status: res.status, location: res.headers.get('location'), headers: res.headers, text: await res.text() };
  }

  get(base: string, pathname: string) {
    return this.request(base, pathname);
  }

  post(base: string, pathname: string, form: Record<string, string> | FormData) {
    return this.request(base, pathname, { form });
  }
}

/**
 * Waits for a condition on real processes (replication, another process's worker: no clock here to advance);
 * fails after `ms`.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
