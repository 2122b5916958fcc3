import { expect, test } from '@playwright/test';
import { procedures } from '../../src/server/catalog/index.ts';

test.use({ javaScriptEnabled: false });

test('a citizen finds a procedure, its documents, time limit and fee, without JavaScript', async ({ page }) => {
  await page.goto('/');
  const enforcement = procedures[0]!;
  await page.getByRole('link', { name: enforcement.name.vi, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/thu-tuc/${enforcement.slug.vi}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enforcement.name.vi);
  await expect(page.getByRole('heading', { name: 'Thành phần hồ sơ' })).toBeVisible();
  for (const doc of enforcement.documents) await expect(page.getByText(doc.name.vi, { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Thời hạn giải quyết').first()).toBeVisible();
  await expect(page.getByText(/\d+ ngày làm việc/).first()).toBeVisible();
  await expect(page.getByText('Phí, lệ phí', { exact: true })).toBeVisible();
  await expect(page.getByText(enforcement.fee.vi)).toBeVisible();

  // The language switch keeps the reader on the same procedure.
  await page.getByRole('link', { name: 'Xem trang này bằng tiếng Anh' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/procedures/${enforcement.slug.en}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enforcement.name.en);
  await expect(page.getByText(/\d+ working days/).first()).toBeVisible();
});

test('the agency directory filters by province with a plain form post', async ({ page }) => {
  await page.goto('/co-quan-thi-hanh-an');
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(34);
  await page.getByLabel('Tỉnh, thành phố').selectOption('HCM');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/province=HCM/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Thi hành án dân sự thành phố Hồ Chí Minh']);
  await expect(page.getByText('Phòng Thi hành án dân sự khu vực 1 – Hồ Chí Minh')).toBeVisible();
  await expect(page.getByText('Chưa cập nhật').first()).toBeVisible();

  await page.getByRole('link', { name: 'Xem trang này bằng tiếng Anh' }).click();
  await expect(page).toHaveURL(/\/en\/agencies\?province=HCM/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Ho Chi Minh City Civil Judgment Enforcement']);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});
