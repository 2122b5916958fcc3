import { expect, test, type Page } from '@playwright/test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';
import { expectAxeClean, signInAs, signOut } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

async function citizenApplies(page: Page, dir: string): Promise<{ code: string; pin: string }> {
  const procedure = procedureByCode('YCTHA')!;
  await page.goto(`/nop-ho-so/${procedure.slug.vi}`);
  await fillExample(page, procedure, 'vi', { agency: 'HNI' });
  await page.locator('#f-file_judgmentCopy-input').setInputFiles(pdfFile(dir, 'ban-an.pdf'));
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  return { code: (await page.getByTestId('dossier-code').textContent())!.trim(), pin: (await page.getByTestId('dossier-pin').textContent())!.trim() };
}

async function citizenTracks(page: Page, code: string, pin: string) {
  await page.goto('/tra-cuu-ho-so');
  await page.locator('#f-code-input').fill(code);
  await page.locator('#f-pin-input').fill(pin);
  await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
}

async function openDossier(page: Page, code: string) {
  await page.goto('/can-bo');
  await page.getByLabel('Tìm theo mã, tên hoặc số định danh').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('link', { name: code }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
}

async function act(page: Page, action: string, fill?: (form: ReturnType<Page["locator"]>) => Promise<unknown>) {
  const form = page.locator(`#action-${action}`);
  await fill?.(form);
  await form.locator('button[type=submit]').click();
  await expect(page.getByRole('status')).toContainText('Đã thực hiện');
}

test('a day at reception: receive, ask for a document, receive again, assign, record and return the result', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const citizen = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  const staff = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  const { code, pin } = await citizenApplies(citizen, info.outputPath('files'));

  await signInAs(staff, 'reception');
  await expectAxeClean(staff);
  await openDossier(staff, code);
  await expect(staff.getByTestId('staff-status')).toHaveText('Mới nộp, chờ tiếp nhận');
  await expectAxeClean(staff);
  // The uploaded file downloads as an attachment.
  const download = staff.waitForEvent('download');
  await staff.getByRole('link', { name: 'ban-an.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('ban-an.pdf');

  // An empty reason is refused, with the message by the field.
  await staff.locator('#action-request_supplement button[type=submit]').click();
  await expect(staff.getByRole('alert')).toContainText('Hãy nhập lý do');
  await act(staff, 'request_supplement', (f) => f.getByLabel('Giấy tờ cần bổ sung').fill('Bản sao bản án có chứng thực.'));
  await expect(staff.getByTestId('staff-status')).toHaveText('Yêu cầu bổ sung');
  const asked = await waitForMail({ text: code, subject: `Yêu cầu bổ sung hồ sơ ${code}: Yêu cầu thi hành án` });
  expect(asked.text).toContain('\nBản sao bản án có chứng thực.\n');
  expect(asked.text).toContain('\nHạn bổ sung: Cơ quan không ấn định hạn; hồ sơ chờ đến khi ông/bà bổ sung\n');

  await citizenTracks(citizen, code, pin);
  await expect(citizen.getByText('Bản sao bản án có chứng thực.').first()).toBeVisible();
  await citizen.locator('#f-files-input').setInputFiles(pdfFile(info.outputPath('files'), 'ban-an-chung-thuc.pdf'));
  await citizen.getByRole('button', { name: 'Gửi tài liệu bổ sung' }).click();
  await expect(citizen.getByTestId('tracked-status')).toHaveText('Mới nộp, chờ tiếp nhận');

  await staff.reload();
  await act(staff, 'receive');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã tiếp nhận');
  await expect(staff.getByTestId('deadline')).toContainText('5 ngày làm việc');
  await staff.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' }).click();
  await expect(staff.getByTestId('printed-code')).toHaveText(code);
  await expectAxeClean(staff);
  await staff.getByRole('link', { name: '← Quay lại hồ sơ' }).click();
  await signOut(staff);

  await signInAs(staff, 'head');
  await openDossier(staff, code);
  await act(staff, 'assign', (f) => f.getByLabel('Chấp hành viên').selectOption({ label: 'Trần Văn Chấp Hành' }));
  await expect(staff.getByTestId('staff-status')).toHaveText('Đang xử lý');
  await signOut(staff);

  await signInAs(staff, 'officer');
  await staff.goto('/can-bo?cua-toi=1');
  await expect(staff.getByRole('link', { name: code })).toBeVisible();
  await openDossier(staff, code);
  await act(staff, 'record_result', (f) => f.getByLabel('Văn bản kết quả').setInputFiles(pdfFile(info.outputPath('files'), 'quyet-dinh-thi-hanh-an.pdf')));
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã có kết quả');
  await signOut(staff);

  await signInAs(staff, 'reception');
  await openDossier(staff, code);
  await act(staff, 'return_result');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã trả kết quả');

  await citizenTracks(citizen, code, pin);
  await expect(citizen.getByTestId('tracked-status')).toHaveText('Đã trả kết quả');
  for (const step of ['Tiếp nhận hồ sơ, hẹn ngày trả kết quả', 'Yêu cầu bổ sung, hoàn thiện hồ sơ', 'Đã có kết quả giải quyết', 'Trả kết quả']) {
    await expect(citizen.getByText(step).first()).toBeVisible();
  }
  // Internal steps stay internal.
  await expect(citizen.getByText('Phân công xử lý')).toHaveCount(0);
  const ready = await waitForMail({ text: code, subject: `Đã có kết quả hồ sơ ${code}: Yêu cầu thi hành án` });
  // Hà Nội has published no address yet: the mail sends the citizen to the contacts, and the help address is there.
  expect(ready.text).toContain('Để nhận bản chính kết quả, ông/bà liên hệ Thi hành án dân sự thành phố Hà Nội (thông tin liên hệ ở cuối thư)');
  expect(ready.text).toContain('\nHỗ trợ sử dụng Cổng: hotro@localhost\n');
  const returned = await waitForMail({ text: code, subject: `Đã trả kết quả hồ sơ ${code}: Yêu cầu thi hành án` });
  expect(returned.text).toContain(`${code}. Hồ sơ đã kết thúc.`);
  expect(returned.text).toContain('tải được trên trang tra cứu hồ sơ');
  expect(returned.text).toMatch(new RegExp(`^Tra cứu hồ sơ và tải kết quả:\nhttp://127\\.0\\.0\\.1:\\d+/tra-cuu-ho-so\\?code=${code}$`, 'm'));
  expect(returned.text).not.toContain(pin);
  expect(returned.html).toContain('Cổng dịch vụ công Thi hành án dân sự</p>');
});

test('counter intake gives a paper dossier the same code, receipt and tracking', async ({ page }, info) => {
  await signInAs(page, 'reception');
  await page.getByRole('link', { name: 'Tiếp nhận tại quầy' }).click();
  const procedure = procedureByCode('XNKQ')!;
  await page.getByRole('link', { name: procedure.name.vi }).click();
  await expectAxeClean(page);
  await fillExample(page, procedure, 'vi', { agency: 'HNI', fullName: 'Bùi Thị Quầy' });
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  const pin = (await page.getByTestId('dossier-pin').textContent())!.trim();
  await openDossier(page, code);
  await expect(page.getByText(/^Tại quầy,/)).toBeVisible();
  void info;
  await citizenTracks(page, code, pin);
  await expect(page.getByTestId('tracked-status')).toHaveText('Mới nộp, chờ tiếp nhận');
});

test('the back office needs a session; roles and agencies are enforced on direct posts', async ({ page, request }) => {
  const anonymous = await request.get('/can-bo', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  expect(anonymous.headers()['location']).toContain('/can-bo/dang-nhap');
  const origin = new URL(page.url() === 'about:blank' ? 'http://127.0.0.1:4399' : page.url()).origin;
  const forged = await request.post('/can-bo/ho-so/01-000000-000000?_action=staffDossierAction', {
    headers: { Origin: 'http://127.0.0.1:' + (process.env.E2E_PORT ?? '4399') },
    form: { code: '01-261123-AAAAA0', action: 'receive' },
    maxRedirects: 0,
  });
  expect([303, 401]).toContain(forged.status());
  void origin;

  await page.goto('/can-bo/dang-nhap');
  await page.locator('#f-email-input').fill('tiepnhan@demo.thads.vn');
  await page.locator('#f-password-input').fill('sai-mat-khau-roi');
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  expect((await response).status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('Thư điện tử hoặc mật khẩu không đúng');
  await expectAxeClean(page);

  // An officer cannot receive a dossier, even by posting the action directly.
  await signInAs(page, 'officer');
  await page.goto('/can-bo?trang-thai=submitted');
  const link = page.locator('table a.code').first();
  const code = (await link.textContent())!.trim();
  const direct = await page.request.post(`/can-bo/ho-so/${code}?_action=staffDossierAction`, {
    headers: { Origin: 'http://127.0.0.1:' + (process.env.E2E_PORT ?? '4399') },
    multipart: { code, action: 'receive' },
  });
  expect(direct.status()).toBe(403);
  expect(await direct.text()).toContain('Vai trò của bạn không được thực hiện thao tác này');
});

test('an account page offers password change, two-factor setup and sign-out everywhere', async ({ page }) => {
  await signInAs(page, 'head');
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page.getByRole('heading', { name: 'Tài khoản của bạn' })).toBeVisible();
  await expectAxeClean(page);
  await page.locator('#current').fill('sai');
  await page.locator('#next').fill('ngan');
  await page.locator('#confirm').fill('ngan');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
