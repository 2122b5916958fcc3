import { expect, test } from '@playwright/test';
import { registryDemoEntries } from '../../db/seed/registry-demo.ts';
import { clientIp } from './mail.ts';
import { expectAxeClean } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

// The demo list is deterministic: its first published entry is known to the test.
const listed = registryDemoEntries().find((e) => !e.removed_on)!;
const unaccented = listed.debtor_name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

for (const locale of ['vi', 'en'] as const) {
  test(`a member of the public finds a listed person by an unaccented name (${locale})`, async ({ page }) => {
    await page.goto(locale === 'vi' ? '/' : '/en/');
    await page.getByRole('link', { name: locale === 'vi' ? 'Danh sách người phải thi hành án chưa có điều kiện thi hành' : 'Judgment debtors without conditions to enforce' }).click();
    await page.getByLabel(locale === 'vi' ? 'Họ và tên' : 'Full name').fill(unaccented);
    const started = Date.now();
    await page.getByRole('button', { name: locale === 'vi' ? 'Tìm kiếm' : 'Search' }).click();
    await expect(page.getByRole('link', { name: listed.debtor_name }).first()).toBeVisible();
    expect(Date.now() - started).toBeLessThan(5_000);
    await expectAxeClean(page);
    // Only what the law publishes: no ID number, date of birth or phone anywhere on the page.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(/\b0\d{9}\b/);
    await page.getByRole('link', { name: listed.debtor_name }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAxeClean(page);
  });
}

for (const locale of ['vi', 'en'] as const) {
  test(`the list is in the main navigation, and a judgment is found by its number and year (${locale})`, async ({ page }) => {
    await page.goto(locale === 'vi' ? '/tra-cuu-ho-so' : '/en/track');
    const nav = page.getByRole('navigation', { name: locale === 'vi' ? 'Điều hướng chính' : 'Main navigation' });
    const link = nav.getByRole('link', { name: locale === 'vi' ? 'Người chưa có điều kiện thi hành án' : 'Debtors without means' });
    await link.click();
    await expect(page).toHaveURL(locale === 'vi' ? /\/danh-sach-chua-co-dieu-kien-thi-hanh$/ : /\/en\/debtors-without-means$/);
    await expect(link).toHaveAttribute('aria-current', 'page');
    // "364/2024" for "364/2024/DS-PT": the court's part of the number is often not known.
    const [num, year] = listed.judgment_number.split('/');
    await page.getByLabel(locale === 'vi' ? 'Hoặc số bản án / số quyết định thi hành án' : 'Or a judgment / enforcement decision number').fill(`${num}/${year}`);
    await page.getByRole('button', { name: locale === 'vi' ? 'Tìm kiếm' : 'Search' }).click();
    await expect(page.getByRole('link', { name: listed.debtor_name }).first()).toBeVisible();
  });
}

test('an empty search is refused with a message, not a dump of the list', async ({ page }) => {
  const response = await page.goto('/danh-sach-chua-co-dieu-kien-thi-hanh?ten=&tinh=HNI');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Hãy nhập họ tên');
});

test('a listed person asks for a correction from the entry page; it becomes a tracked dossier', async ({ page }) => {
  await page.goto(`/danh-sach-chua-co-dieu-kien-thi-hanh?ten=${encodeURIComponent(unaccented)}`);
  await page.getByRole('link', { name: listed.debtor_name }).first().click();
  await page.getByRole('link', { name: 'Đề nghị đính chính hoặc rút tên' }).click();
  // The entry is named by its public id, which the correction form carries.
  await expect(page.locator('#f-registryEntry-input')).toHaveValue(/^[0-9a-f]{20}$/);
  await page.locator('#f-fullName-input').fill(listed.debtor_name);
  await page.locator('#f-cccd-input').fill('001079012345');
  await page.locator('#f-dateOfBirth-input').fill('1979-03-21');
  await page.locator('#f-address-input').fill(listed.debtor_address);
  await page.locator('#f-phone-input').fill('0912345678');
  await page.locator('#f-applicantRole-input').check();
  await page.locator('#f-requestKind-input').check();
  await page.locator('#f-ground-input').check();
  await page.locator('#f-explanation-input').fill('Tôi đã nộp đủ số tiền theo bản án ngày 10/11/2026.');
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  await expect(page.getByTestId('dossier-code')).toHaveText(/^\d{2}-\d{6}-/);
});

test('entries are reached by unguessable ids only, and the list is kept out of search engines', async ({ page }) => {
  const response = await page.goto(`/danh-sach-chua-co-dieu-kien-thi-hanh?ten=${encodeURIComponent(unaccented)}`);
  expect(response?.headers()['x-robots-tag']).toBe('noindex, nofollow');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  const href = await page.getByRole('link', { name: listed.debtor_name }).first().getAttribute('href');
  expect(href).toMatch(/^\/danh-sach-chua-co-dieu-kien-thi-hanh\/[0-9a-f]{20}$/);
  const entry = await page.goto(href!);
  expect(entry?.status()).toBe(200);
  expect(entry?.headers()['x-robots-tag']).toBe('noindex, nofollow');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  // The other language's page of the same entry, by the same id.
  const english = await page.goto(href!.replace('/danh-sach-chua-co-dieu-kien-thi-hanh/', '/en/debtors-without-means/'));
  expect(english?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(listed.debtor_name);
  // The sequential keys lead nowhere.
  for (const key of ['1', '2', '0001']) expect((await page.goto(`/danh-sach-chua-co-dieu-kien-thi-hanh/${key}`))?.status()).toBe(404);
});

for (const [locale, path, message] of [
  ['vi', '/danh-sach-chua-co-dieu-kien-thi-hanh?dia-chi=---', 'Họ tên và địa chỉ cần có ít nhất một chữ cái hoặc chữ số.'],
  ['en', '/en/debtors-without-means?dia-chi=---', 'A name or an address needs at least one letter or digit.'],
] as const) {
  test(`an address of punctuation only is refused, not a match for every entry (${locale})`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText(message);
    // The summary's link leads to the address, the field at fault.
    await expect(page.getByRole('alert').getByRole('link', { name: message })).toHaveAttribute('href', '#dia-chi');
    await expect(page.getByRole('link', { name: listed.debtor_name })).toHaveCount(0);
  });
}

test('one address opening entry after entry is stopped with a 429 page in its language', async ({ page, request }) => {
  const ip = clientIp();
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  // Guesses count as much as entries found: 120 in ten minutes, then a refusal.
  for (let i = 0; i < 120; i++) {
    const answer = await request.get(`/danh-sach-chua-co-dieu-kien-thi-hanh/${i.toString(16).padStart(20, '0')}`, { headers: { 'X-Forwarded-For': ip } });
    expect(answer.status()).toBe(404);
  }
  const refused = await page.goto('/en/debtors-without-means/00000000000000000000');
  expect(refused?.status()).toBe(429);
  expect(Number(refused?.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have opened too many entries');
  await page.goto('/danh-sach-chua-co-dieu-kien-thi-hanh/00000000000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bạn đã xem quá nhiều mục');
  await expectAxeClean(page);
});
