import { expect, test } from '@playwright/test';
import { baseURL } from '../../playwright.config.ts';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

test('reception records a visit (errors first), finds it without diacritics, and links a repeat visit', async ({ page }) => {
  await signInAs(page, 'reception');
  await page.getByRole('link', { name: 'Tiếp công dân' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sổ tiếp công dân');
  await expectAxeClean(page);
  await page.getByRole('link', { name: 'Ghi lượt tiếp mới' }).click();
  await expectAxeClean(page);

  // Nothing about the citizen, a petition without its dossier code.
  await page.getByLabel('Phân loại').selectOption('complaint');
  await page.getByLabel('Kết quả tiếp').selectOption('petition_received');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  expect((await response).status()).toBe(400);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Nhập họ và tên công dân');
  await expect(summary).toContainText('Nhập địa chỉ');
  await expect(summary).toContainText('Nhập nội dung vụ việc');
  await expect(summary).toContainText('Nhập mã hồ sơ khiếu nại, tố cáo đã tiếp nhận tại quầy');
  await expect(page).toHaveTitle(/^Lỗi: /);
  await expect(page.getByLabel('Kết quả tiếp')).toHaveValue('petition_received');
  await expectAxeClean(page);
  await summary.getByRole('link', { name: 'Nhập họ và tên công dân' }).click();
  await expect(page.locator('#f-citizen_name-input')).toBeFocused();

  await page.locator('#f-citizen_name-input').fill('Quách Thị Nhàn');
  await page.locator('#f-citizen_address-input').fill('Số 7 phố Huế, Hai Bà Trưng, Hà Nội');
  await page.locator('#f-headcount-input').fill('5');
  await page.locator('#f-representatives-input').fill('Quách Thị Nhàn, Lưu Văn Tâm');
  await page.getByLabel('Nội dung vụ việc').fill('Khiếu nại việc chậm trả tiền thi hành án');
  await page.getByLabel('Kết quả tiếp').selectOption('guided');
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã ghi lượt tiếp vào sổ.');
  const first = new URL(page.url()).pathname;
  await expect(page.locator('dd', { hasText: 'Đoàn 5 người' })).toBeVisible();
  await expectAxeClean(page);

  // Found without diacritics.
  await page.goto('/can-bo/tiep-cong-dan');
  await page.getByLabel('Họ tên, số định danh hoặc nội dung').fill('quach thi nhan');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr')).toContainText('Quách Thị Nhàn');

  // She comes back on the same matter: recorded from the first visit's page, linked to it.
  await page.goto(first);
  await page.getByRole('link', { name: 'Ghi lần tiếp sau về vụ việc này' }).click();
  await expect(page.locator('#f-citizen_name-input')).toHaveValue('Quách Thị Nhàn');
  await expect(page.locator('#f-earlier_visit_id-input')).not.toHaveValue('');
  await page.getByLabel('Kết quả tiếp').selectOption('forwarded');
  await page.locator('#f-forwarded_to-input').fill('Tòa án nhân dân thành phố Hà Nội');
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã ghi lượt tiếp vào sổ.');
  const chain = page.locator('.visit-chain li');
  await expect(chain).toHaveCount(2);
  await expect(chain.nth(1)).toContainText('(lượt này)');
  await chain.nth(0).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${first}$`));
  await expect(page.locator('.visit-chain li')).toHaveCount(2);

  // A correction keeps the visit's values and says so.
  await page.getByRole('link', { name: 'Sửa lượt tiếp' }).click();
  await expect(page.locator('#f-representatives-input')).toHaveValue('Quách Thị Nhàn, Lưu Văn Tâm');
  await page.locator('#f-headcount-input').fill('6');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu thay đổi.');
  await expect(page.locator('dd', { hasText: 'Đoàn 6 người' })).toBeVisible();
});

test('an officer reads the log and the figures but cannot record a visit', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/can-bo/tiep-cong-dan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sổ tiếp công dân');
  await expect(page.getByRole('link', { name: 'Ghi lượt tiếp mới' })).toHaveCount(0);
  expect((await page.goto('/can-bo/tiep-cong-dan/them'))?.status()).toBe(403);
  const posted = await page.request.post('/can-bo/tiep-cong-dan/them?_action=receptionCreate', {
    headers: { Origin: baseURL, 'X-Forwarded-For': clientIp() },
    form: { agency_code: 'HNI', visited_on: '2026-11-30', visited_time: '09:00', kind: 'regular', citizen_name: 'Người Thử', citizen_address: 'Hà Nội', subject: 'Thử ghi sổ', category: 'other', outcome: 'guided', received_by: '1' },
  });
  expect(posted.status()).toBe(403);
  await page.goto('/can-bo/so-lieu');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Số liệu khiếu nại, tố cáo và tiếp công dân');
  await expect(page.locator('th[scope=row]', { hasText: 'Đơn tiếp nhận' })).toBeVisible();
  await expectAxeClean(page);
  expect((await page.goto('/can-bo/so-lieu?tu-ngay=2026-12-31&den-ngay=2026-01-01'))?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Đến ngày không được trước từ ngày');
  await expectAxeClean(page);
});
