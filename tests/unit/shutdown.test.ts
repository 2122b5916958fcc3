import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { drainable } from '../../src/server/shutdown.ts';

/** A server whose `/held` requests wait until `release()`; other paths answer at once. */
async function heldServer() {
  const server = http.createServer();
  // Far longer than the tests' own timeout: an idle keep-alive connection left open would make a test time out.
  server.keepAliveTimeout = 60_000;
  const connections = drainable(server);
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  let arrived = () => {};
  const heldArrived = new Promise<void>((r) => (arrived = r));
  server.on(
    'request',
    connections.listener((req, res) => {
      if (req.url === '/held') {
        arrived();
        released.then(() => res.end('done'));
      }
      else res.end('quick');
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, connections, port, release, heldArrived };
}

function get(port: number, path: string, agent: http.Agent) {
  return new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on('error', reject);
  });
}

test('a drain lets the request in flight finish, closes idle keep-alive connections at once and refuses new ones', { timeout: 20_000 }, async () => {
  const { connections, port, release, heldArrived } = await heldServer();
  const idle = new http.Agent({ keepAlive: true });
  assert.deepEqual(await get(port, '/quick', idle), { status: 200, connection: 'keep-alive', body: 'quick' });
  const held = get(port, '/held', new http.Agent({ keepAlive: true }));
  await heldArrived;

  const drained = connections.drain(30_000);
  await assert.rejects(get(port, '/quick', new http.Agent()), { code: 'ECONNREFUSED' });
  release();
  assert.deepEqual(await held, { status: 200, connection: 'close', body: 'done' }, 'finished, and told the connection ends');
  assert.deepEqual(await drained, { cut: 0 });
  idle.destroy();
});

test('requests still running at the drain timeout are cut, and the drain ends', { timeout: 20_000 }, async () => {
  const { connections, port, release, heldArrived } = await heldServer();
  const held = get(port, '/held', new http.Agent());
  const failed = assert.rejects(held, { code: 'ECONNRESET' });
  await heldArrived;
  assert.deepEqual(await connections.drain(100), { cut: 1 });
  await failed;
  release();
});

test('a drain waits for a handler whose client hung up before its answer was ready', { timeout: 20_000 }, async () => {
  const server = http.createServer();
  const connections = drainable(server);
  let finishPage = () => {};
  const pageReady = new Promise<void>((r) => (finishPage = r));
  let arrived = () => {};
  const requestArrived = new Promise<void>((r) => (arrived = r));
  let handlerDone = false;
  server.on(
    'request',
    connections.listener(async (_req, res) => {
      arrived();
      await pageReady; // the page is still being built (a database query, say)
      handlerDone = true;
      res.end('late');
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const request = http.get({ host: '127.0.0.1', port, path: '/' });
  request.on('error', () => {}); // the client hangs up on purpose
  await requestArrived;
  request.destroy();
  let drainedAt: boolean | null = null;
  const drained = connections.drain(10_000).then((r) => ((drainedAt = handlerDone), r));
  // The client is gone and its connection closed: the drain still waits for the handler.
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.equal(drainedAt, null, 'not drained while the handler runs');
  finishPage();
  assert.deepEqual(await drained, { cut: 0 });
  assert.equal(drainedAt, true, 'drained after the handler finished');
});
