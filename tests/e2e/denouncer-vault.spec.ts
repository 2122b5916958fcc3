import { expect, test, type Browser, type Page } from '@playwright/test';
import { VAULT_DEMO_CODE } from '../../db/seed/vault-demo.ts';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

const PAGE = `/can-bo/ho-so/${VAULT_DEMO_CODE}/nguoi-to-cao`;

async function staffPage(browser: Browser, role: 'head' | 'officer'): Promise<Page> {
  const page = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  await signInAs(page, role);
  return page;
}

test('the head reads the identity with a reason, grants it to an officer and revokes it; the officer is refused without it', async ({ browser }) => {
  test.setTimeout(60_000);
  const head = await staffPage(browser, 'head');
  const officer = await staffPage(browser, 'officer');

  // Without a grant the officer gets a plain 403, and nothing of the identity.
  let response = await officer.goto(PAGE);
  expect(response!.status()).toBe(403);
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Không có quyền xem thông tin người tố cáo');
  await expect(officer.getByText('Đinh Thị Bảo Ngọc')).toHaveCount(0);
  await expectAxeClean(officer);

  response = await head.goto(PAGE);
  expect(response!.status()).toBe(200);
  expect(response!.headers()['cache-control']).toBe('no-store');
  await expect(head.getByText('Đinh Thị Bảo Ngọc')).toHaveCount(0);
  await expectAxeClean(head);
  // No reason, no identity.
  await head.getByRole('button', { name: 'Xem thông tin người tố cáo' }).click();
  await expect(head.getByRole('alert')).toContainText('Hãy nhập lý do xem thông tin người tố cáo.');
  await expect(head.getByTestId('denouncer-identity')).toHaveCount(0);
  await head.getByLabel('Lý do xem').fill('Liên hệ người tố cáo để làm rõ thời điểm sự việc');
  const [read] = await Promise.all([
    head.waitForResponse((r) => r.url().endsWith(PAGE) && r.request().method() === 'POST'),
    head.getByRole('button', { name: 'Xem thông tin người tố cáo' }).click(),
  ]);
  expect(read.headers()['cache-control']).toBe('no-store');
  const identity = head.getByTestId('denouncer-identity');
  await expect(identity).toContainText('Đinh Thị Bảo Ngọc');
  await expect(identity).toContainText('001192008813');
  await expect(identity).toContainText('baongoc.dinh@example.com');
  await expectAxeClean(head);
  // Loading the page again shows the form, not the identity.
  await head.goto(PAGE);
  await expect(head.getByTestId('denouncer-identity')).toHaveCount(0);

  await head.getByLabel('Cán bộ của cơ quan').selectOption({ label: 'Trần Văn Chấp Hành (Chấp hành viên)' });
  await head.getByLabel('Lý do giao quyền').fill('Chấp hành viên xác minh nội dung tố cáo');
  await head.getByRole('button', { name: 'Giao quyền xem' }).click();
  await expect(head.getByRole('status')).toHaveText('Đã giao quyền xem thông tin người tố cáo.');
  await expect(head.getByTestId('grants')).toContainText('Chấp hành viên xác minh nội dung tố cáo');
  await expectAxeClean(head);

  response = await officer.goto(PAGE);
  expect(response!.status()).toBe(200);
  await officer.getByLabel('Lý do xem').fill('Gọi điện hẹn làm việc');
  await officer.getByRole('button', { name: 'Xem thông tin người tố cáo' }).click();
  await expect(officer.getByTestId('denouncer-identity')).toContainText('Đinh Thị Bảo Ngọc');
  // The officer does not manage grants.
  await expect(officer.getByRole('button', { name: 'Giao quyền xem' })).toHaveCount(0);

  await head.getByRole('button', { name: 'Thu hồi quyền của Trần Văn Chấp Hành' }).click();
  await expect(head.getByRole('status')).toHaveText('Đã thu hồi quyền xem.');
  response = await officer.goto(PAGE);
  expect(response!.status()).toBe(403);
});
