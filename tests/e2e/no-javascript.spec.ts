import { expect, test } from '@playwright/test';
import { procedures } from '../../src/server/catalog/index.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp } from './mail.ts';

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

test('a question that does not apply says so on the form, and the check page says its answer was not kept', async ({ page }, info) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  const procedure = procedures[0]!;
  await page.goto(`/nop-ho-so/${procedure.slug.vi}`);
  // Every question shows without a script; each conditional one says when it applies (a whole section once).
  await expect(page.locator('#f-representedName-condition')).toHaveText(
    'Chỉ trả lời nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người đại diện của đương sự”; nếu không, câu trả lời này không được lưu.',
  );
  await expect(page.locator('#s-creditor-condition')).toHaveText(
    'Chỉ trả lời phần này nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người phải thi hành án” hoặc “Người đại diện của đương sự”; nếu không, các câu trả lời trong phần này không được lưu.',
  );
  await expect(page.locator('#f-creditorName-input')).toHaveAttribute('aria-describedby', 's-creditor-condition');

  // A creditor who also fills in the creditor's section (meant for a debtor or a representative).
  await fillExample(page, procedure, 'vi');
  await page.locator('#f-creditorName-input').fill('Phạm Văn Bình');
  await page.locator('#f-file_judgmentCopy-input').setInputFiles(pdfFile(info.outputPath('files'), 'ban-an.pdf'));
  await page.getByRole('button', { name: 'Tiếp tục', exact: true }).last().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra thông tin trước khi gửi');

  const notKept = page.locator('#not-kept');
  await expect(notKept.getByRole('heading', { level: 2 })).toHaveText('Câu trả lời không được lưu');
  await expect(notKept.getByRole('listitem')).toHaveText([
    'Họ và tên hoặc tên tổ chức (Người được thi hành án). Chỉ áp dụng nếu ở câu “Tư cách của bạn trong vụ việc” bạn chọn “Người phải thi hành án” hoặc “Người đại diện của đương sự”. Thay đổi lựa chọn Tư cách của bạn trong vụ việc',
  ]);
  await expect(page.getByText('Phạm Văn Bình')).toHaveCount(0);
  // What was kept: the debtor's details, which apply to a creditor.
  await expect(page.getByText('Trần Văn Hùng', { exact: true })).toBeVisible();
  await notKept.getByRole('link', { name: 'Thay đổi lựa chọn Tư cách của bạn trong vụ việc' }).click();
  await expect(page).toHaveURL(new RegExp(`/nop-ho-so/${procedure.slug.vi}#f-applicantRole$`));
  await expect(page.locator('#f-applicantRole legend')).toBeInViewport({ ratio: 1 });

  // The same in English.
  await page.goto(`/en/apply/${procedure.slug.en}/check`);
  await expect(page.locator('#not-kept').getByRole('listitem')).toHaveText([
    'Full name, or name of the organisation (The judgment creditor). Applies only if you chose “The judgment debtor (the party who owes)” or “A representative of one of the parties” for “Your role in the case”. Change your choice Your role in the case',
  ]);
});
