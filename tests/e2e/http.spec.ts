import { expect, test } from '@playwright/test';

test('/healthz answers that the process is alive, /readyz that the database is reachable and migrated', async ({ request }) => {
  const live = await request.get('/healthz');
  expect(live.status()).toBe(200);
  expect(await live.text()).toBe('{"status":"ok"}');
  expect(live.headers()['cache-control']).toBe('no-store');
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.text()).toBe('{"status":"ready"}');
  expect(ready.headers()['cache-control']).toBe('no-store');
});

for (const path of ['/', '/en/', '/co-quan-thi-hanh-an', '/khong-co']) {
  test(`security headers on ${path}`, async ({ request }) => {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // Plain http here, so no HSTS (it is sent only when PUBLIC_URL is https).
    expect(h['strict-transport-security']).toBeUndefined();
    // Astro's own policy, with hashes and without unsafe-inline: a meta tag on prerendered pages, a header on others.
    const policy = (await res.text()).match(/<meta http-equiv="content-security-policy" content="([^"]*)"/i)?.[1] ?? h['content-security-policy'];
    expect(policy).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
    expect(policy).not.toContain('unsafe-inline');
  });
}

test('a cross-site form post is refused', async ({ request }) => {
  const res = await request.post('/co-quan-thi-hanh-an', {
    headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'province=HNI',
  });
  expect(res.status()).toBe(403);
  const fetchSite = await request.post('/co-quan-thi-hanh-an', {
    headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'province=HNI',
  });
  expect(fetchSite.status()).toBe(403);
});

test('the staff accounts page keeps its old address as a permanent redirect', async ({ request }) => {
  const res = await request.get('/can-bo/quan-tri/can-bo', { maxRedirects: 0 });
  expect(res.status()).toBe(301);
  expect(new URL(res.headers().location!, 'http://x').pathname).toBe('/can-bo/quan-tri/nguoi-dung');
});

test('a dossier address trimmed to its folder goes to the queue', async ({ request }) => {
  const res = await request.get('/can-bo/ho-so', { maxRedirects: 0 });
  expect(res.status()).toBe(301);
  expect(new URL(res.headers().location!, 'http://x').pathname).toBe('/can-bo');
});
