import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config.ts';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import type { Locale } from '../../src/server/catalog/types.ts';
import { pathTo } from '../../src/server/routes.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CODE = /^\d{2}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// axe needs the page's event loop (its timers never fire with JavaScript off), so the runs with JavaScript check
// it: the server renders the same HTML for both. Which run checks is fixed here, not decided while a test runs.
const runs = [
  { javaScriptEnabled: true, axe: expectAxeClean },
  { javaScriptEnabled: false, axe: async (_page: Page) => {} },
];

/** The element that has focus, by id. */
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

// The procedures whose example gives an e-mail address (the others check the "no e-mail" confirmation).
const WITH_EMAIL = ['YCTHA', 'DCHV', 'DCDS'];

const words = {
  vi: { start: 'Nộp hồ sơ trực tuyến', continue: 'Tiếp tục', submit: 'Xác nhận và gửi hồ sơ', error: 'Lỗi: ', sent: 'Đã gửi hồ sơ', track: 'Tra cứu', status: 'Mới nộp, chờ tiếp nhận', fullName: 'Nhập họ và tên', noEmail: 'Bạn không khai thư điện tử' },
  en: { start: 'Apply online', continue: 'Continue', submit: 'Accept and send', error: 'Error: ', sent: 'Application sent', track: 'Track', status: 'Submitted, waiting to be received', fullName: 'Enter your full name', noEmail: 'You did not give an email address' },
} as const;

for (const { javaScriptEnabled, axe } of runs) {
  test.describe(`apply ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    // The summary focuses itself (autofocus, no script), and a link shows the whole question, not just its input.
    for (const locale of ['vi', 'en'] as Locale[]) {
      test(`the error summary takes focus and its links show the question (${locale})`, async ({ page }) => {
        await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
        // Narrow without JavaScript, where a cut-off label hurts most; desktop with it.
        if (!javaScriptEnabled) await page.setViewportSize({ width: 375, height: 667 });
        const procedure = oneStopProcedures[0]!;
        const messages = {
          vi: { requestedItems: 'Nhập nội dung yêu cầu thi hành án', applicantRole: 'Chọn tư cách của bạn trong vụ việc' },
          en: { requestedItems: 'Enter what you ask to be enforced', applicantRole: 'Select your role in the case' },
        }[locale];
        await page.goto(pathTo('apply', locale, procedure.slug[locale]));
        await page.getByRole('button', { name: words[locale].continue, exact: true }).last().click();
        const summary = page.getByRole('alert');
        await expect(summary).toBeVisible();
        expect(await focusedId(page)).toBe('error-summary');

        // Far down the form, so following the link scrolls: the label and message show above the box.
        await summary.getByRole('link', { name: messages.requestedItems, exact: true }).click();
        await expect(page.locator('#f-requestedItems label')).toBeInViewport({ ratio: 1 });
        await expect(page.locator('#f-requestedItems-error')).toBeInViewport({ ratio: 1 });
        await expect(page.locator('#f-requestedItems-input')).toBeInViewport();
        // The keyboard goes on into the box.
        await page.keyboard.press('Tab');
        await expect(page.locator('#f-requestedItems-input')).toBeFocused();

        // A question with options: its legend shows, and Tab reaches the first option.
        await summary.getByRole('link', { name: messages.applicantRole, exact: true }).click();
        await expect(page.locator('#f-applicantRole legend')).toBeInViewport({ ratio: 1 });
        await page.keyboard.press('Tab');
        await expect(page.locator('#f-applicantRole-input')).toBeFocused();
      });
    }

    for (const locale of ['vi', 'en'] as Locale[]) {
      for (const procedure of oneStopProcedures) {
        test(`${procedure.code} in ${locale}`, async ({ page }, testInfo) => {
          // A whole journey (five axe runs, an e-mail, tracking): more than the default 30 s on a busy 2-core machine.
          test.slow();
          await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
          const w = words[locale];
          await page.goto(pathTo('procedure', locale, procedure.slug[locale]));
          await page.getByRole('link', { name: w.start }).click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure.name[locale]);
          await axe(page);

          // An empty form: errors summarised at the top, each linked to its field, title prefixed.
          await page.getByRole('button', { name: w.continue, exact: true }).last().click();
          await expect(page).toHaveTitle(new RegExp(`^${w.error}`));
          const summary = page.getByRole('alert');
          await expect(summary).toBeVisible();
          const required = procedure.fields.filter((f) => f.required && !f.showIf);
          await expect(summary.getByRole('link')).toHaveCount(required.length + procedure.documents.filter((d) => d.required && d.id !== 'application').length);
          for (const field of required) await expect(summary.locator(`a[href="#f-${field.name}"]`)).toHaveCount(1);
          // Each field's own message, the same in the summary and under the field.
          await expect(summary.getByRole('link', { name: w.fullName, exact: true })).toHaveCount(1);
          await expect(page.locator('#f-fullName-error')).toHaveText(`${w.error.trim()} ${w.fullName}`);
          await axe(page);

          // The real answers, with a document attached to every required document input.
          await fillExample(page, procedure, locale);
          for (const doc of procedure.documents.filter((d) => d.required && d.id !== 'application')) {
            await page.locator(`#f-file_${doc.id}-input`).setInputFiles(pdfFile(testInfo.outputPath('files'), `${doc.id}.pdf`));
          }
          await page.getByRole('button', { name: w.continue, exact: true }).last().click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'vi' ? 'Kiểm tra thông tin trước khi gửi' : 'Check your answers before sending your application');
          await expect(page.getByText(String(procedure.example.fullName)).first()).toBeVisible();
          await axe(page);

          // What "send" posts, to post it again after the dossier exists.
          const form = page.locator('form', { has: page.getByRole('button', { name: w.submit }) });
          const checkAction = new URL((await form.getAttribute('action'))!, page.url()).href;
          const resend = Object.fromEntries(
            await form.locator('input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
          );
          await page.getByRole('button', { name: w.submit }).click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.sent);
          const confirmation = page.url();
          const code = (await page.getByTestId('dossier-code').textContent())!.trim();
          const pin = (await page.getByTestId('dossier-pin').textContent())!.trim();
          expect(code).toMatch(CODE);
          expect(pin).toMatch(/^\d{6}$/);
          await axe(page);

          // Refresh, "back" and sending the check page's form again never make a second dossier, and never show the
          // PIN again: it was shown once.
          await page.reload();
          await expect(page.getByTestId('dossier-code')).toHaveText(code);
          await expect(page.getByTestId('dossier-pin')).toHaveCount(0);
          await expect(page.getByTestId('pin-shown-once')).toHaveText(
            WITH_EMAIL.includes(procedure.code)
              ? locale === 'vi'
                ? 'Mã PIN chỉ hiển thị một lần, ngay sau khi nộp, và đã được gửi trong thư điện tử xác nhận. Trang này không hiển thị lại mã PIN.'
                : 'The PIN is shown only once, right after you apply, and was sent in the confirmation email. This page does not show it again.'
              : locale === 'vi'
                ? 'Mã PIN chỉ hiển thị một lần, ngay sau khi nộp. Trang này không hiển thị lại mã PIN.'
                : 'The PIN is shown only once, right after you apply. This page does not show it again.',
          );
          expect(await page.content()).not.toContain(pin);
          await axe(page);
          await page.goBack();
          await expect(page).toHaveURL(confirmation);
          await expect(page.getByTestId('dossier-code')).toHaveText(code);
          const again = await page.request.post(checkAction, { form: resend, headers: { Origin: baseURL }, maxRedirects: 0 });
          expect(again.status()).toBe(303);
          expect(new URL(again.headers().location!, baseURL).pathname).toBe(new URL(confirmation).pathname);
          await page.goto(confirmation);
          await expect(page.getByTestId('dossier-code')).toHaveText(code);
          await expect(page.getByTestId('dossier-pin')).toHaveCount(0);

          // The confirmation e-mail reaches the SMTP server, in the citizen's language, with the code and PIN.
          expect(Boolean(procedure.example.email)).toBe(WITH_EMAIL.includes(procedure.code));
          if (WITH_EMAIL.includes(procedure.code)) {
            const subject = locale === 'vi' ? `Đã nhận hồ sơ ${code}: ${procedure.name.vi}` : `Application ${code} received: ${procedure.name.en}`;
            const mail = await waitForMail({ text: code, subject });
            expect(mail.text).toContain(pin);
          } else {
            await expect(page.getByText(w.noEmail)).toBeVisible();
          }

          // The receipt never shows the PIN.
          await page.locator('p.no-print a.button').first().click();
          await expect(page.getByTestId('receipt-code')).toHaveText(code);
          expect(await page.content()).not.toContain(pin);

          // Tracking with the code and PIN.
          await page.goto(pathTo('track', locale));
          await page.getByLabel(locale === 'vi' ? 'Mã hồ sơ' : 'Dossier code').fill(code.toLowerCase());
          await page.getByLabel('PIN', { exact: false }).fill(pin);
          await page.getByRole('button', { name: w.track, exact: true }).click();
          await expect(page.getByTestId('tracked-code')).toHaveText(code);
          await expect(page.getByTestId('tracked-status')).toHaveText(w.status);
          await axe(page);
        });
      }
    }
  });
}

test('a link cannot fill in the e-mail address or any other answer; the public list’s correction link fills in its entry', async ({ page }) => {
  const yctha = oneStopProcedures.find((p) => p.code === 'YCTHA')!;
  await page.goto(`/nop-ho-so/${yctha.slug.vi}?email=attacker@example.com&fullName=X&phone=0999999999&agency=HNI`);
  await expect(page.locator('#f-email-input')).toHaveValue('');
  await expect(page.locator('#f-fullName-input')).toHaveValue('');
  await expect(page.locator('#f-phone-input')).toHaveValue('');
  await expect(page.locator('#f-agency-input')).toHaveValue('');
  await expect(page.getByText('attacker@example.com')).toHaveCount(0);

  const dcds = oneStopProcedures.find((p) => p.code === 'DCDS')!;
  await page.goto(`/en/apply/${dcds.slug.en}?registryEntry=4217&agency=HNI&email=attacker@example.com&fullName=X`);
  await expect(page.locator('#f-registryEntry-input')).toHaveValue('4217');
  await expect(page.locator('#f-agency-input')).toHaveValue('HNI');
  await expect(page.locator('#f-email-input')).toHaveValue('');
  await expect(page.locator('#f-fullName-input')).toHaveValue('');
});
