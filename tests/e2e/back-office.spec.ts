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

  // The enforcement decision is the head's: the officer drafts it, the head sends it back once, then signs.
  await signInAs(staff, 'officer');
  await staff.goto('/can-bo?cua-toi=1');
  await expect(staff.getByRole('link', { name: code })).toBeVisible();
  await openDossier(staff, code);
  await expect(staff.locator('#action-record_result')).toHaveCount(0);
  await act(staff, 'submit_draft', (f) => f.getByLabel('Dự thảo kết quả trình Thủ trưởng').setInputFiles(pdfFile(info.outputPath('files'), 'du-thao.pdf')));
  await expect(staff.getByTestId('staff-status')).toHaveText('Chờ Thủ trưởng phê duyệt');
  await signOut(staff);
  await signInAs(staff, 'head');
  await openDossier(staff, code);
  await expectAxeClean(staff);
  await staff.locator('#action-send_back button[type=submit]').click();
  await expect(staff.getByRole('alert')).toContainText('Hãy nhập lý do');
  await act(staff, 'send_back', (f) => f.getByLabel('Nội dung cần sửa').fill('Ghi rõ thời hạn tự nguyện thi hành.'));
  await expect(staff.getByTestId('staff-status')).toHaveText('Đang xử lý');
  await signOut(staff);
  await signInAs(staff, 'officer');
  await openDossier(staff, code);
  await expect(staff.getByText('Ghi rõ thời hạn tự nguyện thi hành.')).toBeVisible();
  await act(staff, 'submit_draft', (f) =>
    Promise.all([
      f.getByLabel('Dự thảo kết quả trình Thủ trưởng').setInputFiles(pdfFile(info.outputPath('files'), 'quyet-dinh-thi-hanh-an.pdf')),
      f.getByLabel('Ghi chú gửi người nộp').fill('Mời ông/bà đến nhận bản chính Quyết định thi hành án.'),
    ]),
  );
  await signOut(staff);
  await signInAs(staff, 'head');
  await openDossier(staff, code);
  await expect(staff.locator('#action-approve')).toContainText('quyet-dinh-thi-hanh-an.pdf');
  await act(staff, 'approve');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã có kết quả');
  await signOut(staff);

  await signInAs(staff, 'reception');
  await openDossier(staff, code);
  await act(staff, 'return_result');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã trả kết quả');

  await citizenTracks(citizen, code, pin);
  await expect(citizen.getByTestId('tracked-status')).toHaveText('Đã trả kết quả');
  for (const step of ['Tiếp nhận hồ sơ, hẹn ngày trả kết quả', 'Yêu cầu bổ sung, hoàn thiện hồ sơ', 'Thủ trưởng phê duyệt, đã có kết quả', 'Trả kết quả']) {
    await expect(citizen.getByText(step).first()).toBeVisible();
  }
  await expect(citizen.getByText('Mời ông/bà đến nhận bản chính Quyết định thi hành án.')).toBeVisible();
  // Internal steps stay internal, drafts too.
  for (const internal of ['Phân công xử lý', 'Trình Thủ trưởng dự thảo kết quả', 'Thủ trưởng trả lại dự thảo để sửa', 'du-thao.pdf', 'Ghi rõ thời hạn']) {
    await expect(citizen.getByText(internal)).toHaveCount(0);
  }
  // The signed result downloads from the tracking page, and each notice the agency issued is there.
  const result = citizen.waitForEvent('download');
  await citizen.getByRole('link', { name: 'Văn bản kết quả giải quyết: quyet-dinh-thi-hanh-an.pdf' }).click();
  expect((await result).suggestedFilename()).toBe('quyet-dinh-thi-hanh-an.pdf');
  await expect(citizen.getByTestId('notices')).toContainText('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  await expect(citizen.getByTestId('notices')).toContainText('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
  await citizen.getByRole('link', { name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' }).click();
  await expect(citizen.getByText('Bản sao bản án có chứng thực.')).toBeVisible();
  const ready = await waitForMail({ text: code, subject: `Đã có kết quả hồ sơ ${code}: Yêu cầu thi hành án` });
  // Hà Nội has published no address yet: the mail sends the citizen to the contacts, and the help address is there.
  expect(ready.text).toContain('Để nhận bản chính kết quả, ông/bà liên hệ Thi hành án dân sự thành phố Hà Nội (thông tin liên hệ ở cuối thư)');
  expect(ready.text).toContain('\nHỗ trợ sử dụng Cổng: hotro@localhost\n');
  // The officer's note, signed off by the head, reaches the citizen by mail too.
  expect(ready.text).toMatch(/Lời nhắn của cơ quan:\s+Mời ông\/bà đến nhận bản chính Quyết định thi hành án\./);
  const returned = await waitForMail({ text: code, subject: `Đã trả kết quả hồ sơ ${code}: Yêu cầu thi hành án` });
  expect(returned.text).toContain(`${code}. Hồ sơ đã kết thúc.`);
  expect(returned.text).toContain('tải được trên trang tra cứu hồ sơ');
  expect(returned.text).toMatch(new RegExp(`^Tra cứu hồ sơ và tải kết quả:\nhttp://127\\.0\\.0\\.1:\\d+/tra-cuu-ho-so\\?code=${code}$`, 'm'));
  expect(returned.text).not.toContain(pin);
  expect(returned.html).toContain('Cổng dịch vụ công Thi hành án dân sự</p>');
});

test('an overdue dossier is in every view that should hold it, and the counts match the rows', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/can-bo?qua-han=1');
  const overdue = await page.locator('table.queue-table a.code').allTextContents();
  expect(overdue.length).toBeGreaterThan(0);
  await expect(page.locator('table.queue-table .tag--overdue').first()).toContainText('Quá hạn');
  const rowsOf = async (path: string) => {
    await page.goto(path);
    return page.locator('table.queue-table a.code').allTextContents();
  };
  const open = await rowsOf('/can-bo');
  const all = await rowsOf('/can-bo?trang-thai=tat-ca');
  // What the GET form sends with nothing ticked.
  const submittedForm = await rowsOf('/can-bo?q=&trang-thai=&thu-tuc=&han=&sap-xep=han');
  for (const code of overdue) {
    expect(open, code).toContain(code);
    expect(all, code).toContain(code);
    expect(submittedForm, code).toContain(code);
    expect(await rowsOf(`/can-bo?q=${code}`), code).toEqual([code]);
  }
  // The demo's overdue case is assigned to the demo officer and in progress.
  const mine = await rowsOf('/can-bo?cua-toi=1');
  const inProgress = await rowsOf('/can-bo?trang-thai=in_progress');
  expect(overdue.some((c) => mine.includes(c) && inProgress.includes(c))).toBe(true);
  // "Đang mở: N" lists N rows (25 to a page), "Tất cả: N" too — each read from one page load, as other tests add
  // dossiers meanwhile.
  for (const [path, label] of [['/can-bo', 'Đang mở'], ['/can-bo?trang-thai=tat-ca', 'Tất cả']] as const) {
    await page.goto(path);
    const counted = Number(/(\d+)/.exec((await page.locator('ul.counts li').filter({ hasText: `${label}:` }).innerText()))![1]);
    await expect(page.locator('table.queue-table tbody tr')).toHaveCount(Math.min(counted, 25));
  }
  await expectAxeClean(page);
  // The overdue dossier's page says how late it is, in working days, and offers the apology still owed.
  // (A one-stop dossier: complaints are extended, not apologised for.)
  await page.goto('/can-bo?qua-han=1&cua-toi=1');
  const oneStop = page.locator('table.queue-table tbody tr').filter({ hasNotText: /Khiếu nại|Tố cáo/ }).locator('a.code').first();
  await page.goto(`/can-bo/ho-so/${(await oneStop.textContent())!.trim()}`);
  await expect(page.getByTestId('days-used')).toHaveText(/^\d+ trên [35] ngày làm việc — trễ \d+ ngày$/);
  await expect(page.getByTestId('apology-owed')).toContainText('Cơ quan vẫn phải gửi người nộp Phiếu xin lỗi');
  await expect(page.locator('#action-apologise')).toBeVisible();
  await expectAxeClean(page);
});

test('a dossier waiting to be received shows the completeness check reception owes', async ({ page }, info) => {
  const { code } = await citizenApplies(page, info.outputPath('files'));
  await signInAs(page, 'reception');
  await openDossier(page, code);
  await expect(page.getByTestId('completeness-check')).toContainText('Hạn kiểm tra, tiếp nhận');
  await expect(page.getByTestId('completeness-check')).toContainText('1 ngày làm việc kể từ ngày nộp hoặc bổ sung');
  await expect(page.getByTestId('completeness-check')).toContainText('Nghị định 118/2025/NĐ-CP');
  await expectAxeClean(page);
  // In the queue it is dated like any other, not "—".
  await page.goto(`/can-bo?q=${code}`);
  await expect(page.locator('table.queue-table tbody tr').first()).toContainText(/Kiểm tra trước \d{2}\/\d{2}\/\d{4}/);
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
