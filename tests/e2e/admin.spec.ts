import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { clientIp } from './mail.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// The demo accounts (db/seed/demo.ts, `demoStaff`); the e2e server runs with DEMO_DATA=yes.
const ADMIN = { email: 'quantri@demo.thads.vn', password: 'quan-ly-he-thong-2026' };
const RECEPTION = { email: 'tiepnhan@demo.thads.vn', password: 'quay-tiep-dan-2026' };

const ADMIN_PAGES = ['/can-bo/quan-tri', '/can-bo/quan-tri/nguoi-dung', '/can-bo/quan-tri/co-quan', '/can-bo/quan-tri/lich', '/can-bo/quan-tri/nhat-ky'];

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function signIn(page: Page, who: { email: string; password: string }, next = '/can-bo') {
  await page.goto(`/can-bo/dang-nhap?tiep=${encodeURIComponent(next)}`);
  await page.locator('#f-email-input').fill(who.email);
  await page.locator('#f-password-input').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/.?]/g, '\\$&')}$`));
}

/** Clicks a submit button and returns the status of the POST it sends. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<number> {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await button.click();
  return (await response).status();
}

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

test('a central administrator manages accounts, agency contacts and the calendar, and finds it all in the audit log', async ({ page }) => {
  test.setTimeout(90_000);
  const email = `kiem.thu.${Date.now()}@demo.thads.vn`;
  await signIn(page, ADMIN, '/can-bo/quan-tri');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản trị');
  await expectAxeClean(page);

  // Accounts: a weak password is refused with the GOV.UK error pattern, the other answers are kept.
  await page.getByRole('link', { name: 'Tài khoản cán bộ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản cán bộ');
  await expect(page.getByRole('row', { name: new RegExp(ADMIN.email) })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Họ và tên', { exact: true }).fill('Đỗ Thị Kiểm Thử');
  await page.getByLabel('Thư điện tử công vụ', { exact: true }).fill(email);
  await page.locator('#f-role-input').selectOption('reception');
  await page.locator('#f-agency-input').selectOption('HNI');
  await page.locator('#f-password-input').fill('ngan-qua');
  expect(await submit(page, page.getByRole('button', { name: 'Tạo tài khoản' }))).toBe(400);
  await expect(page).toHaveTitle(/^Lỗi: /);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Mật khẩu phải có ít nhất 12 ký tự');
  await expect(summary.locator('a[href="#f-password-input"]')).toHaveCount(1);
  await expect(page.locator('#f-password-error')).toContainText('Mật khẩu phải có ít nhất 12 ký tự');
  await expect(page.locator('#f-fullName-input')).toHaveValue('Đỗ Thị Kiểm Thử');
  await expect(page.locator('#f-email-input')).toHaveValue(email);
  await expect(page.locator('#f-agency-input')).toHaveValue('HNI');
  await expect(page.locator('#f-password-input')).toHaveValue('');
  await expectAxeClean(page);

  await page.locator('#f-password-input').fill('kiem-thu-tai-khoan-2026');
  expect(await submit(page, page.getByRole('button', { name: 'Tạo tài khoản' }))).toBe(200);
  await expect(page.getByRole('status')).toContainText(`Đã tạo tài khoản ${email}`);
  const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Cán bộ tiếp nhận');
  await expect(row).toContainText('Đang hoạt động');

  // Disable it from its management panel.
  await row.getByRole('link', { name: /Quản lý/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Quản lý tài khoản: Đỗ Thị Kiểm Thử' })).toBeVisible();
  await expectAxeClean(page);
  expect(await submit(page, page.getByRole('button', { name: 'Khóa tài khoản' }))).toBe(200);
  await expect(page.getByRole('status')).toContainText(`Đã khóa tài khoản ${email}`);
  await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toContainText('Đã khóa');
  await expect(page.getByRole('button', { name: 'Mở khóa tài khoản' })).toBeVisible();

  // Agency contacts: a bad phone number is refused; a good one shows on the public directory.
  await page.goto('/can-bo/quan-tri/co-quan');
  await expectAxeClean(page);
  await page.goto('/can-bo/quan-tri/co-quan?co-quan=HUE');
  await page.locator('#f-phone-input').fill('gọi tổng đài');
  expect(await submit(page, page.getByRole('button', { name: 'Lưu thông tin liên hệ' }))).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Nhập số điện thoại chỉ gồm chữ số');
  await expect(page.locator('#f-phone-input')).toHaveValue('gọi tổng đài');
  await expectAxeClean(page);
  await page.locator('#f-phone-input').fill('0234 3822 123');
  expect(await submit(page, page.getByRole('button', { name: 'Lưu thông tin liên hệ' }))).toBe(200);
  await expect(page.getByRole('status')).toContainText('Đã lưu thông tin liên hệ');
  await page.goto('/co-quan-thi-hanh-an?province=HUE');
  await expect(page.getByRole('link', { name: '0234 3822 123' })).toBeVisible();

  // Calendar: a day far from any dossier's deadline, added then deleted.
  await page.goto('/can-bo/quan-tri/lich?nam=2031');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch ngày nghỉ, ngày làm việc năm 2031');
  await expectAxeClean(page);
  await page.getByLabel('Ngày', { exact: true }).fill('2031-06-10');
  await page.getByLabel('Ngày nghỉ (lễ, Tết, nghỉ hoán đổi)').check();
  await page.getByLabel('Tên (tiếng Việt)').fill('Ngày nghỉ kiểm thử');
  await page.getByLabel('Tên (tiếng Anh)').fill('Test day off');
  expect(await submit(page, page.getByRole('button', { name: 'Lưu ngày' }))).toBe(200);
  await expect(page.getByRole('status')).toContainText('Đã lưu ngày 10/06/2031');
  await expect(page.getByRole('row', { name: /Ngày nghỉ kiểm thử/ })).toBeVisible();
  await expectAxeClean(page);
  expect(await submit(page, page.getByRole('button', { name: 'Xóa ngày 10/06/2031' }))).toBe(200);
  await expect(page.getByRole('status')).toContainText('Đã xóa ngày 10/06/2031');
  await expect(page.getByRole('row', { name: /Ngày nghỉ kiểm thử/ })).toHaveCount(0);

  // The audit log, filtered by action, has each of these changes.
  await page.goto('/can-bo/quan-tri/nhat-ky');
  await expectAxeClean(page);
  const filterBy = async (action: string) => {
    await page.getByLabel('Hành động').selectOption(action);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(new RegExp(`hanh-dong=${action.replace(/\./g, '\\.')}`));
  };
  await filterBy('admin.staff_created');
  const rows = page.getByTestId('audit-row');
  await expect(rows.filter({ hasText: email })).toHaveCount(1);
  await expect(rows.first()).toContainText(ADMIN.email);
  for (const text of await rows.allTextContents()) expect(text).toContain('admin.staff_created');
  await expectAxeClean(page);
  await filterBy('admin.staff_disabled');
  await expect(rows.filter({ hasText: email })).toHaveCount(1);
  await filterBy('admin.agency_contacts_updated');
  await expect(rows.filter({ hasText: '0234 3822 123' }).first()).toBeVisible();
  await filterBy('admin.calendar_day_added');
  await expect(rows.filter({ hasText: '2031-06-10' })).toHaveCount(1);
  await filterBy('admin.calendar_day_deleted');
  await expect(rows.filter({ hasText: '2031-06-10' })).toHaveCount(1);
});

test('a reception officer gets 403 on every administration page and cannot call the actions', async ({ page, request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const form = { fullName: 'Kẻ Mạo Danh', email: 'mao.danh@demo.thads.vn', role: 'admin', agency: 'trung-uong', password: 'mat-khau-rat-manh-2026' };

  // Not signed in: sent to the sign-in page, nothing happens.
  const anonymous = await request.post('/can-bo/quan-tri/nguoi-dung?_action=adminCreateStaff', {
    form,
    headers: { Origin: origin, 'X-Forwarded-For': clientIp() },
    maxRedirects: 0,
  });
  expect(anonymous.status()).toBe(303);

  await signIn(page, RECEPTION);
  for (const path of ADMIN_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không có quyền truy cập');
  }
  await expect(page.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);

  // A forged form post and a direct call, with this officer's session cookie.
  const headers = { Origin: origin, 'X-Forwarded-For': clientIp() };
  const post = await page.request.post('/can-bo/quan-tri/nguoi-dung?_action=adminCreateStaff', { form, headers, maxRedirects: 0 });
  expect(post.status()).toBe(403);
  const rpc = await page.request.post('/_actions/adminCreateStaff', { form, headers, maxRedirects: 0 });
  expect(rpc.status()).toBe(403);
  const calendar = await page.request.post('/can-bo/quan-tri/lich?_action=adminUpsertCalendarDay', {
    form: { date: '2031-07-01', kind: 'off', name_vi: 'Giả mạo', name_en: 'Forged' },
    headers,
    maxRedirects: 0,
  });
  expect(calendar.status()).toBe(403);

  // Nothing was created: the administrator does not find the account.
  const admin = await page.context().browser()!.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN, '/can-bo/quan-tri/nguoi-dung');
  await expect(adminPage.getByRole('row', { name: new RegExp(ADMIN.email) })).toBeVisible();
  await expect(adminPage.getByText(form.email)).toHaveCount(0);
  await adminPage.goto('/can-bo/quan-tri/lich?nam=2031');
  await expect(adminPage.getByText('Giả mạo')).toHaveCount(0);
  await admin.close();
});

test('an agency administrator manages their own agency only, and reads the calendar', async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const agencyAdmin = { email: `quantri.dng.${Date.now()}@demo.thads.vn`, password: 'quan-tri-da-nang-2026' };
  // The central administrator makes an administrator for Đà Nẵng.
  await signIn(page, ADMIN, '/can-bo/quan-tri/nguoi-dung');
  await page.getByLabel('Họ và tên', { exact: true }).fill('Quản Trị Đà Nẵng');
  await page.getByLabel('Thư điện tử công vụ', { exact: true }).fill(agencyAdmin.email);
  await page.locator('#f-role-input').selectOption('admin');
  await page.locator('#f-agency-input').selectOption('DNG');
  await page.locator('#f-password-input').fill(agencyAdmin.password);
  expect(await submit(page, page.getByRole('button', { name: 'Tạo tài khoản' }))).toBe(200);

  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const tab = await context.newPage();
  await signIn(tab, agencyAdmin, '/can-bo/quan-tri/nguoi-dung');
  // Only Đà Nẵng's accounts, and only Đà Nẵng and its regional offices to choose from.
  await expect(tab.getByRole('row', { name: new RegExp(agencyAdmin.email.replace(/\./g, '\\.')) })).toBeVisible();
  await expect(tab.getByText(ADMIN.email)).toHaveCount(0);
  await expect(tab.getByText(RECEPTION.email)).toHaveCount(0);
  const choices = await tab.locator('#f-agency-input option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(choices.filter(Boolean).every((code) => code === 'DNG' || code.startsWith('DNG-'))).toBe(true);
  await expect(tab.locator('#f-agency-input')).toHaveValue('DNG');
  await expectAxeClean(tab);

  await tab.goto('/can-bo/quan-tri/co-quan');
  await expect(tab.getByRole('heading', { level: 2, name: /Sửa thông tin/ })).toContainText('Đà Nẵng');
  await expect(tab.getByRole('link', { name: /^Sửa/ })).toHaveCount(4);
  await expectAxeClean(tab);
  // Another agency: not found in their scope, and a forged save is refused.
  await tab.goto('/can-bo/quan-tri/co-quan?co-quan=HNI');
  await expect(tab.getByText('Không tìm thấy cơ quan này trong phạm vi bạn quản lý.')).toBeVisible();
  const headers = { Origin: new URL(baseURL!).origin, 'X-Forwarded-For': clientIp() };
  const forged = await tab.request.post('/can-bo/quan-tri/co-quan?_action=adminUpdateAgencyContacts', { form: { code: 'HNI', phone: '0900 000 000' }, headers });
  expect(forged.status()).toBe(403);

  // The calendar is national: read only for them.
  await tab.goto('/can-bo/quan-tri/lich');
  await expect(tab.getByText('Chỉ quản trị viên Trung ương được sửa lịch.')).toBeVisible();
  await expect(tab.getByRole('button', { name: 'Lưu ngày' })).toHaveCount(0);
  await expect(tab.getByRole('button', { name: /^Xóa/ })).toHaveCount(0);
  await expectAxeClean(tab);
  const day = await tab.request.post('/can-bo/quan-tri/lich?_action=adminUpsertCalendarDay', {
    form: { date: '2031-07-01', kind: 'off', name_vi: 'Giả mạo', name_en: 'Forged' },
    headers,
  });
  expect(day.status()).toBe(403);

  // Their audit log: Đà Nẵng's entries only (their own sign-in, the creation of their account…).
  await tab.goto('/can-bo/quan-tri/nhat-ky');
  const rows = tab.getByTestId('audit-row');
  await expect(rows.filter({ hasText: agencyAdmin.email }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'admin.staff_created' })).toContainText(ADMIN.email);
  const agencies = await tab.getByTestId('audit-agency').allTextContents();
  expect(agencies.length).toBe(await rows.count());
  expect(agencies.every((code) => code === 'DNG' || code.startsWith('DNG-'))).toBe(true);
  await expectAxeClean(tab);
  await context.close();
});
