import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { demoStaff } from '../../db/seed/demo.ts';

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Signs in as one of the demo staff accounts, in the page's own browser context. */
/**
 * The device cookie each demo account's first sign-in in this worker left: later sign-ins carry it, as a staff
 * member's own browser does, so the account's delay after other tests' wrong passwords never holds them up.
 */
const devices = new Map<string, { name: string; value: string; domain: string; path: string }>();

export async function signInAs(page: Page, role: (typeof demoStaff)[number]['role']) {
  const account = demoStaff.find((s) => s.role === role)!;
  const device = devices.get(role);
  if (device) await page.context().addCookies([device]);
  await page.goto('/can-bo/dang-nhap');
  await page.locator('#f-email-input').fill(account.email);
  await page.locator('#f-password-input').fill(account.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.staff-user')).toContainText(account.fullName);
  const left = (await page.context().cookies()).find((c) => c.name.endsWith('thads_device'));
  if (left) devices.set(role, { name: left.name, value: left.value, domain: left.domain, path: left.path });
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập hệ thống xử lý hồ sơ' })).toBeVisible();
}
