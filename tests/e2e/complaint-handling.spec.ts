import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import type { DemoDossier } from '../../db/seed/demo.ts';
import { pdfFile } from './fixtures.ts';
import { clientIp, waitForMail } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

function demo(status: string, procedure: string): DemoDossier {
  const all = JSON.parse(fs.readFileSync('test-results/e2e-data/demo-dossiers.json', 'utf8')) as DemoDossier[];
  const found = all.find((d) => d.status === status && d.procedure === procedure);
  if (!found) throw new Error(`no demo ${procedure} in ${status}`);
  return found;
}

test('the head decides a complaint; the complainant downloads the decision and complains a second time', async ({ browser }, info) => {
  test.slow();
  const d = demo('verifying', 'KN');
  const staff = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  await signInAs(staff, 'head');
  // Overdue (accepted six weeks ago, thirty days to decide): it is in the overdue view, named as a complaint.
  await staff.goto('/can-bo?qua-han=1');
  await expect(staff.locator('table.queue-table tbody tr').filter({ hasText: d.code })).toContainText('Khiếu nại về thi hành án dân sự');
  await staff.goto(`/can-bo/ho-so/${d.code}`);
  await expect(staff.getByTestId('staff-status')).toHaveText('Đang xác minh, đối thoại');
  await expect(staff.getByTestId('days-used')).toHaveText(/^\d+ trên 30 ngày — trễ \d+ ngày làm việc$/);
  await expect(staff.getByTestId('apology-owed')).toHaveCount(0);
  await expectAxeClean(staff);
  // A decision needs its number, its mandatory contents and its signed file.
  const form = staff.locator('#action-decide');
  await form.locator('button[type=submit]').click();
  await expect(staff.getByRole('alert')).toContainText('Hãy nhập số của quyết định');
  const fillDecision = async (remedy: string) => {
    await form.getByLabel('Số quyết định').fill('15/QĐ-GQKN');
    await form.getByLabel('Kết quả xác minh').fill('Chấp hành viên ra quyết định cưỡng chế trước khi hết thời hạn tự nguyện thi hành án.');
    await form.getByLabel('Căn cứ pháp luật').fill('Điều 45 và Điều 46 Luật Thi hành án dân sự.');
    await form.getByLabel('Đúng một phần').check();
    await form.getByLabel(remedy).check();
  };
  // A partly right complaint cannot leave the act standing: the error says so and nothing is recorded.
  await fillDecision('Giữ nguyên quyết định, hành vi bị khiếu nại');
  await form.getByLabel('Quyết định giải quyết khiếu nại đã ký').setInputFiles(pdfFile(info.outputPath('f'), 'quyet-dinh-gqkn.pdf'));
  await form.locator('button[type=submit]').click();
  await expect(staff.getByRole('alert')).toContainText('Khiếu nại sai thì giữ nguyên');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đang xác minh, đối thoại');
  await fillDecision('Sửa đổi, bổ sung một phần quyết định, hành vi bị khiếu nại');
  await form.getByLabel('Quyết định giải quyết khiếu nại đã ký').setInputFiles(pdfFile(info.outputPath('f'), 'quyet-dinh-gqkn.pdf'));
  await form.getByLabel('Ghi chú gửi người nộp').fill('Hủy một phần quyết định cưỡng chế; mời ông/bà đến nhận bản chính.');
  await form.locator('button[type=submit]').click();
  await expect(staff.getByRole('status')).toContainText('Đã thực hiện: Quyết định giải quyết khiếu nại');
  await expect(staff.getByTestId('staff-status')).toHaveText('Đã có quyết định giải quyết');
  // The printed decision carries the contents the law requires, and the right to a second complaint.
  await staff.getByRole('link', { name: 'Quyết định giải quyết khiếu nại', exact: true }).click();
  await expect(staff.getByTestId('decision-number')).toHaveText('15/QĐ-GQKN');
  await expect(staff.getByTestId('decision-conclusion')).toHaveText('Khiếu nại đúng một phần');
  await expect(staff.getByTestId('decision')).toContainText('Điều 45 và Điều 46 Luật Thi hành án dân sự.');
  await expect(staff.getByTestId('decision-right')).toContainText('khiếu nại lần hai');
  await expectAxeClean(staff);

  const mail = await waitForMail({ text: d.code, subject: /^(Quyết định giải quyết khiếu nại – hồ sơ|Decision on the complaint – dossier) / });
  expect(mail.text).toContain('Hủy một phần quyết định cưỡng chế');

  const citizen = await (await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': clientIp() } })).newPage();
  await citizen.goto('/tra-cuu-ho-so');
  await citizen.locator('#f-code-input').fill(d.code);
  await citizen.locator('#f-pin-input').fill(d.pin);
  await citizen.getByRole('button', { name: 'Tra cứu', exact: true }).click();
  await expect(citizen.getByTestId('tracked-status')).toHaveText('Đã có quyết định giải quyết');
  await expect(citizen.getByText('Ngày thụ lý')).toBeVisible();
  const download = citizen.waitForEvent('download');
  await citizen.getByRole('link', { name: /quyet-dinh-gqkn\.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('quyet-dinh-gqkn.pdf');
  await expect(citizen.getByTestId('notices')).toContainText('Thông báo thụ lý giải quyết khiếu nại');
  await expectAxeClean(citizen);
  // Within 15 days of the decision: a second complaint, pre-filled from the first.
  await citizen.getByRole('link', { name: /khiếu nại lần hai/ }).click();
  await expect(citizen.getByRole('heading', { name: 'Khiếu nại lần hai' })).toBeVisible();
  await expect(citizen.locator('#f-round input[value="second"]')).toBeChecked();
  // The first decision's number comes from the decision itself.
  await expect(citizen.locator('#f-firstDecisionNumber-input')).toHaveValue('15/QĐ-GQKN');
  await expectAxeClean(citizen);
  // What the complainant still disagrees with is theirs to write; then the complaint is sent and linked.
  await citizen.locator('#f-whatIsWrong-input').fill('Quyết định giải quyết lần đầu chỉ sửa một phần, vẫn giữ việc kê biên nhà ở của tôi.');
  await citizen.locator('#f-request-input').fill('Hủy toàn bộ Quyết định cưỡng chế số 45/QĐ-CCTHADS.');
  await citizen.getByRole('button', { name: 'Tiếp tục', exact: true }).last().click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra đơn khiếu nại trước khi gửi');
  // The first was decided at a regional office: the second goes to the provincial agency, and the page says so.
  await expect(citizen.getByTestId('routed-to')).toContainText('Thi hành án dân sự thành phố Hà Nội');
  await citizen.getByRole('button', { name: 'Xác nhận và gửi đơn khiếu nại' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Đã gửi đơn khiếu nại');
  const second = (await citizen.getByTestId('dossier-code').textContent())!.trim();
  expect(second).not.toBe(d.code);
  await expectAxeClean(citizen);
  // Staff see the second complaint linked to the first, and find it among second complaints.
  await staff.goto(`/can-bo/ho-so/${second}`);
  await expect(staff.getByTestId('related')).toContainText(d.code);
  await expect(staff.getByTestId('related')).toContainText('khiếu nại lần đầu');
  await expect(staff.getByTestId('routing')).toContainText('Khiếu nại lần hai: do cấp trên của cơ quan giải quyết lần đầu giải quyết');
  await staff.goto('/can-bo?lan=2');
  await expect(staff.locator('table.queue-table tbody tr').filter({ hasText: second })).toHaveCount(1);
});
