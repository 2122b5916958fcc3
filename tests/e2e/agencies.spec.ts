import { expect, test } from '@playwright/test';
import { clientIp } from './mail.ts';
import { signInAs } from './staff.ts';

// The directory shows the published details (with their source in db/seed/agency-contacts.ts) and, where a detail is
// missing, another way in: the provincial agency above a regional office, and the portal's help address.
test('the directory shows published contacts and, where they are missing, the provincial agency and the help address', async ({ page }) => {
  await page.goto('/co-quan-thi-hanh-an?province=HCM');
  const hcm = page.getByRole('region', { name: 'Thi hành án dân sự thành phố Hồ Chí Minh' });
  await expect(hcm.getByRole('definition').first()).toHaveText('372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh');
  await expect(hcm.getByText('Các phòng chưa cập nhật thông tin liên hệ; vui lòng liên hệ Thi hành án dân sự thành phố Hồ Chí Minh (ở trên).')).toBeVisible();
  await expect(hcm.getByRole('listitem').first()).toHaveText('Phòng Thi hành án dân sự khu vực 1 – Hồ Chí Minh');
  const help = page.getByRole('link', { name: 'hotro@localhost' });
  await expect(help).toHaveAttribute('href', 'mailto:hotro@localhost');
  await expect(page.getByText('Chưa liên hệ được cơ quan? Viết thư cho bộ phận hỗ trợ của Cổng:')).toBeVisible();

  await page.goto('/en/agencies?province=HCM');
  const en = page.getByRole('region', { name: 'Ho Chi Minh City Civil Judgment Enforcement' });
  await expect(en.getByRole('definition').first()).toHaveText('372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh');
  await expect(en.getByText('The offices have not provided contact details yet; please contact Ho Chi Minh City Civil Judgment Enforcement (above).')).toBeVisible();
  await expect(page.getByRole('link', { name: 'hotro@localhost' })).toBeVisible();
});

test('a regional office that published a phone number shows it; its sister offices point to the provincial agency', async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  await signInAs(page, 'admin');
  await page.goto('/can-bo/quan-tri/co-quan?co-quan=DNG-KV1');
  await page.locator('#f-phone-input').fill('0236 3000 111');
  await page.getByRole('button', { name: 'Lưu thông tin liên hệ' }).click();
  await expect(page.getByRole('status')).toContainText('Đã lưu thông tin liên hệ');

  await page.goto('/co-quan-thi-hanh-an?province=DNG');
  const offices = page.getByRole('region', { name: 'Thi hành án dân sự thành phố Đà Nẵng' }).getByRole('listitem');
  await expect(offices).toHaveText([
    'Phòng Thi hành án dân sự khu vực 1 – Đà Nẵng – 0236 3000 111',
    'Phòng Thi hành án dân sự khu vực 2 – Đà Nẵng – chưa cập nhật thông tin liên hệ; liên hệ Thi hành án dân sự thành phố Đà Nẵng (ở trên)',
    'Phòng Thi hành án dân sự khu vực 3 – Đà Nẵng – chưa cập nhật thông tin liên hệ; liên hệ Thi hành án dân sự thành phố Đà Nẵng (ở trên)',
  ]);
  await expect(page.getByRole('link', { name: '0236 3000 111' })).toHaveAttribute('href', 'tel:02363000111');
  await expect(page.getByText('Các phòng chưa cập nhật thông tin liên hệ')).toHaveCount(0);
});
