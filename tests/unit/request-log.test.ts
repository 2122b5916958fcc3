import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from '../../src/server/log.ts';
import { terminalLine } from '../../src/server/log-terminal.ts';
import { logRequests, pathOf, requestIdOf } from '../../src/server/request-log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A logger whose lines land in an array, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger(stream), lines, raw };
}

/** Serves `handler` behind logRequests on a loopback port for the duration of `use`. */
async function serving(logger: ReturnType<typeof createLogger>, handler: http.RequestListener, use: (base: string) => Promise<void>) {
  const server = http.createServer(logRequests(logger, handler));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

test('an incoming X-Request-Id is kept only when it is a short token of safe characters', () => {
  assert.equal(requestIdOf('lb-7f3a.91_c'), 'lb-7f3a.91_c');
  assert.equal(requestIdOf(['first-id', 'second-id']), 'first-id');
  assert.match(requestIdOf(undefined), UUID);
  assert.match(requestIdOf(''), UUID);
  assert.match(requestIdOf('a'.repeat(65)), UUID);
  assert.match(requestIdOf('<script>alert(1)</script>'), UUID);
  assert.match(requestIdOf('id with spaces'), UUID);
  assert.match(requestIdOf('nguyen.van.an@example.com'), UUID);
});

test('a logged path never carries the query string or fragment', () => {
  assert.equal(pathOf('/tra-cuu-ho-so?ma=79-261102-Y58A6J&pin=123456'), '/tra-cuu-ho-so');
  assert.equal(pathOf('/a#b?c'), '/a');
  assert.equal(pathOf(undefined), '/');
  assert.equal(pathOf('/' + 'x'.repeat(300)).length, 200);
});

test('one JSON line per request: method, path without query, status, duration, the request id also sent back', async () => {
  const { logger, lines, raw } = capture();
  await serving(
    logger,
    (_req, res) => {
      res.statusCode = 404;
      res.end('not here');
    },
    async (base) => {
      const res = await fetch(`${base}/tra-cuu-ho-so?ho-ten=Nguy%E1%BB%85n%20V%C4%83n%20An&pin=482913&email=an.nguyen%40example.com`, {
        headers: { 'X-Request-Id': 'probe-0001', Cookie: 'thads_session=s3cr3t-token' },
      });
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('x-request-id'), 'probe-0001');
      await res.text();
    },
  );
  assert.equal(lines.length, 1);
  const { time, ms, ...line } = lines[0]!;
  assert.match(String(time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(typeof ms, 'number');
  assert.deepEqual(line, { level: 30, reqId: 'probe-0001', method: 'GET', path: '/tra-cuu-ho-so', status: 404, msg: 'request' });
  for (const secret of ['Nguy', 'Văn', 'An', '482913', 'example.com', 'an.nguyen', 's3cr3t', '127.0.0.1', 'ho-ten'])
    assert.ok(!raw[0]!.includes(secret), `${secret} is not in the log line`);
});

test('a generated id when the incoming one is unsafe; 5xx lines at level error; other lines during the request carry its id', async () => {
  const { logger, lines } = capture();
  let sentId: string | null = null;
  await serving(
    logger,
    (_req, res) => {
      // As a server module logs a failure deep inside a request: the id comes from the request's async context.
      setImmediate(() => {
        logger.error({ err: Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (email)=(an@example.com) exists.' }) }, 'save failed');
        res.statusCode = 500;
        res.end();
      });
    },
    async (base) => {
      const res = await fetch(`${base}/nop-ho-so/yeu-cau-thi-hanh-an`, { method: 'POST', headers: { 'X-Request-Id': 'bad id!' }, body: 'fullName=Tr%E1%BA%A7n' });
      sentId = res.headers.get('x-request-id');
      await res.text();
    },
  );
  assert.match(String(sentId), UUID);
  assert.equal(lines.length, 2);
  const [failure, request] = lines;
  assert.equal(failure!.reqId, sentId);
  assert.deepEqual(
    { ...(failure!.err as object), stack: undefined },
    { type: 'Error', message: 'duplicate key value violates unique constraint', code: '23505', stack: undefined },
    "the error's detail (which quotes the row) is left out",
  );
  assert.deepEqual({ ...request, time: undefined, ms: undefined }, { level: 50, time: undefined, reqId: sentId, method: 'POST', path: '/nop-ho-so/yeu-cau-thi-hanh-an', status: 500, ms: undefined, msg: 'request' });
});

test('at a terminal, the same entries as short text lines', () => {
  assert.equal(
    terminalLine('{"level":30,"time":"2026-12-01T15:39:36.260Z","reqId":"29709083","method":"GET","route":"/tra-cuu-ho-so","status":200,"ms":319.94,"msg":"request"}'),
    '15:39:36 GET /tra-cuu-ho-so 200 319.94 ms\n',
  );
  assert.equal(
    terminalLine('{"level":30,"time":"2026-12-01T15:39:37.407Z","signal":"SIGINT","drainMs":10000,"msg":"stopping"}'),
    '15:39:37 stopping signal="SIGINT" drainMs=10000\n',
  );
  assert.equal(
    terminalLine('{"level":50,"time":"2026-12-01T15:40:00.000Z","reqId":"ops-1","err":{"type":"Error","message":"boom","stack":"Error: boom\\n    at x"},"msg":"request failed"}'),
    '15:40:00 ERROR request failed [ops-1]\n  Error: boom\n    at x\n',
  );
});
