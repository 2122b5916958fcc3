import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DemoDossier } from '../../db/seed/demo.ts';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';

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

test('the citizen sends the documents asked for, and the dossier goes back to reception', async ({ page }, info) => {
  const d = demo('awaiting_supplement', 'YCTHA');
  await track(page, d.code, d.pin);
  await expect(page.getByTestId('tracked-status')).toHaveText('Yêu cầu bổ sung');
  await expect(page.getByText('Đề nghị bổ sung bản sao bản án có chứng thực').first()).toBeVisible();
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);

  // Nothing chosen: a clear error, nothing changes.
  await page.getByRole('button', { name: 'Gửi tài liệu bổ sung' }).click();
  await expect(page.getByRole('alert')).toContainText('Hãy đính kèm giấy tờ này');
  await expect(page.getByTestId('tracked-status')).toHaveText('Yêu cầu bổ sung');

  await page.locator('#f-files-input').setInputFiles(pdfFile(info.outputPath('f'), 'ban-an-chung-thuc.pdf'));
  await page.locator('#f-note-input').fill('Bản sao có chứng thực, đủ 4 trang.');
  await page.getByRole('button', { name: 'Gửi tài liệu bổ sung' }).click();
  await expect(page.getByRole('status')).toContainText('Đã gửi tài liệu bổ sung');
  await expect(page.getByTestId('tracked-status')).toHaveText('Mới nộp, chờ tiếp nhận');
  await expect(page.getByText('ban-an-chung-thuc.pdf')).toBeVisible();
  await expect(page.getByText('Bản sao có chứng thực, đủ 4 trang.')).toBeVisible();
  // The mail speaks the language the dossier was submitted in (the demo seed submits some in English).
  const mail = await waitForMail({ text: d.code, subject: /^(Đã nhận tài liệu bổ sung cho hồ sơ|Additional documents received for application) / });
  expect(mail.subject).toMatch(new RegExp(`^(Đã nhận tài liệu bổ sung cho hồ sơ ${d.code}: Yêu cầu thi hành án|Additional documents received for application ${d.code}: Request enforcement of a judgment)$`));
  expect(mail.text).toMatch(new RegExp(`(đã nhận tài liệu bổ sung của ông/bà cho hồ sơ|received the additional documents you sent for application) ${d.code}\\.`));
  expect(mail.text).not.toContain(d.pin);
});

test('a dossier not yet received can be withdrawn, after confirming', async ({ page }) => {
  const d = demo('submitted', 'MGCPCC');
  await track(page, d.code, d.pin);
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByRole('alert')).toContainText('Hãy đánh dấu ô xác nhận');
  await page.getByLabel('Tôi muốn rút hồ sơ này').check();
  await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
  await expect(page.getByTestId('tracked-status')).toHaveText('Đã rút hồ sơ');
  await expect(page.getByRole('button', { name: 'Rút hồ sơ' })).toHaveCount(0);
});

test('a received dossier shows its result date and cannot be withdrawn (in English)', async ({ page }) => {
  const d = demo('received');
  await track(page, d.code, d.pin, 'en');
  await expect(page.getByTestId('tracked-status')).toHaveText('Received');
  await expect(page.getByText(/\d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Withdraw application' })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).withTags(WCAG).analyze()).violations).toEqual([]);
});

test('a wrong PIN, an unknown code and a mistyped code get the same message; look-ups are rate-limited', async ({ page }) => {
  const d = demo('received');
  const wrongPin = d.pin === '000000' ? '111111' : '000000';
  const mistyped = d.code.slice(0, -1) + (d.code.endsWith('A') ? 'B' : 'A');
  const messages: string[] = [];
  for (const [code, pin] of [[d.code, wrongPin], [mistyped, d.pin], ['not a code', d.pin]] as const) {
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await track(page, code, pin);
    expect((await response).status()).toBe(404);
    messages.push((await page.getByRole('alert').textContent()) ?? '');
  }
  expect(new Set(messages).size).toBe(1);
  expect(messages[0]).toContain('Không tìm thấy hồ sơ');
  // 20 look-ups per 10 minutes per address: the next ones are refused with 429.
  const ip = clientIp();
  let status = 0;
  for (let i = 0; i < 25 && status !== 429; i++) {
    const r = await page.request.post('/tra-cuu-ho-so?_action=trackDossier', {
      form: { code: d.code, pin: wrongPin },
      headers: { Origin: new URL(page.url()).origin, 'X-Forwarded-For': ip },
    });
    status = r.status();
  }
  expect(status).toBe(429);
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
