import { expect, test, type Page } from '@playwright/test';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

const HEADER = 'agency_code,statistical_year,period_end,cases_total,cases_with_conditions,cases_without_conditions,cases_completed,money_total,money_with_conditions,money_completed';
const csv = (...rows: string[]) => ({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n') + '\n') });

/** Chooses a file and presses "Kiểm tra tệp"; returns the status of the POST. */
async function check(page: Page, file: ReturnType<typeof csv>): Promise<number> {
  await page.locator('#f-file-input').setInputFiles(file);
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  return (await response).status();
}

test('the head imports a CSV: a bad row is shown with its line, the fixed file is previewed and written once', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAs(page, 'head');
  await page.goto('/can-bo/ket-qua-thi-hanh-an');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả thi hành án dân sự về việc, về tiền');
  // The demo figures: Hà Nội's whole-city total for 2026, against its target.
  await expect(page.getByRole('table', { name: /Kết quả toàn tỉnh, thành phố năm thống kê 2026/ })).toContainText('83,9%');
  await expectAxeClean(page);

  await page.getByRole('link', { name: 'Nhập kết quả từ tệp CSV' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập kết quả thi hành án từ tệp CSV');
  const template = await page.request.get('/can-bo/ket-qua-thi-hanh-an/mau.csv');
  expect(template.status()).toBe(200);
  expect((await template.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
  await expectAxeClean(page);

  // Line 3 has more cases completed than cases with conditions.
  const good = 'HNI-KV3,2027,31/10/2026,2100,1500,540,600,1.000.000.000,500.000.000,100.000.000';
  expect(await check(page, csv(good, 'HNI-KV4,2027,31/10/2026,1800,1200,500,1300,900000000,400000000,90000000'))).toBe(400);
  await expect(page).toHaveTitle(/^Lỗi: /);
  await expect(page.getByRole('alert')).toContainText('Tệp có 1 lỗi; chưa ghi dòng nào.');
  const problems = page.getByRole('table', { name: 'Lỗi theo dòng và cột của tệp' });
  await expect(problems.getByRole('row').nth(1)).toHaveText(/^3\s*cases_completed\s*Số thi hành xong không được lớn hơn số có điều kiện thi hành$/);
  await expectAxeClean(page);

  expect(await check(page, csv(good, 'HNI-KV4,2027,31/10/2026,1800,1200,500,700,900000000,400000000,90000000'))).toBe(303);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xem trước kết quả sẽ ghi');
  await expect(page.getByText('Tệp "ket-qua.csv" hợp lệ: 2 dòng.')).toBeVisible();
  const preview = page.getByRole('table', { name: 'Số liệu sẽ ghi, so với kỳ đã nhập trước' });
  await expect(preview).toContainText('1.000.000.000');
  await expect(preview).toContainText('40%'); // 600 / 1500
  await expectAxeClean(page);
  const previewUrl = new URL(page.url());

  // A double submit: the same commit posted twice at once is written once; the other is refused.
  const headers = { Origin: previewUrl.origin, 'X-Forwarded-For': clientIp() };
  const form = { import: previewUrl.pathname.split('/').pop()! };
  const [a, b] = await Promise.all([
    page.request.post(`${previewUrl.pathname}?_action=resultsCommit`, { form, headers, maxRedirects: 0 }),
    page.request.post(`${previewUrl.pathname}?_action=resultsCommit`, { form, headers, maxRedirects: 0 }),
  ]);
  expect([a.status(), b.status()].sort()).toEqual([303, 409]);
  expect(await (a.status() === 409 ? a : b).text()).toContain('Tệp này đã được ghi lúc');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả đã ghi');
  await expect(page.getByRole('button', { name: 'Ghi kết quả' })).toHaveCount(0);
  await expectAxeClean(page);

  // The figures now count the new 2027 snapshots.
  await page.goto('/can-bo/ket-qua-thi-hanh-an?nam=2027');
  const offices = page.getByRole('table', { name: 'Kết quả thi hành án năm thống kê 2027' });
  await expect(offices.getByRole('row', { name: /khu vực 3/ })).toContainText('40%'); // 600 / 1500
  await expect(offices.getByRole('row', { name: /khu vực 4/ })).toContainText('58,33%'); // 700 / 1200
  await expectAxeClean(page);
});

test('without JavaScript: check, fix, preview, write; the same preview written again from another tab is refused', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const page = await context.newPage();
  await signInAs(page, 'head');
  await page.goto('/can-bo/ket-qua-thi-hanh-an/nhap');
  expect(await check(page, csv('HNI-KV2,2027,31/10/2027,100,50,40,20,10,5,1'))).toBe(400);
  await expect(page.getByRole('table', { name: 'Lỗi theo dòng và cột của tệp' })).toContainText('Ngày cuối kỳ không nằm trong năm thống kê');
  expect(await check(page, csv('HNI-KV2,2027,30/11/2026,100,50,40,20,10,5,1'))).toBe(303);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xem trước kết quả sẽ ghi');
  // The same preview left open in a second tab (or a second press of the button before the first page came back).
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole('button', { name: 'Ghi kết quả' })).toBeVisible();
  await page.getByRole('button', { name: 'Ghi kết quả' }).click();
  await expect(page.getByRole('status')).toContainText('Đã ghi 1 dòng kết quả lúc');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kết quả đã ghi');
  const response = other.waitForResponse((r) => r.request().method() === 'POST');
  await other.getByRole('button', { name: 'Ghi kết quả' }).click();
  expect((await response).status()).toBe(409);
  await expect(other.getByRole('alert')).toContainText('Tệp này đã được ghi lúc');
  await expect(other.getByRole('button', { name: 'Ghi kết quả' })).toHaveCount(0);
  await context.close();
});

test('the head sets targets with a decimal comma; a value over 100 is refused', async ({ page }) => {
  await signInAs(page, 'head');
  await page.goto('/can-bo/ket-qua-thi-hanh-an/chi-tieu?nam=2027');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giao chỉ tiêu thi hành án');
  await expectAxeClean(page);
  await page.locator('#f-cases-HNI-input').fill('101');
  await page.locator('#f-money-HNI-input').fill('45,5');
  await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(page.getByRole('alert')).toContainText('Thi hành án dân sự thành phố Hà Nội: Chỉ tiêu là phần trăm từ 0 đến 100');
  await expect(page.locator('#f-money-HNI-input')).toHaveValue('45,5');
  await expectAxeClean(page);
  await page.locator('#f-cases-HNI-input').fill('84,25');
  await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu chỉ tiêu của 1 cơ quan.');
  await expect(page.locator('#f-cases-HNI-input')).toHaveValue('84,25');
  await expect(page.locator('#f-money-HNI-input')).toHaveValue('45,5');
});

test('reception staff cannot import or set targets (pages 403, the action refuses)', async ({ page }) => {
  await signInAs(page, 'reception');
  await page.goto('/can-bo/ket-qua-thi-hanh-an');
  await expect(page.getByRole('link', { name: 'Nhập kết quả từ tệp CSV' })).toHaveCount(0);
  expect((await page.goto('/can-bo/ket-qua-thi-hanh-an/nhap'))?.status()).toBe(403);
  expect((await page.goto('/can-bo/ket-qua-thi-hanh-an/chi-tieu'))?.status()).toBe(403);
  const origin = new URL(page.url()).origin;
  const post = await page.request.post('/_actions/targetsSave', { form: { year: '2027', 'cases.HNI': '1', 'money.HNI': '1' }, headers: { Origin: origin, 'X-Forwarded-For': clientIp() }, maxRedirects: 0 });
  expect(post.status()).toBeLessThan(500);
  expect(await post.text()).toContain('forbidden');
});
