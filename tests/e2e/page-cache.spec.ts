import { expect, test } from '@playwright/test';

// Pages the same for everyone come from the route cache (src/page-cache-provider.ts); personal ones never do.
const forEveryone = ['/co-quan-thi-hanh-an', '/en/agencies?province=HNI', '/nop-ho-so/xac-nhan-ket-qua-thi-hanh-an', '/en/apply/confirm-enforcement-result', '/tra-cuu-ho-so', '/danh-sach-chua-co-dieu-kien-thi-hanh', '/thong-ke'];

for (const path of forEveryone) {
  test(`${path} is rendered once and then served from the cache`, async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const first = await anonymous.get(path);
    expect(first.status()).toBe(200);
    const second = await anonymous.get(path);
    expect(second.headers()['x-astro-cache']).toBe('HIT');
    expect(await second.text()).toBe(await first.text());
    // Never with a portal cookie: a draft, a tracked dossier or a staff session may change what the page shows.
    for (const cookie of ['thads_draft_XNKQ=x', 'thads_track=x', '__Host-thads_staff=x', 'lang=vi; thads_device=x']) {
      const personal = await anonymous.get(path, { headers: { Cookie: cookie } });
      expect(personal.headers()['x-astro-cache'], cookie).toBeUndefined();
    }
    await anonymous.dispose();
  });
}

test('what a search, a look-up or a form post answers is never cached', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 2; i++) {
    const search = await anonymous.get('/danh-sach-chua-co-dieu-kien-thi-hanh?ten=nguyen+van');
    expect(search.status()).toBe(200);
    expect(search.headers()['x-astro-cache']).toBeUndefined();
  }
  const lookup = await anonymous.post('/tra-cuu-ho-so?_action=trackDossier', { headers: { Origin: baseURL! }, form: { code: '01-261123-7KQ4MX', pin: '123456' } });
  expect(lookup.headers()['x-astro-cache']).toBeUndefined();
  await anonymous.dispose();
});
