import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import type { Locale } from '../../src/server/catalog/types.ts';
import { pathTo } from '../../src/server/routes.ts';
import { fillExample, pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';
import { signInAs } from './staff.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const words = {
  vi: {
    complain: 'Gửi đơn khiếu nại trực tuyến',
    report: 'Gửi đơn tố cáo trực tuyến',
    continue: 'Tiếp tục',
    sendComplaint: 'Xác nhận và gửi đơn khiếu nại',
    sendReport: 'Xác nhận và gửi đơn tố cáo',
    complaintSent: 'Đã gửi đơn khiếu nại',
    reportSent: 'Đã gửi đơn tố cáo',
    complaintReceipt: 'Giấy xác nhận đã nhận đơn khiếu nại',
    reportReceipt: 'Giấy xác nhận đã nhận đơn tố cáo',
    print: 'In giấy biên nhận',
    until: (d: string) => `Bạn có thể khiếu nại đến hết ngày ${d}.`,
    lateHeading: 'Đơn khiếu nại này đã quá thời hiệu',
    checkComplaint: 'Kiểm tra đơn khiếu nại trước khi gửi',
    checkReport: 'Kiểm tra đơn tố cáo trước khi gửi',
  },
  en: {
    complain: 'Complain online',
    report: 'Report online',
    continue: 'Continue',
    sendComplaint: 'Confirm and send your complaint',
    sendReport: 'Confirm and send your denunciation',
    complaintSent: 'Complaint sent',
    reportSent: 'Denunciation sent',
    complaintReceipt: 'Acknowledgement of receipt of a complaint',
    reportReceipt: 'Acknowledgement of receipt of a denunciation',
    print: 'Print your receipt',
    until: (d: string) => `You may complain until ${d}.`,
    lateHeading: 'This complaint is past the time allowed',
    checkComplaint: 'Check your complaint before sending it',
    checkReport: 'Check your denunciation before sending it',
  },
} as const;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`complaints and denunciations ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    const axe = javaScriptEnabled ? expectAxeClean : async (_page: Page) => {};

    for (const locale of ['vi', 'en'] as Locale[]) {
      const w = words[locale];

      test(`a complaint, its last day, the late flag and its receipt (${locale})`, async ({ page }, testInfo) => {
        test.slow();
        await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
        if (!javaScriptEnabled) await page.setViewportSize({ width: 375, height: 667 });
        // Islands must run under the strict CSP: any refusal shows in the console.
        const cspErrors: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
        });
        page.on('pageerror', (e) => cspErrors.push(e.message));

        await page.goto(pathTo('procedure', locale, KN.slug[locale]));
        await page.getByRole('link', { name: w.complain }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(KN.name[locale]);
        await fillExample(page, KN, locale);
        const deadline = page.getByTestId('complaint-deadline');
        if (javaScriptEnabled) {
          // Coercion learned on Thu 5 Nov 2026: + 30 days = Sat 5 Dec → Mon 7 Dec.
          await expect(deadline).toHaveAttribute('aria-live', 'polite');
          await expect(deadline).toContainText('07/12/2026');
          // Another security measure: + 10 days = Sun 15 Nov → Mon 16 Nov (past: the island says so).
          await page.locator('#f-subject input[value="otherSecurity"]').check();
          await expect(deadline).toContainText('16/11/2026');
          // A second complaint runs from the first decision: Wed 25 Nov + 15 = Thu 10 Dec.
          await page.locator('#f-round input[value="second"]').check();
          await page.locator('#f-firstDecisionNumber-input').fill('12/QĐ-CTHADS');
          await page.locator('#f-firstDecisionReceivedOn-input').fill('2026-11-25');
          await expect(deadline).toContainText('10/12/2026');
          await page.locator('#f-round input[value="first"]').check();
          await expect(deadline).toContainText('16/11/2026');
          await expectAxeClean(page);
        } else {
          await page.locator('#f-subject input[value="otherSecurity"]').check();
        }
        await page.locator('#f-forceMajeure input[value="yes"]').check();
        await page.locator('#f-forceMajeureWhat-input').fill(locale === 'vi' ? 'Tôi nằm viện từ 06/11 đến 30/11/2026' : 'I was in hospital from 6 to 30 November 2026');
        await page.locator('#f-file_decisionCopy-input').setInputFiles(pdfFile(testInfo.outputPath('files'), 'quyet-dinh.pdf'));
        await page.getByRole('button', { name: w.continue, exact: true }).last().click();

        // The check page states the last day in every case (here past it: still sent, the agency decides).
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.checkComplaint);
        const time = page.locator('#time-to-complain');
        await expect(time).toContainText('16/11/2026');
        await expect(time.getByRole('heading', { name: w.lateHeading })).toBeVisible();
        await axe(page);
        await page.getByRole('button', { name: w.sendComplaint }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.complaintSent);
        const code = (await page.getByTestId('dossier-code').textContent())!.trim();
        const pin = (await page.getByTestId('dossier-pin').textContent())!.trim();
        await axe(page);
        await page.getByRole('link', { name: w.print }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.complaintReceipt);
        await expect(page.getByTestId('receipt-code')).toHaveText(code);
        await axe(page);
        const mail = await waitForMail({ text: code });
        expect(mail.text).toContain(pin);
        expect(cspErrors).toEqual([]);
      });

      test(`the check page gives the last day of a complaint on time (${locale})`, async ({ page }) => {
        await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
        await page.goto(pathTo('apply', locale, KN.slug[locale]));
        // Learned on Tue 1 Dec 2026, an account freeze: 3 working days → Fri 4 Dec.
        await fillExample(page, KN, locale, { subject: 'accountFreeze', actDate: '2026-11-30', dateLearned: '2026-12-01' });
        if (javaScriptEnabled) await expect(page.getByTestId('complaint-deadline')).toContainText('04/12/2026');
        await page.getByRole('button', { name: w.continue, exact: true }).last().click();
        const time = page.locator('#time-to-complain');
        await expect(time).toContainText('04/12/2026');
        await axe(page);
      });

      test(`a denunciation, its confirmation and receipt (${locale})`, async ({ page }) => {
        test.slow();
        await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
        if (!javaScriptEnabled) await page.setViewportSize({ width: 375, height: 667 });
        await page.goto(pathTo('procedure', locale, TC.slug[locale]));
        await page.getByRole('link', { name: w.report }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(TC.name[locale]);
        await axe(page);
        await fillExample(page, TC, locale);
        await page.getByRole('button', { name: w.continue, exact: true }).last().click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.checkReport);
        await expect(page.getByText(String(TC.example.accusedName)).first()).toBeVisible();
        await axe(page);
        const form = page.locator('form', { has: page.getByRole('button', { name: w.sendReport }) });
        const action = new URL((await form.getAttribute('action'))!, page.url()).href;
        const resend = Object.fromEntries(
          await form.locator('input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
        );
        await page.getByRole('button', { name: w.sendReport }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.reportSent);
        const code = (await page.getByTestId('dossier-code').textContent())!.trim();
        // Sending the check page's form again makes no second dossier: back to the same confirmation.
        const again = await page.request.post(action, { form: resend, headers: { Origin: baseURL }, maxRedirects: 0 });
        expect(again.status()).toBe(303);
        await page.reload();
        await expect(page.getByTestId('dossier-code')).toHaveText(code);
        await axe(page);
        await page.getByRole('link', { name: w.print }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.reportReceipt);
        await axe(page);
      });
    }
  });
}

test('reception enters a complaint and a denunciation at the counter', async ({ page }) => {
  test.slow();
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  await signInAs(page, 'reception');
  for (const procedure of [KN, TC]) {
    await page.goto('/can-bo/tiep-nhan');
    await page.getByRole('link', { name: procedure.name.vi, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure.name.vi);
    // The counter takes petitions for its own agency (and its regional offices) only.
    await fillExample(page, procedure, 'vi', { agency: 'HNI' });
    await page.getByRole('button', { name: 'Tiếp tục', exact: true }).last().click();
    await page.getByRole('button', { name: procedure === KN ? words.vi.sendComplaint : words.vi.sendReport }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(procedure === KN ? words.vi.complaintSent : words.vi.reportSent);
    await expect(page.getByTestId('dossier-code')).toHaveText(/^\d{2}-\d{6}-[0-9A-Z]{6}$/);
    await expectAxeClean(page);
  }
});
