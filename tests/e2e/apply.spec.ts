import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { oneStopProcedures } from '../../src/server/catalog/index.ts';
import type { Locale } from '../../src/server/catalog/types.ts';
import { pathTo } from '../../src/server/routes.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CODE = /^\d{2}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

async function expectAxeClean(page: Page, javaScriptEnabled: boolean) {
  // axe runs as a script in the page, so it checks the runs with JavaScript; those render the same HTML.
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const words = {
  vi: { start: 'Nộp hồ sơ trực tuyến', continue: 'Tiếp tục', submit: 'Xác nhận và gửi hồ sơ', error: 'Lỗi: ', sent: 'Đã gửi hồ sơ', track: 'Tra cứu', status: 'Mới nộp, chờ tiếp nhận' },
  en: { start: 'Apply online', continue: 'Continue', submit: 'Accept and send', error: 'Error: ', sent: 'Application sent', track: 'Track', status: 'Submitted, waiting to be received' },
} as const;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`apply ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    for (const locale of ['vi', 'en'] as Locale[]) {
      for (const procedure of oneStopProcedures) {
        test(`${procedure.code} in ${locale}`, async ({ page }, testInfo) => {
          await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
          const w = words[locale];
          await page.goto(pathTo('procedure', locale, procedure.slug[locale]));
          await page.getByRole('link', { name: w.start }).click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure.name[locale]);
          await expectAxeClean(page, javaScriptEnabled);

          // An empty form: errors summarised at the top, each linked to its field, title prefixed.
          await page.getByRole('button', { name: w.continue, exact: true }).last().click();
          await expect(page).toHaveTitle(new RegExp(`^${w.error}`));
          const summary = page.getByRole('alert');
          await expect(summary).toBeVisible();
          const required = procedure.fields.filter((f) => f.required && !f.showIf);
          for (const field of required) await expect(summary.locator(`a[href="#f-${field.name}-input"]`)).toHaveCount(1);
          await expectAxeClean(page, javaScriptEnabled);

          // The real answers, with a document attached to every required document input.
          await fillExample(page, procedure, locale);
          for (const doc of procedure.documents.filter((d) => d.required && d.id !== 'application')) {
            await page.locator(`#f-file_${doc.id}-input`).setInputFiles(pdfFile(testInfo.outputPath('files'), `${doc.id}.pdf`));
          }
          await page.getByRole('button', { name: w.continue, exact: true }).last().click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'vi' ? 'Kiểm tra thông tin trước khi gửi' : 'Check your answers before sending your application');
          await expect(page.getByText(String(procedure.example.fullName)).first()).toBeVisible();
          await expectAxeClean(page, javaScriptEnabled);

          await page.getByRole('button', { name: w.submit }).click();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.sent);
          const code = (await page.getByTestId('dossier-code').textContent())!.trim();
          const pin = (await page.getByTestId('dossier-pin').textContent())!.trim();
          expect(code).toMatch(CODE);
          expect(pin).toMatch(/^\d{6}$/);
          await expectAxeClean(page, javaScriptEnabled);

          // Refresh and "back, submit again" never make a second dossier.
          await page.reload();
          await expect(page.getByTestId('dossier-code')).toHaveText(code);
          await page.goBack();
          const again = page.getByRole('button', { name: w.submit });
          if (await again.isVisible()) await again.click();
          await expect(page.getByTestId('dossier-code')).toHaveText(code);

          // The confirmation e-mail reaches the SMTP server, in the citizen's language, with the code and PIN.
          if (procedure.example.email) {
            const subject = locale === 'vi' ? `Đã nhận hồ sơ ${code}: ${procedure.name.vi}` : `Application ${code} received: ${procedure.name.en}`;
            const mail = await waitForMail({ text: code, subject });
            expect(mail.text).toContain(pin);
          }

          // Tracking with the code and PIN.
          await page.goto(pathTo('track', locale));
          await page.getByLabel(locale === 'vi' ? 'Mã hồ sơ' : 'Dossier code').fill(code.toLowerCase());
          await page.getByLabel('PIN', { exact: false }).fill(pin);
          await page.getByRole('button', { name: w.track, exact: true }).click();
          await expect(page.getByTestId('tracked-code')).toHaveText(code);
          await expect(page.getByTestId('tracked-status')).toHaveText(w.status);
          await expectAxeClean(page, javaScriptEnabled);
        });
      }
    }
  });
}
