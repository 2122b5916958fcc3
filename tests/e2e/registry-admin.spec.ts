import { expect, test, type Page } from '@playwright/test';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

/** A name nobody else has: letters only (the run's time, written in letters). */
function uniqueName(): { name: string; unaccented: string } {
  const tag = Date.now().toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!);
  const name = `Khổng Thị Phượng ${tag.charAt(0).toUpperCase()}${tag.slice(1)}`;
  const unaccented = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  return { name, unaccented };
}

/** Clicks a submit button and returns the status of the POST it sends. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<number> {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await button.click();
  return (await response).status();
}

test('reception adds an entry, finds it on the public search, removes it with a reason, and it is gone', async ({ page }) => {
  test.setTimeout(60_000);
  const { name, unaccented } = uniqueName();
  await signInAs(page, 'reception');
  await page.goto('/can-bo/danh-sach');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Danh sách người phải thi hành án chưa có điều kiện thi hành');
  await expectAxeClean(page);

  await page.getByRole('link', { name: 'Thêm', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thêm người vào danh sách');
  await expectAxeClean(page);
  // Nothing filled in: every problem at once, GOV.UK style.
  expect(await submit(page, page.getByRole('button', { name: 'Lưu và công khai' }))).toBe(400);
  await expect(page).toHaveTitle(/^Lỗi: /);
  await expect(page.getByRole('alert')).toContainText('Nhập họ và tên người phải thi hành án');
  await expect(page.getByRole('alert').locator('a[href="#f-debtor_name-input"]')).toHaveCount(1);
  await expectAxeClean(page);

  await page.locator('#f-debtor_name-input').fill(name);
  await page.locator('#f-debtor_address-input').fill('Số 8 ngõ 12 phố Kiểm Thử, phường Ba Đình, thành phố Hà Nội');
  await page.locator('#f-agency_code-input').selectOption('HNI-KV1');
  await page.locator('#f-judgment_number-input').fill('321/2024/DS-ST');
  await page.locator('#f-judgment_date-input').fill('2024-02-10');
  await page.locator('#f-judgment_court-input').fill('Tòa án nhân dân khu vực 1 – Hà Nội');
  await page.locator('#f-decision_number-input').fill('88/QĐ-THADS');
  await page.locator('#f-decision_date-input').fill('2024-04-01');
  await page.locator('#f-obligation-input').fill('Trả nợ 75.000.000 đồng');
  await page.locator('#f-reason-input').selectOption('no_means');
  await page.locator('#f-verified_on-input').fill('2025-01-15');
  await page.getByRole('button', { name: 'Lưu và công khai' }).click();
  await expect(page.getByRole('status')).toContainText('Đã thêm vào danh sách và công khai.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expectAxeClean(page);
  const entryUrl = page.url().replace(/\?.*$/, '');

  // The public finds it by the name typed without diacritics.
  await page.goto(`/danh-sach-chua-co-dieu-kien-thi-hanh?ten=${encodeURIComponent(unaccented)}`);
  await expect(page.getByRole('link', { name })).toBeVisible();

  // Removal needs a reason.
  await page.goto(entryUrl);
  expect(await submit(page, page.getByRole('button', { name: 'Rút khỏi danh sách' }))).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Chọn căn cứ rút khỏi danh sách');
  await expectAxeClean(page);
  await page.getByLabel('Đã thi hành xong hoặc đình chỉ thi hành án').check();
  await page.getByRole('button', { name: 'Rút khỏi danh sách' }).click();
  await expect(page.getByRole('status')).toContainText('Đã rút khỏi danh sách');
  await expect(page).toHaveURL(/\/can-bo\/danh-sach\?da-rut=\d+$/);

  await page.goto(`/danh-sach-chua-co-dieu-kien-thi-hanh?ten=${encodeURIComponent(unaccented)}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name })).toHaveCount(0);

  // Kept for the record: the back office still finds it among the removed.
  await page.goto(`/can-bo/danh-sach?q=${encodeURIComponent(unaccented)}&ca-da-rut=1`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Đã rút');
});

test('reception checks a CSV file as a job: the dry run shows each error by line and writes nothing; a clean file is written without a second upload', async ({ page }) => {
  const { name } = uniqueName();
  await signInAs(page, 'reception');
  await page.goto('/can-bo/danh-sach/nhap');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập danh sách từ tệp CSV');
  await expectAxeClean(page);

  // No file: the form says so, 400.
  expect(await submit(page, page.getByRole('button', { name: 'Kiểm tra tệp' }))).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Chọn tệp CSV cần nhập');

  const header = 'debtor_name,debtor_address,province_code,agency_code,judgment_number,judgment_date,judgment_court,decision_number,decision_date,obligation,reason,reason_detail,verified_on,published_on';
  const good = `${name},"Số 1 phố Huế, Hà Nội",HNI,HNI,12/2023/DS-ST,15/03/2023,Tòa án nhân dân khu vực 1 – Hà Nội,5/QĐ-THADS,02/05/2023,Trả nợ 10.000.000 đồng,no_means,,2025-06-01,`;
  const badDate = good.replace('15/03/2023', '31/02/2023');
  const badReason = good.replace(',no_means,', ',het_tien,');
  const csv = '\uFEFF' + [header, good, badDate, badReason].join('\r\n') + '\r\n';
  await page.locator('#f-file-input').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  // The upload is answered at once (303) with the job's page, which follows the reading and then shows the outcome.
  expect(await submit(page, page.getByRole('button', { name: 'Kiểm tra tệp' }))).toBe(303);
  await expect(page).toHaveURL(/\/can-bo\/danh-sach\/nhap\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra tệp danh-sach.csv');
  await expect(page.getByRole('alert')).toContainText('Tệp có 2 lỗi: chưa ghi dòng nào vào danh sách');
  const result = page.locator('#ket-qua');
  await expect(result).toContainText('Số dòng đã đọc3');
  await expect(result.getByRole('row', { name: /^3 judgment_date/ })).toContainText('phải là một ngày có thật');
  await expect(result.getByRole('row', { name: /^4 reason/ })).toContainText('không hợp lệ');
  await expect(page.getByRole('button', { name: 'Ghi vào danh sách' })).toHaveCount(0);
  await expectAxeClean(page);
  const progress = await page.request.get(`${new URL(page.url()).pathname}/tien-do.json`);
  expect(progress.status()).toBe(200);
  expect(await progress.json()).toMatchObject({ status: 'done', rows: 3 });

  // Nothing was written.
  await page.goto(`/can-bo/danh-sach?q=${encodeURIComponent(name)}`);
  await expect(page.getByText('Không tìm thấy ai khớp với nội dung tìm kiếm.')).toBeVisible();

  // A clean file: its check offers to write it; one press writes the file the check kept.
  await page.goto('/can-bo/danh-sach/nhap');
  const clean = '\uFEFF' + [header, good].join('\r\n') + '\r\n';
  await page.locator('#f-file-input').setInputFiles({ name: 'sach.csv', mimeType: 'text/csv', buffer: Buffer.from(clean, 'utf8') });
  expect(await submit(page, page.getByRole('button', { name: 'Kiểm tra tệp' }))).toBe(303);
  await expect(page.locator('#ket-qua')).toContainText('Tệp hợp lệ.');
  await expectAxeClean(page);
  const checkedUrl = page.url();
  expect(await submit(page, page.getByRole('button', { name: 'Ghi vào danh sách' }))).toBe(303);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ghi tệp sach.csv vào danh sách');
  await expect(page.getByRole('status')).toContainText('Đã ghi 1 người vào danh sách');
  await expectAxeClean(page);
  // The check now points to its commit and offers no second write.
  await page.goto(checkedUrl);
  await expect(page.getByRole('button', { name: 'Ghi vào danh sách' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'xem kết quả ghi' })).toBeVisible();
  await page.goto(`/can-bo/danh-sach?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('link', { name })).toBeVisible();
  // Both jobs are listed on the import page.
  await page.goto('/can-bo/danh-sach/nhap');
  await expect(page.getByRole('row', { name: /sach\.csv Ghi Đã ghi 1 người/ })).toBeVisible();
});

test('a large file shows its progress while it is read, then the outcome, without a reload by hand', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, 'reception');
  await page.goto('/can-bo/danh-sach/nhap');
  const header = 'debtor_name,debtor_address,province_code,agency_code,judgment_number,judgment_date,judgment_court,decision_number,decision_date,obligation,reason,reason_detail,verified_on,published_on';
  const rows = Array.from({ length: 100_000 }, (_, i) => `Phan Văn Lớn ${i},"Số ${i} phố Huế, Hà Nội",HNI,HNI,${i}/2023/DS-ST,15/03/2023,Tòa án nhân dân khu vực 1 – Hà Nội,${i}/QĐ-THADS,02/05/2023,Trả nợ 10.000.000 đồng,no_means,,2025-06-01,`);
  const csv = [header, ...rows].join('\r\n') + '\r\n';
  await page.locator('#f-file-input').setInputFiles({ name: 'tep-lon.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  expect(await submit(page, page.getByRole('button', { name: 'Kiểm tra tệp' }))).toBe(303);
  await expect(page.getByRole('heading', { name: 'Đang kiểm tra tệp' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Đã đọc' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cập nhật tiến độ' })).toBeVisible();
  await expectAxeClean(page);
  // The page follows the reading by itself and shows the outcome when the whole file is read.
  await expect(page.locator('#ket-qua')).toContainText('Số dòng đã đọc100.000', { timeout: 60_000 });
  await expect(page.locator('#ket-qua')).toContainText('Tệp hợp lệ.');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('an unknown import job is a 404, its page and its progress alike', async ({ page }) => {
  await signInAs(page, 'reception');
  const missing = await page.request.get('/can-bo/danh-sach/nhap/00000000-0000-4000-8000-00000000abcd/tien-do.json');
  expect(missing.status()).toBe(404);
  const page404 = await page.request.get('/can-bo/danh-sach/nhap/khong-co');
  expect(page404.status()).toBe(404);
});

test('the export is a UTF-8 CSV attachment with a byte-order mark, of the agency’s entries only', async ({ page }) => {
  await signInAs(page, 'reception');
  const response = await page.request.get('/can-bo/danh-sach/xuat.csv');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="danh-sach-chua-co-dieu-kien-hni-\d{4}-\d{2}-\d{2}\.csv"$/);
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('debtor_name,debtor_address,province_code,agency_code,judgment_number,judgment_date,judgment_court,decision_number,decision_date,obligation,reason,reason_detail,verified_on,published_on');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => /,HNI,HNI(-KV\d)?,/.test(l))).toBe(true);
});
