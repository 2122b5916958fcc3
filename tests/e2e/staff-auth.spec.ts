import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs, signOut } from './staff.ts';

const PASSWORD = 'kiem-thu-dang-nhap-2026';

/** A browser context of its own, with an address of its own. */
async function newVisitor(browser: Browser, ip = clientIp()) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  return page;
}

/** The administrator creates a reception account (no demo account is put at risk of a delay or a second factor). */
async function newAccount(browser: Browser, fullName: string): Promise<string> {
  const email = `dang.nhap.${Date.now()}.${Math.floor(Math.random() * 1e6)}@demo.thads.vn`;
  const page = await newVisitor(browser);
  await signInAs(page, 'admin');
  await page.goto('/can-bo/quan-tri/nguoi-dung');
  await page.getByLabel('Họ và tên', { exact: true }).fill(fullName);
  await page.getByLabel('Thư điện tử công vụ', { exact: true }).fill(email);
  await page.locator('#f-role-input').selectOption('reception');
  await page.locator('#f-agency-input').selectOption('HNI');
  await page.locator('#f-password-input').fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('status')).toContainText(`Đã tạo tài khoản ${email}`);
  await page.context().close();
  return email;
}

/** Clicks a submit button and returns the POST's response. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await button.click();
  return response;
}

async function trySignIn(page: Page, email: string, password: string) {
  await page.goto('/can-bo/dang-nhap');
  await page.locator('#f-email-input').fill(email);
  await page.locator('#f-password-input').fill(password);
  return submit(page, page.getByRole('button', { name: 'Đăng nhập', exact: true }));
}

test('wrong passwords from elsewhere slow the account down, saying when to try again, but do not lock out its own browser', async ({ browser }) => {
  test.setTimeout(90_000);
  const email = await newAccount(browser, 'Lê Văn Trì Hoãn');
  const own = await newVisitor(browser);
  expect((await trySignIn(own, email, PASSWORD)).status()).toBe(303);
  await expect(own.locator('.staff-user')).toContainText('Lê Văn Trì Hoãn');
  await signOut(own);

  const stranger = await newVisitor(browser);
  for (let i = 0; i < 5; i++) expect((await trySignIn(stranger, email, `sai-mat-khau-${i}`)).status()).toBe(401);
  const refused = await trySignIn(stranger, email, PASSWORD);
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  await expect(stranger.getByRole('alert')).toContainText(/Hãy thử lại sau 1 phút \(lúc \d\d:\d\d\)/);
  await expectAxeClean(stranger);

  // The browser that signed in before (now from another address) passes the delay with the right password.
  await own.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  expect((await trySignIn(own, email, PASSWORD)).status()).toBe(303);
  await expect(own.locator('.staff-user')).toContainText('Lê Văn Trì Hoãn');
});

test('two-factor: a bad setup key answers 400 in Vietnamese; passing the second factor gives a new session token', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const email = await newAccount(browser, 'Phạm Thị Hai Bước');
  const page = await newVisitor(browser);
  expect((await trySignIn(page, email, PASSWORD)).status()).toBe(303);
  await page.goto('/can-bo/tai-khoan');

  for (const bad of ['ABC', 'Ơ!!', '', 'A'.repeat(31), 'A'.repeat(40)]) {
    await page.locator('input[name=key]').evaluate((el, value) => ((el as HTMLInputElement).value = value), bad);
    await page.locator('#totp-code').fill('123456');
    const response = await submit(page, page.getByRole('button', { name: 'Bật xác thực hai bước' }));
    expect(response.status(), JSON.stringify(bad)).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Khóa cài đặt không hợp lệ');
  }
  await expectAxeClean(page);

  const key = decodeBase32IgnorePadding((await page.getByTestId('totp-key').textContent())!.trim());
  const step = () => BigInt(Math.floor(Date.now() / 30_000));
  await page.locator('#totp-code').fill(generateHOTP(key, step(), 6));
  expect((await submit(page, page.getByRole('button', { name: 'Bật xác thực hai bước' }))).status()).toBe(200);
  await expect(page.getByRole('status')).toContainText('Đã bật xác thực hai bước');
  await page.goto('/can-bo');
  await signOut(page);

  expect((await trySignIn(page, email, PASSWORD)).status()).toBe(303);
  await expect(page).toHaveURL(/\/can-bo\/xac-thuc-2-buoc$/);
  const sessionCookie = async () => (await page.context().cookies()).find((c) => c.name === 'thads_staff');
  const before = (await sessionCookie())!;
  expect(before.path).toBe('/');
  expect(before.httpOnly).toBe(true);
  expect(before.domain).toBe('127.0.0.1');
  // The next step's code: the one setting up used is spent.
  await page.locator('#f-code-input').fill(generateHOTP(key, step() + 1n, 6));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
  await expect(page.locator('.staff-user')).toContainText('Phạm Thị Hai Bước');
  const after = (await sessionCookie())!;
  expect(after.value).not.toBe(before.value);

  const withToken = (token: string) => request.get('/can-bo', { headers: { cookie: `thads_staff=${token}`, 'X-Forwarded-For': clientIp() }, maxRedirects: 0 });
  const old = await withToken(before.value);
  expect(old.status()).toBe(303);
  expect(old.headers()['location']).toMatch(/^\/can-bo\/dang-nhap/);
  expect((await withToken(after.value)).status()).toBe(200);
});
