// Operations against the built server started as `npm start` starts it, each on its own port and data directory:
// the log lines it writes, and a graceful stop with an upload still arriving.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const root = path.resolve(import.meta.dirname, '../..');

interface Portal {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Resolves when a stdout line matches. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
  dataDir: string;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

async function startPortal(): Promise<Portal> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-ops-'));
  const env: NodeJS.ProcessEnv = { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'no' };
  // The embedded database: this server must not share the suite's PostgreSQL database with the e2e server.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.TRUST_PROXY;
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    for (const w of [...waiters]) {
      const hit = out.split('\n').find((l) => w.pattern.test(l));
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const portal: Portal = {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    dataDir,
    stdout: () => out,
    line: (pattern) => {
      const hit = out.split('\n').find((l) => pattern.test(l));
      return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    exited,
  };
  await portal.line(/"msg":"listening"/);
  return portal;
}

/** The server's stdout as parsed lines: every line must be JSON. */
function parsedLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

let portal: Portal;
test.beforeAll(async () => {
  portal = await startPortal();
});
test.afterAll(async () => {
  if (portal.child.exitCode === null) portal.child.kill('SIGKILL');
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
});

test('one JSON line per request with its id and route; names, PINs and e-mail addresses in query strings stay out of the log', async () => {
  const name = 'Nguyễn Văn Thắng';
  const pin = '583921';
  const email = 'thang.nguyen@example.org';
  const code = '01-261201-QX7K2M';
  const query = new URLSearchParams({ ma: code, pin, 'ho-ten': name, email }).toString();

  const tracked = await fetch(`${portal.base}/tra-cuu-ho-so?${query}`, { headers: { 'X-Request-Id': 'ops-probe-0001' } });
  expect(tracked.headers.get('x-request-id')).toBe('ops-probe-0001');
  await tracked.text();
  const prefilled = await fetch(`${portal.base}/nop-ho-so/yeu-cau-thi-hanh-an?${query}`, { headers: { 'X-Request-Id': `Thang <${email}>` } });
  const generatedId = prefilled.headers.get('x-request-id');
  expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
  await prefilled.text();
  const dossierPage = await fetch(`${portal.base}/tra-cuu-ho-so/${code}?pin=${pin}`, { headers: { 'X-Request-Id': 'ops-probe-0003' }, redirect: 'manual' });
  await dossierPage.text();
  const missing = await fetch(`${portal.base}/khong-co-trang-nay/${encodeURIComponent(name)}?email=${encodeURIComponent(email)}`, { headers: { 'X-Request-Id': 'ops-probe-0004' } });
  await missing.text();

  const line = await portal.line(/"reqId":"ops-probe-0004"/);
  const requests = parsedLines(portal.stdout()).filter((l) => l.msg === 'request');
  const byId = (id: string | null) => {
    const found = requests.find((l) => l.reqId === id);
    expect(found, `a line for ${id}`).toBeTruthy();
    const { time, ms, ...rest } = found!;
    expect(String(time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof ms).toBe('number');
    return rest;
  };
  expect(byId('ops-probe-0001')).toEqual({ level: 30, reqId: 'ops-probe-0001', method: 'GET', route: '/tra-cuu-ho-so', status: 200, msg: 'request' });
  expect(byId(generatedId)).toEqual({ level: 30, reqId: generatedId, method: 'GET', route: '/nop-ho-so/[slug]', status: 200, msg: 'request' });
  expect(byId('ops-probe-0003')).toEqual({ level: 30, reqId: 'ops-probe-0003', method: 'GET', route: '/tra-cuu-ho-so/[code]', status: 303, msg: 'request' });
  expect(byId('ops-probe-0004')).toEqual({ level: 30, reqId: 'ops-probe-0004', method: 'GET', route: '/404', status: 404, msg: 'request' });
  expect(line).toContain('"route":"/404"');

  const log = portal.stdout();
  const encoded = (s: string) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)];
  for (const secret of [name, 'Nguy', 'Thắng', pin, email, 'thang.nguyen', 'example.org', code, 'QX7K2M', 'khong-co-trang-nay'].flatMap(encoded))
    expect(log, `${secret} is in the log`).not.toContain(secret);
  // The client's address is not logged (the server's own, in the "listening" line, is no one's personal data).
  const requestLines = log.split('\n').filter((l) => l.includes('"msg":"request"'));
  expect(requestLines.length).toBeGreaterThanOrEqual(4);
  for (const l of requestLines) expect(l).not.toContain('127.0.0.1');
});

test('SIGTERM: an upload in progress completes with 200, new connections are refused, the process exits 0', async () => {
  // A 4 MB judgment copy: a real PDF by its signature, padded as scanned pages are.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'), Buffer.from(`% ${'scan '.repeat(800_000)}\n`), Buffer.from('trailer<<>>\n%%EOF\n')]);
  const boundary = '----thadsOpsUpload';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="procedure"\r\n\r\nYCTHA\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="fullName"\r\n\r\nNguyễn Thị Lan\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file_judgmentCopy"; filename="ban-an.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, pdf, tail]);
  const half = Math.floor(body.length / 2);

  let firstHalfSent = () => {};
  const sent = new Promise<void>((r) => (firstHalfSent = r));
  const answer = new Promise<{ status: number; connection: string | undefined; setsDraft: boolean; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: portal.port,
        method: 'POST',
        path: '/_actions/saveApplication',
        headers: {
          Origin: portal.base,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': body.length,
          'X-Request-Id': 'ops-upload-0001',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            connection: res.headers.connection,
            setsDraft: (res.headers['set-cookie'] ?? []).some((c) => c.includes('draft')),
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.write(body.subarray(0, half), () => firstHalfSent());
    // The second half only once the server has stopped accepting: the upload is in flight across the signal.
    portal.line(/"msg":"stopping: no new connections/).then(async () => {
      await expect(fetch(`${portal.base}/healthz`)).rejects.toThrow();
      req.end(body.subarray(half));
    });
  });
  // Half the body has left, and a request on a later connection was answered: the server accepts connections in
  // order, so it holds the upload in flight when the signal comes.
  await sent;
  expect((await fetch(`${portal.base}/healthz`)).status).toBe(200);
  portal.child.kill('SIGTERM');

  const result = await answer;
  expect(result.status, result.body).toBe(200);
  expect(result.connection).toBe('close');
  expect(result.setsDraft).toBe(true);
  expect(await portal.exited).toBe(0);

  const lines = parsedLines(portal.stdout());
  const upload = lines.find((l) => l.reqId === 'ops-upload-0001');
  expect({ ...upload, time: undefined, ms: undefined }).toEqual({
    level: 30,
    time: undefined,
    reqId: 'ops-upload-0001',
    method: 'POST',
    route: '/_actions/[...path]',
    status: 200,
    ms: undefined,
    msg: 'request',
  });
  expect(lines.at(-1)?.msg).toBe('stopped');
  expect(lines.some((l) => l.msg === 'stopping: requests still running after the drain timeout were cut')).toBe(false);
  expect(fs.existsSync(path.join(portal.dataDir, 'db.lock')), 'the database was closed and its lock released').toBe(false);
});
