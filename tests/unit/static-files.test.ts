import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { builtFiles, staticFiles } from '../../src/server/static-files.ts';

describe('built files served before the pages', () => {
  let root: string;
  let server: http.Server;
  let base: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-static-'));
    for (const [file, body] of Object.entries({
      'index.html': '<p>trang chủ</p>',
      'en/index.html': '<p>home</p>',
      'thu-tuc/yeu-cau/index.html': '<p>thủ tục</p>',
      'favicon.svg': '<svg/>',
      '_astro/global.abc123.css': 'body{}',
      '.env': 'SECRET=1',
      'emblem.png': 'PNG-bytes',
      'big.html': 'x'.repeat(300 * 1024),
    })) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), body);
    }
    const serve = staticFiles(root);
    server = http.createServer((req, res) => {
      if (!serve(req, res)) res.writeHead(299).end('page');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => {
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('knows each file by its path and each index.html by its directory, with and without the slash', () => {
    assert.deepEqual(
      [...builtFiles(root)].sort(([a], [b]) => a.localeCompare(b)),
      [
        ['/', 'index.html'],
        ['/_astro/global.abc123.css', '_astro/global.abc123.css'],
        ['/big.html', 'big.html'],
        ['/emblem.png', 'emblem.png'],
        ['/en', 'en/index.html'],
        ['/en/', 'en/index.html'],
        ['/en/index.html', 'en/index.html'],
        ['/favicon.svg', 'favicon.svg'],
        ['/index.html', 'index.html'],
        ['/thu-tuc/yeu-cau', 'thu-tuc/yeu-cau/index.html'],
        ['/thu-tuc/yeu-cau/', 'thu-tuc/yeu-cau/index.html'],
        ['/thu-tuc/yeu-cau/index.html', 'thu-tuc/yeu-cau/index.html'],
      ],
    );
  });

  it('serves a built file, assets for good, and leaves everything else to the pages', async () => {
    const page = await fetch(`${base}/thu-tuc/yeu-cau?x=1`);
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<p>thủ tục</p>');
    const asset = await fetch(`${base}/_astro/global.abc123.css`);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await fetch(`${base}/favicon.svg`)).headers.get('cache-control'), 'public, max-age=0');
    // Small text files come from memory, with a validator that answers 304; others, large or of other types, from disk.
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    const etag = page.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
    assert.equal((await fetch(`${base}/thu-tuc/yeu-cau/`, { headers: { 'If-None-Match': etag } })).status, 304);
    const head = await fetch(`${base}/thu-tuc/yeu-cau`, { method: 'HEAD' });
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength('<p>thủ tục</p>')));
    assert.equal(await head.text(), '');
    assert.equal((await (await fetch(`${base}/big.html`)).text()).length, 300 * 1024);
    assert.equal(await (await fetch(`${base}/emblem.png`)).text(), 'PNG-bytes');
    for (const other of ['/tra-cuu-ho-so', '/.env', '/thu-tuc/khac', '/%E0%A4%A']) assert.equal((await fetch(base + other)).status, 299, other);
    assert.equal((await fetch(`${base}/`, { method: 'POST' })).status, 299);
  });
});
