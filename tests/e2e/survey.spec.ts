import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { DemoDossier } from '../../db/seed/demo.ts';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

/** The demo's returned dossiers whose survey is open (db/seed/survey-demo.ts): one per test, so none shares a link. */
function openSurvey(n: 0 | 1 | 2): DemoDossier {
  const all = JSON.parse(fs.readFileSync('test-results/e2e-data/demo-dossiers.json', 'utf8')) as DemoDossier[];
  const found = all.filter((d) => d.surveyOpen)[n];
  if (!found) throw new Error(`no open demo survey number ${n}`);
  return found;
}

async function track(page: Page, d: DemoDossier, locale: 'vi' | 'en') {
  await page.goto(locale === 'vi' ? '/tra-cuu-ho-so' : '/en/track');
  await page.locator('#f-code-input').fill(d.code);
  await page.locator('#f-pin-input').fill(d.pin);
  await page.getByRole('button', { name: locale === 'vi' ? 'Tra cứu' : 'Track', exact: true }).click();
}

/** Answers every question a person would (by the legend and the label), helped by `helper`. */
async function answerAll(page: Page, choices: Record<string, string>, helper: string) {
  for (const [legend, label] of Object.entries(choices)) {
    await page.getByRole('group', { name: legend }).getByLabel(label, { exact: true }).check();
  }
  await page.getByRole('group', { name: /Có ai giúp|Did someone help/ }).getByLabel(helper, { exact: true }).check();
}

const vietnameseAnswers = {
  'Kết quả có được trả đúng hẹn không?': 'Có',
  'Ngoài cơ quan thi hành án này, ông/bà phải liên hệ thêm bao nhiêu cơ quan khác để hoàn thành hồ sơ?': 'Không lần nào',
  'Ông/bà phải đến hoặc liên hệ cơ quan bao nhiêu lần (ngoài lần nộp và lần nhận kết quả)?': '1 lần',
  'Thông tin công khai về thủ tục (giấy tờ, thời hạn, lệ phí) có chính xác, đầy đủ không?': 'Có',
  'Ông/bà hài lòng thế nào với thái độ, tinh thần phục vụ của cán bộ?': 'Rất hài lòng',
  'Ông/bà chỉ phải nộp phí, lệ phí theo quy định, không bị đòi thêm khoản nào khác?': 'Có',
  'Nhìn chung, ông/bà hài lòng thế nào với cách hồ sơ được tiếp nhận và giải quyết (thời gian, thủ tục, cán bộ)?': 'Hài lòng',
  'Ông/bà hài lòng thế nào với dịch vụ công trực tuyến (nộp hồ sơ, tra cứu, nhận thông báo)?': 'Bình thường',
  'Ông/bà hài lòng thế nào với kết quả giải quyết hồ sơ?': 'Không hài lòng',
};

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

test('a citizen whose result was returned answers once from the tracking page; the second try is refused politely', async ({ page }) => {
  test.slow();
  const d = openSurvey(0);
  await track(page, d, 'vi');
  await expect(page.getByTestId('tracked-status')).toHaveText('Đã trả kết quả');
  await expectAxeClean(page);
  await page.getByTestId('survey-link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đánh giá mức độ hài lòng');
  await expect(page.getByTestId('survey-channel')).toHaveText('Trực tuyến');
  const link = page.url();
  expect(link).toMatch(/\/khao-sat\/\d+\.\d+\.[A-Za-z0-9_-]{43}$/);
  await expectAxeClean(page);

  // Sent with only the outcome answered: the error summary names what is missing, nothing is used up.
  await page.getByRole('group', { name: 'Ông/bà hài lòng thế nào với kết quả giải quyết hồ sơ?' }).getByLabel('Hài lòng', { exact: true }).check();
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page).toHaveTitle(/^Lỗi: Đánh giá mức độ hài lòng/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Chọn mức độ hài lòng về thái độ của cán bộ');
  await expect(summary).toContainText('Chọn Có hoặc Không: trả kết quả đúng hẹn');
  await expect(summary).toContainText('Chọn có ai giúp ông/bà điền đơn, hồ sơ hay không');
  await expect(summary).not.toContainText('kết quả giải quyết');
  // The answer given is kept.
  await expect(page.getByRole('group', { name: 'Ông/bà hài lòng thế nào với kết quả giải quyết hồ sơ?' }).getByLabel('Hài lòng', { exact: true })).toBeChecked();
  await expectAxeClean(page);

  await answerAll(page, vietnameseAnswers, 'Có, người thân trong gia đình');
  await page.getByLabel('Ý kiến khác (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page).toHaveURL(/\/khao-sat\/cam-on$/);
  await expect(page.getByTestId('message-title')).toHaveText('Cảm ơn ông/bà đã đánh giá');
  await expectAxeClean(page);

  // The same link again: a polite refusal, and the tracking page no longer offers it.
  const again = await page.goto(link);
  expect(again?.status()).toBe(409);
  await expect(page.getByTestId('message-title')).toHaveText('Ông/bà đã đánh giá hồ sơ này');
  await expectAxeClean(page);
  await track(page, d, 'vi');
  await expect(page.getByTestId('tracked-status')).toHaveText('Đã trả kết quả');
  await expect(page.getByTestId('survey-link')).toHaveCount(0);
});

test('the English form, answered in English', async ({ page }) => {
  const d = openSurvey(1);
  await track(page, d, 'en');
  await page.getByTestId('survey-link').click();
  await expect(page).toHaveURL(/\/en\/survey\/\d+\./);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How satisfied are you?');
  await expectAxeClean(page);
  await answerAll(
    page,
    {
      'Did you get the result by the date you were given?': 'Yes',
      'Apart from this enforcement agency, how many other agencies did you have to contact to complete your application?': 'None',
      'How many times did you have to go to or contact the agency (besides submitting and collecting the result)?': 'Twice or more',
      'Was the published information on the procedure (documents, time limit, fees) accurate and complete?': 'No',
      'How satisfied are you with the staff’s attitude and helpfulness?': 'Satisfied',
      'Did you pay only the official fees, with no other payment asked of you?': 'Yes',
      'Overall, how satisfied are you with how your dossier was received and handled (time, procedure, staff)?': 'Neither satisfied nor dissatisfied',
      'How satisfied are you with the online service (applying, tracking, notifications)?': 'Very satisfied',
      'How satisfied are you with the result of your application?': 'Very dissatisfied',
    },
    'No, I filled it in myself',
  );
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page).toHaveURL(/\/en\/survey\/thank-you$/);
  await expect(page.getByTestId('message-title')).toHaveText('Thank you for your answers');
});

test('without JavaScript, at 375 px, the survey posts; a tampered link gets its own page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 }, extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } });
  const page = await context.newPage();
  const d = openSurvey(2);
  await track(page, d, 'vi');
  await page.getByTestId('survey-link').click();
  const link = page.url();
  // No sideways scrolling on a phone (the form's widest parts are the long legends and the comment box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByRole('alert')).toContainText('Chọn mức độ hài lòng về kết quả giải quyết');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await answerAll(page, vietnameseAnswers, 'Không, tôi tự điền');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByTestId('message-title')).toHaveText('Cảm ơn ông/bà đã đánh giá');

  const [, id, expires, mac] = /\/khao-sat\/(\d+)\.(\d+)\.(.+)$/.exec(link)!;
  const forged = await page.goto(`/en/survey/${Number(id) + 1}.${expires}.${mac}`);
  expect(forged?.status()).toBe(404);
  await expect(page.getByTestId('message-title')).toHaveText('This survey link is not right');
  await context.close();
});

test('general feedback: a validation error, then sent; linked from every footer', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Liên kết cuối trang' }).getByRole('link', { name: 'Góp ý' }).click();
  await expect(page).toHaveURL(/\/gop-y$/);
  await expectAxeClean(page);
  await page.getByLabel('Nội dung góp ý').fill('x'.repeat(2001));
  await page.getByRole('button', { name: 'Gửi góp ý' }).click();
  await expect(page).toHaveTitle(/^Lỗi: Góp ý/);
  await expect(page.getByRole('alert')).toContainText('Chọn điều ông/bà góp ý');
  await expectAxeClean(page);
  await page.getByRole('group', { name: 'Ông/bà góp ý về điều gì?' }).getByLabel('Cổng dịch vụ công (trang web)').check();
  await page.getByLabel('Cơ quan thi hành án (không bắt buộc)').selectOption('DNG');
  await page.getByRole('group', { name: /Nhìn chung/ }).getByLabel('Hài lòng', { exact: true }).check();
  await page.getByLabel('Nội dung góp ý').fill('Trang tra cứu hồ sơ dễ dùng.');
  await page.getByRole('button', { name: 'Gửi góp ý' }).click();
  await expect(page).toHaveURL(/\/gop-y\/cam-on$/);
  await expect(page.getByTestId('message-title')).toHaveText('Cảm ơn ông/bà đã góp ý');

  await page.goto('/en/feedback');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback');
  await expectAxeClean(page);
});

test('only heads and administrators read individual responses', async ({ browser }) => {
  const officer = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  await signInAs(officer, 'officer');
  await expect(officer.getByRole('link', { name: 'Khảo sát hài lòng' })).toHaveCount(0);
  const refused = await officer.goto('/can-bo/khao-sat');
  expect(refused?.status()).toBe(403);
  expect((await officer.goto('/can-bo/khao-sat/1'))?.status()).toBe(403);

  const head = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  await signInAs(head, 'head');
  await head.getByRole('link', { name: 'Khảo sát hài lòng' }).click();
  await expect(head.getByRole('heading', { level: 1 })).toHaveText('Phiếu khảo sát mức độ hài lòng');
  await expect(head.getByTestId('survey-responses').locator('> li').first()).toBeVisible();
  await expectAxeClean(head);
  await head.getByTestId('survey-responses').getByRole('link', { name: /^Phiếu số \d+$/ }).first().click();
  await expect(head.getByRole('heading', { level: 1 })).toHaveText(/^Phiếu khảo sát số \d+$/);
  await expectAxeClean(head);
  await head.getByRole('link', { name: '← Các phiếu khảo sát' }).click();
  await head.getByRole('link', { name: 'Góp ý chung gửi qua Cổng →' }).click();
  await expect(head.getByTestId('feedback-rows')).toContainText('Cán bộ bộ phận một cửa hướng dẫn rất tận tình.');
  // Feedback that names no agency is the central administrators' to read.
  await expect(head.getByTestId('feedback-rows')).not.toContainText('Trang tra cứu hồ sơ dễ dùng');
  await expectAxeClean(head);
  expect((await officer.goto('/can-bo/khao-sat/gop-y'))?.status()).toBe(403);
});
