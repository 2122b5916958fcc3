import { expect, test } from '@playwright/test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { fillExample } from './fixtures.ts';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

const procedure = procedureByCode('XNKQ')!;
const formPath = `/can-bo/tiep-nhan/${procedure.slug.vi}`;

test('the counter offers only its own agency and regional offices, and refuses a post for another agency', async ({ page, context }) => {
  await signInAs(page, 'reception'); // Hà Nội's provincial agency
  await page.goto(formPath);
  const options = await page.locator('#f-agency-input option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(['', 'HNI', 'HNI-KV1', 'HNI-KV2', 'HNI-KV3', 'HNI-KV4']);

  await fillExample(page, procedure, 'vi', { agency: 'HNI', fullName: 'Đoàn Thị Ngoài Phạm Vi' });
  // What a forged post would carry: Đà Nẵng's agency, not in the list.
  await page.locator('#f-agency-input option[value="HNI"]').evaluate((o) => ((o as HTMLOptionElement).value = 'DNG'));
  const answer = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  expect((await answer).status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('Quầy chỉ tiếp nhận hồ sơ cho cơ quan của bạn và các phòng thi hành án khu vực trực thuộc.');
  await expectAxeClean(page);
  // Nothing was written: no counter draft to check and submit.
  expect((await context.cookies()).some((c) => c.name === `thads_counter_${procedure.code}`)).toBe(false);
  await page.goto(`${formPath}/kiem-tra`);
  await expect(page).toHaveURL(new RegExp(`${formPath}$`));

  // The same form for one of its own regional offices goes through.
  await fillExample(page, procedure, 'vi', { agency: 'HNI-KV2', fullName: 'Đoàn Thị Trong Phạm Vi' });
  await page.getByRole('button', { name: 'Tiếp tục' }).last().click();
  await expect(page).toHaveURL(new RegExp(`${formPath}/kiem-tra$`));
  await page.getByRole('button', { name: 'Xác nhận và gửi hồ sơ' }).click();
  await expect(page.getByTestId('dossier-code')).toHaveText(/^\d{2}-\d{6}-/);
});
