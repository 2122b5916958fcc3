import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { COALESCE_BYTES, coalesceWrites } from '../../src/server/coalesce-writes.ts';

describe('coalesced response writes', () => {
  let server: http.Server;
  let base: string;
  const socketWrites: Record<string, number> = {};
  const callbacks: Record<string, number> = {};

  before(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '';
      // Count the writes that reach Node's own write (what coalesceWrites calls underneath).
      const write = res.write.bind(res);
      socketWrites[path] = 0;
      callbacks[path] = 0;
      res.write = ((...args: Parameters<typeof res.write>) => {
        socketWrites[path]!++;
        return write(...args);
      }) as typeof res.write;
      coalesceWrites(res);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      if (path === '/small') {
        for (let i = 0; i < 200; i++) res.write(i % 2 ? new TextEncoder().encode(`${i};`) : `${i};`, () => callbacks[path]!++);
        res.end('đã xong');
      } else if (path === '/large') {
        // 1 MB in 1 KB chunks, honouring backpressure as a stream producer does.
        let sent = 0;
        const pump = () => {
          while (sent < 1024) {
            sent++;
            if (!res.write(Buffer.alloc(1024, 97 + (sent % 26)))) return res.once('drain', pump);
          }
          res.end(() => callbacks[path]!++);
        };
        pump();
      } else res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('sends many small chunks intact in one write, and calls every callback', async () => {
    const body = await (await fetch(`${base}/small`)).text();
    assert.equal(body, Array.from({ length: 200 }, (_, i) => `${i};`).join('') + 'đã xong');
    assert.equal(socketWrites['/small'], 1);
    assert.equal(callbacks['/small'], 200);
  });

  it('streams a large body in bounded blocks', async () => {
    const body = Buffer.from(await (await fetch(`${base}/large`)).arrayBuffer());
    assert.equal(body.length, 1024 * 1024);
    for (let i = 0; i < 1024; i++) assert.equal(body[i * 1024], 97 + ((i + 1) % 26));
    assert.equal(socketWrites['/large'], (1024 * 1024) / COALESCE_BYTES);
    assert.equal(callbacks['/large'], 1);
  });

  it('leaves an empty response empty', async () => {
    const res = await fetch(`${base}/empty`);
    assert.equal(await res.text(), '');
    assert.equal(socketWrites['/empty'], 0);
  });
});
