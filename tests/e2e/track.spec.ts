import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DemoDossier } from '../../db/seed/demo.ts';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, mailsMatching, waitForMail } from './mail.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function demo(status: string, procedure?: string): DemoDossier {
  const all = JSON.parse(fs.readFileSync('test-results/e2e-data/demo-dossiers.json', 'utf8')) as DemoDossier[];
  const found = all.find((d) => d.status === status && (!procedure || d.procedure === procedure));
  if (!found) throw new Error(`no demo dossier in status ${status}`);
  return found;
}

async function track(page: Page, code: string, pin: string, locale: 'vi' | 'en' = 'vi') {
  await page.goto(locale === 'vi' ? '/tra-cuu-ho-so' : '/en/track');
  await page.locator('#f-code-input').fill(code);
  await page.locator('#f-pin-input').fill(pin);
  await page.getByRole('button', { name: locale === 'vi' ? 'Tra cứu' : 'Track', exact: true }).click();
}

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

test('the citizen sends the documents asked for; refreshing never re-posts', async ({ page }, info) => {
  const d = demo('awaiting_supplement', 'XNKQ');
  await track(page, d.code, d.pin);
  // A correct code and PIN lead to the dossier's own page (a GET), held by a cookie for this dossier.
  await expect(page).toHaveURL(new RegExp(`/tra-cuu-ho-so/${d.code}$`));
  await expect(page.getByTestId('tracked-status')).toHaveText('Yêu cầu bổ sung');
  // What the agency asked for (in the language the citizen applied in).
  await expect(page.locator('section[aria-labelledby=supplement] .inset .pre-line')).toHaveText(/^(Đề nghị bổ sung bản sao bản án|Please send a certified copy)/);
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  const reloaded = await page.reload();
  expect(reloaded?.status()).toBe(200);
  expect(reloaded?.request().method()).toBe('GET');
  await expect(page.getByTestId('tracked-status')).toHaveText('Yêu cầu bổ sung');

  // Nothing chosen: a clear error, nothing changes.
  await page.getByRole('button', { name: 'Gửi tài liệu bổ sung' }).click();
  await expect(page.getByRole('alert')).toContainText('Hãy đính kèm giấy tờ này');
  await expect(page.getByTestId('tracked-status')).toHaveText('Yêu cầu bổ sung');

  await page.locator('#f-files-input').setInputFiles(pdfFile(info.outputPath('f'), 'ban-an-chung-thuc.pdf'));
  await page.locator('#f-note-input').fill('Bản sao có chứng thực, đủ 4 trang.');
  await page.getByRole('button', { name: 'Gửi tài liệu bổ sung' }).click();
  await expect(page.getByRole('status')).toContainText('Đã gửi tài liệu bổ sung');
  await expect(page).toHaveURL(new RegExp(`/tra-cuu-ho-so/${d.code}\\?xong=da-bo-sung$`));
  await expect(page.getByTestId('tracked-status')).toHaveText('Mới nộp, chờ tiếp nhận');
  await expect(page.getByTestId('attachments')).toContainText('ban-an-chung-thuc.pdf');
  await expect(page.getByText('Bản sao có chứng thực, đủ 4 trang.')).toBeVisible();
  // The refresh after sending (which once answered 400) shows the same page again.
  const again = await page.reload();
  expect(again?.status()).toBe(200);
  await expect(page.getByTestId('tracked-status')).toHaveText('Mới nộp, chờ tiếp nhận');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The citizen can download what they sent.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'ban-an-chung-thuc.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('ban-an-chung-thuc.pdf');
  // The mail speaks the language the dossier was submitted in (the demo seed submits some in English).
  const mail = await waitForMail({ text: d.code, subject: /^(Đã nhận tài liệu bổ sung cho hồ sơ|Additional documents received for application) / });
  expect(mail.subject).toMatch(new RegExp(`^(Đã nhận tài liệu bổ sung cho hồ sơ ${d.code}: Xác nhận kết quả thi hành án|Additional documents received for application ${d.code}: Confirm the enforcement result)$`));
  expect(mail.text).toMatch(new RegExp(`(đã nhận tài liệu bổ sung của ông/bà cho hồ sơ|received the additional documents you sent for application) ${d.code}\\.`));
  expect(mail.text).not.toContain(d.pin);
});

test('without JavaScript, at 375 px: look-up, the dossier page, its result and a refresh', async ({ browser }) => {
  const d = demo('result_ready', 'DCHV');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const page = await context.newPage();
  await track(page, '', '', 'en');
  await expect(page.getByRole('alert')).toContainText('Enter your dossier code');
  await track(page, d.code, d.pin, 'en');
  await expect(page).toHaveURL(new RegExp(`/en/track/${d.code}$`));
  await expect(page.getByTestId('tracked-status')).toHaveText('Result ready');
  await expect(page.getByTestId('results')).toContainText('Result document: ket-qua-dchv.pdf');
  expect((await page.reload())?.status()).toBe(200);
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await context.close();
});

test('the dossier page is only for the browser that entered the PIN', async ({ page, browser }) => {
  const d = demo('returned', 'MGCPCC');
  await track(page, d.code, d.pin);
  const fileHref = await page.getByTestId('results').getByRole('link').first().getAttribute('href');
  expect(fileHref).toMatch(new RegExp(`^/tra-cuu-ho-so/${d.code}/tep/\\d+$`));
  const stranger = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const other = await stranger.newPage();
  for (const path of [`/tra-cuu-ho-so/${d.code}`, fileHref!, `/tra-cuu-ho-so/${d.code}/van-ban/tiep-nhan`, `/tra-cuu-ho-so/${d.code}/bien-nhan`]) {
    const response = await other.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(303);
    expect(response.headers()['location'], path).toBe(`/tra-cuu-ho-so?code=${d.code}`);
  }
  // Sent to the form, the code is filled in; only the PIN is asked again.
  await other.goto(`/tra-cuu-ho-so/${d.code}`);
  await expect(other.locator('#f-code-input')).toHaveValue(d.code);
  // A cookie for one dossier opens no other.
  const mine = demo('result_ready', 'DCHV');
  const response = await page.request.get(`/tra-cuu-ho-so/${mine.code}`, { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  await stranger.close();
});

test('a returned dossier: the result and each notice download, labelled as what they are (both languages)', async ({ page }) => {
  const d = demo('returned', 'MGCPCC');
  await track(page, d.code, d.pin);
  await expect(page.getByTestId('tracked-status')).toHaveText('Đã trả kết quả');
  const results = page.getByTestId('results');
  await expect(results).toContainText('Văn bản kết quả giải quyết: ket-qua-mgcpcc.pdf');
  // The result is the agency's: not listed again as something the citizen sent.
  await expect(page.getByRole('link', { name: /ket-qua-mgcpcc\.pdf/ })).toHaveCount(1);
  await expect(page.getByText('Bản chính kết quả được trả tại bộ phận tiếp nhận và trả kết quả')).toBeVisible();
  const download = page.waitForEvent('download');
  await results.getByRole('link').first().click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ket-qua-mgcpcc.pdf');
  expect(fs.readFileSync((await file.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(page.getByTestId('notices')).toHaveText(/Giấy tiếp nhận hồ sơ và hẹn trả kết quả\s*\(Mẫu số 01\)/);
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  await page.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  await expect(page.getByTestId('printed-code')).toHaveText(d.code);
  await expect(page.getByTestId('printed-due')).toHaveText(/^\d{2}\/\d{2}\/2026$/);
  await expect(page.getByRole('button', { name: 'In văn bản' })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  // The same notice in English, marked as a translation of the official Vietnamese one.
  await page.goto(`/en/track/${d.code}/notice/tiep-nhan`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt and appointment for the result');
  await expect(page.getByText('the notice in Vietnamese is the official one')).toBeVisible();
  // The agency keeps its official Vietnamese name beside the English one.
  await expect(page.locator('.sheet__agency')).toContainText('(Thi hành án dân sự');
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  await page.goto(`/en/track/${d.code}`);
  await expect(page.getByTestId('tracked-status')).toHaveText('Result returned');
  await expect(page.getByTestId('results')).toContainText('Result document: ket-qua-mgcpcc.pdf');
  // A notice never issued on this dossier is not there.
  expect((await page.request.get(`/tra-cuu-ho-so/${d.code}/van-ban/tu-choi`)).status()).toBe(404);
});

test('a refused dossier: the refusal notice, with its reasons', async ({ page }) => {
  const d = demo('refused', 'XNKQ');
  await track(page, d.code, d.pin);
  await page.getByRole('link', { name: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
  await expect(page.locator('.summary-list .pre-line')).not.toBeEmpty();
});

test('a draft waiting for the head is not shown to the citizen', async ({ page }) => {
  const d = demo('awaiting_approval', 'MGCPCC');
  await track(page, d.code, d.pin, 'en');
  await expect(page.getByTestId('tracked-status')).toHaveText('Waiting for the head of the agency to sign');
  await expect(page.getByTestId('results')).toHaveCount(0);
  await expect(page.getByText('ket-qua-mgcpcc.pdf')).toHaveCount(0);
  await expect(page.getByText('Draft result sent to the head')).toHaveCount(0);
});

test('the receipt is printed again from the tracking page, without the PIN', async ({ page }) => {
  const d = demo('received', 'MGPTHA');
  await track(page, d.code, d.pin);
  await page.getByRole('link', { name: 'In lại giấy biên nhận hồ sơ' }).click();
  await expect(page).toHaveURL(new RegExp(`/tra-cuu-ho-so/${d.code}/bien-nhan$`));
  await expect(page.getByTestId('receipt-code')).toHaveText(d.code);
  await expect(page.getByText('Mã PIN không được in lại')).toBeVisible();
  await expect(page.getByText(d.pin)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'In văn bản' })).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  // The submission receipt without the browser that submitted: sent to tracking, told how to reprint.
  const procedure = oneStopProcedures.find((p) => p.code === 'MGPTHA')!;
  await page.context().clearCookies();
  await page.goto(`/nop-ho-so/${procedure.slug.vi}/bien-nhan`);
  await expect(page).toHaveURL(/\/tra-cuu-ho-so\?lydo=bien-nhan$/);
  await expect(page.getByRole('status')).toContainText('Để in lại, hãy tra cứu hồ sơ bằng mã hồ sơ và mã PIN');
});

test('a dossier not yet received can be withdrawn, after confirming', async ({ page }) => {
  const d = demo('submitted', 'MGPTHA');
  await track(page, d.code, d.pin);
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByRole('alert')).toContainText('Hãy đánh dấu ô xác nhận');
  await page.getByLabel('Tôi muốn rút hồ sơ này').check();
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByRole('status')).toContainText('Đã rút hồ sơ');
  await expect(page.getByTestId('tracked-status')).toHaveText('Đã rút hồ sơ');
  await expect(page.getByRole('button', { name: 'Rút hồ sơ' })).toHaveCount(0);
  expect((await page.reload())?.status()).toBe(200);
});

test('a received dossier shows its result date and cannot be withdrawn (in English)', async ({ page }) => {
  const d = demo('received', 'YCTHA');
  await track(page, d.code, d.pin, 'en');
  await expect(page).toHaveURL(new RegExp(`/en/track/${d.code}$`));
  await expect(page.getByTestId('tracked-status')).toHaveText('Received');
  await expect(page.getByText(/\d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Withdraw application' })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
});

test('tracking errors say what is wrong: empty fields, a mistyped code, a malformed PIN; only a wrong PIN is generic', async ({ page }) => {
  const d = demo('received', 'YCTHA');
  const wrongPin = d.pin === '000000' ? '111111' : '000000';
  // The last symbol is the check character: any other symbol there is a typo no dossier can have.
  const mistyped = d.code.slice(0, -1) + (d.code.endsWith('A') ? 'B' : 'A');
  const cases: { code: string; pin: string; status: number; messages: string[]; kept: string }[] = [
    { code: '', pin: '', status: 400, messages: ['Nhập mã hồ sơ', 'Nhập mã PIN'], kept: '' },
    { code: mistyped, pin: d.pin, status: 400, messages: ['Mã hồ sơ không đúng, có thể do gõ nhầm một ký tự.'], kept: mistyped },
    { code: 'not a code', pin: '12', status: 400, messages: ['Mã hồ sơ không đúng', 'Mã PIN gồm đúng 6 chữ số'], kept: 'not a code' },
    { code: d.code, pin: '', status: 400, messages: ['Nhập mã PIN'], kept: d.code },
    { code: d.code, pin: wrongPin, status: 404, messages: ['Không tìm thấy hồ sơ với mã hồ sơ và mã PIN này'], kept: d.code },
  ];
  for (const c of cases) {
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await track(page, c.code, c.pin);
    expect((await response).status(), c.code).toBe(c.status);
    const summary = page.getByRole('alert');
    for (const m of c.messages) await expect(summary).toContainText(m);
    await expect(summary.getByRole('listitem')).toHaveCount(c.messages.length);
    await expect(page.locator('#f-code-input')).toHaveValue(c.kept);
  }
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  // In English too.
  await track(page, '', '', 'en');
  await expect(page.getByRole('alert')).toContainText('Enter your dossier code');
  await expect(page.getByRole('alert')).toContainText('Enter your PIN');

  // 20 look-ups per 10 minutes per address: the next ones are refused with 429. Typos are not look-ups. Each guess
  // is at another well-formed code no dossier has, so the count per code (five) does not answer first.
  const ip = clientIp();
  const post = (code: string, pin: string) =>
    page.request.post('/tra-cuu-ho-so?_action=trackDossier', { form: { code, pin }, headers: { Origin: new URL(page.url()).origin, 'X-Forwarded-For': ip } });
  for (let i = 0; i < 25; i++) expect((await post(mistyped, d.pin)).status()).toBe(400);
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) statuses.push((await post(generateDossierCode(98, '2026-11-02'), wrongPin)).status());
  expect(statuses).toEqual([...Array<number>(20).fill(404), 429]);
});

test('five wrong PINs from five addresses lock the code, even against the right PIN, and the applicant is told once', async ({ page }, info) => {
  const procedure = oneStopProcedures.find((p) => p.code === 'YCTHA')!;
  await page.goto(`/nop-ho-so/${procedure.slug.vi}`);
  await fillExample(page, procedure, 'vi', { agency: 'HNI' });
  await page.locator('#f-file_judgmentCopy-input').setInputFiles(pdfFile(info.outputPath('f'), 'ban-an.pdf'));
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  const pin = (await page.getByTestId('dossier-pin').textContent())!.trim();
  const wrongPin = pin === '000000' ? '111111' : '000000';
  // Every look-up from a new address: the per-address limit never applies.
  const lookUp = async (pinTyped: string, locale: 'vi' | 'en' = 'vi', codeTyped = code) => {
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await track(page, codeTyped, pinTyped, locale);
    return response;
  };
  for (let i = 0; i < 4; i++) expect((await lookUp(wrongPin)).status()).toBe(404);
  const fifth = await lookUp(wrongPin);
  expect(fifth.status()).toBe(429);
  expect(Number(fifth.headers()['retry-after'])).toBeGreaterThan(14 * 60);
  const locked = /^Mã hồ sơ này đang tạm khóa tra cứu vì mã PIN bị nhập sai nhiều lần\. Hãy thử lại sau \d{2}:\d{2}, \d{2}\/\d{2}\/\d{4} \(giờ Việt Nam\)/;
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(locked);
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);

  // The right PIN, from yet another address, is refused while the lock lasts.
  expect((await lookUp(pin)).status()).toBe(429);
  await expect(page).not.toHaveURL(new RegExp(`/tra-cuu-ho-so/${code}`));
  await expect(page.getByRole('alert')).toContainText('kể cả mã PIN đúng cũng không mở được hồ sơ');
  expect((await lookUp(pin, 'en')).status()).toBe(429);
  await expect(page.getByRole('alert')).toContainText('Tracking with this dossier code is locked for a while because a wrong PIN was entered several times.');

  // A code no dossier has locks with the very same words.
  const unknown = generateDossierCode(97, '2026-11-02');
  for (let i = 0; i < 4; i++) expect((await lookUp(wrongPin, 'vi', unknown)).status()).toBe(404);
  expect((await lookUp(wrongPin, 'vi', unknown)).status()).toBe(429);
  await expect(page.getByRole('alert').getByRole('listitem')).toHaveText(locked);

  const mail = await waitForMail({ text: code, subject: `Tạm khóa tra cứu hồ sơ ${code}: ${procedure.name.vi}` });
  expect(mail.text).toContain('kể cả mã PIN đúng cũng không mở được hồ sơ');
  expect(mail.text).not.toContain(pin);
  expect(await mailsMatching({ text: code, subject: /^Tạm khóa/ })).toHaveLength(1);
});

test('the receipt prints to an A4 PDF with the code and a QR code', async ({ page, browser }, info) => {
  const procedure = oneStopProcedures.find((p) => p.code === 'XNKQ')!;
  await page.goto(`/nop-ho-so/${procedure.slug.vi}`);
  await fillExample(page, procedure, 'vi');
  for (const doc of procedure.documents.filter((x) => x.required && x.id !== 'application')) {
    await page.locator(`#f-file_${doc.id}-input`).setInputFiles(pdfFile(info.outputPath('f'), `${doc.id}.pdf`));
  }
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  await page.getByRole('link', { name: 'In giấy biên nhận' }).click();
  await expect(page.getByTestId('receipt-code')).toHaveText(code);
  await expect(page.locator('.qr svg')).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5_000);
  fs.writeFileSync(info.outputPath('receipt.pdf'), pdf);
  void browser;
});

test('hostile input gets a 4xx and a message, never a 500', async ({ page, request }) => {
  const origin = 'http://127.0.0.1:' + (process.env.E2E_PORT ?? '4399');
  const headers = { Origin: origin, 'X-Forwarded-For': clientIp() };
  const form = await request.post('/nop-ho-so/yeu-cau-thi-hanh-an?_action=saveApplication', {
    headers,
    multipart: { procedure: 'YCTHA', fullName: 'x'.repeat(100_000), cccd: '<script>alert(1)</script>', dateOfBirth: '2099-13-45', agency: "'; drop table dossiers; --" },
  });
  expect(form.status()).toBe(400);
  expect(await form.text()).toContain('Có lỗi cần sửa');
  const unknownProcedure = await request.post('/nop-ho-so/yeu-cau-thi-hanh-an?_action=saveApplication', { headers, form: { procedure: 'NOPE' } });
  expect(unknownProcedure.status()).toBe(400);
  const notForm = await request.post('/nop-ho-so/yeu-cau-thi-hanh-an?_action=saveApplication', { data: '{"a":1}', headers: { ...headers, 'Content-Type': 'application/json' } });
  expect(notForm.status()).toBe(400);
  const forged = await request.post('/nop-ho-so/yeu-cau-thi-hanh-an/kiem-tra?_action=submitApplication', { headers, form: { procedure: 'YCTHA', draft: 'A'.repeat(43) }, maxRedirects: 0 });
  expect([303, 400]).toContain(forged.status());
  const huge = await request.post('/nop-ho-so/yeu-cau-thi-hanh-an?_action=saveApplication', {
    headers,
    multipart: { procedure: 'YCTHA', file_judgmentCopy: { name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(60 * 1024 * 1024) } },
  });
  expect(huge.status()).toBe(413);
  expect(await huge.text()).toContain('quá lớn');
  await page.goto('/tra-cuu-ho-so?code=%3Cscript%3Ealert(1)%3C/script%3E');
  await expect(page.locator('#f-code-input')).toHaveValue('<script>alert(1)</script>');
});
