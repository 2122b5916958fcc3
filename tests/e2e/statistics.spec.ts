import { expect, test, type Page } from '@playwright/test';
import { clientIp } from './mail.ts';
import { expectAxeClean, signInAs } from './staff.ts';

test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
});

const texts = {
  vi: {
    home: '/', nav: 'Điều hướng chính', link: 'Thống kê', title: 'Thống kê giải quyết hồ sơ', agency: 'Cơ quan thi hành án', submit: 'Xem số liệu',
    chart: 'Hồ sơ trả kết quả đúng hạn và trễ hạn theo tháng', note: 'Vì sao có ô ghi “<10”', csv: /Tải bảng .*Theo thủ tục.*\(CSV\)/,
    satisfaction: 'Mức độ hài lòng', results: 'Kết quả thi hành án về việc, về tiền', resultsChart: 'Tỷ lệ thi hành xong về việc so với chỉ tiêu',
  },
  en: {
    home: '/en/', nav: 'Main navigation', link: 'Statistics', title: 'Statistics on applications handled', agency: 'Enforcement agency', submit: 'Show figures',
    chart: 'Results returned on time and late, by month', note: 'Why some cells say “<10”', csv: /Download the table .*By procedure.*\(CSV\)/,
    satisfaction: 'Satisfaction', results: 'Enforcement results: cases and money', resultsChart: 'Cases completed against the target',
  },
} as const;

async function expectChartsWithTextAlternatives(page: Page) {
  const charts = page.locator('figure.stats-chart svg[role="img"]');
  expect(await charts.count()).toBeGreaterThanOrEqual(2);
  for (const svg of await charts.all()) {
    await expect(svg.locator('title')).not.toBeEmpty();
    await expect(svg.locator('desc')).not.toBeEmpty();
    // The data table follows the chart.
    const table = svg.locator('xpath=ancestor::div[contains(@class,"stats-table")]//table');
    await expect(table).toHaveCount(1);
  }
}

for (const locale of ['vi', 'en'] as const) {
  const t = texts[locale];
  test(`the public statistics page, from the main navigation (${locale})`, async ({ page }) => {
    await page.goto(t.home);
    await page.getByRole('navigation', { name: t.nav }).getByRole('link', { name: t.link }).click();
    await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
    await expect(page.getByRole('heading', { name: t.note })).toBeVisible();
    await expect(page.getByRole('img', { name: t.chart })).toBeVisible();
    // The survey's answers and the agencies' reported results are sections of their own, with their charts.
    await expect(page.getByRole('heading', { level: 2, name: t.satisfaction, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: t.results })).toBeVisible();
    await expect(page.getByRole('img', { name: t.resultsChart })).toBeVisible();
    await expectChartsWithTextAlternatives(page);
    // The demo's counts are small: the public sees them as "<10", never the number; no drill-down links.
    await expect(page.locator('td', { hasText: '<10' }).first()).toBeVisible();
    await expect(page.locator('a[href*="/can-bo/"]')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await expectAxeClean(page);
    // A filter by agency: a GET form, the choice kept in the address.
    await page.getByLabel(t.agency, { exact: true }).selectOption('HNI');
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(/co-quan=HNI/);
    await expect(page.locator('caption').first()).toContainText(locale === 'vi' ? 'Hà Nội' : 'Hanoi');
    // A period ending 30/09/2026 shows statistical year 2026, in which Đà Nẵng's demo figures reproduce the seeds'
    // Bà Rịa – Vũng Tàu ones: 69,66% of cases against a target of 81,5%.
    await page.goto(`${t.home === '/' ? '/thong-ke' : '/en/statistics'}?tu-ngay=2025-10-01&den-ngay=2026-09-30`);
    const daNang = page.locator('#ket-qua-thi-hanh-an-toan-tinh tr', { hasText: locale === 'vi' ? 'Đà Nẵng' : 'Da Nang' });
    await expect(daNang).toContainText('69,7%');
    await expect(daNang).toContainText('81,5%');
  });
}

test('the statistics page works without JavaScript and at 375 px', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': clientIp() });
  await page.goto('/en/statistics');
  await expectChartsWithTextAlternatives(page);
  await page.getByLabel('Enforcement agency', { exact: true }).selectOption('HCM');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page).toHaveURL(/co-quan=HCM/);
  await expect(page.locator('caption').first()).toContainText('Ho Chi Minh City');
  // Wide tables scroll inside their own region; the page itself does not.
  const [scrollWidth, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(viewport);
  await context.close();
});

test('an impossible date is refused with a message beside the field (400)', async ({ page }) => {
  await page.goto('/en/statistics');
  await page.getByLabel('From').fill('31/02/2026');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page.getByRole('alert')).toContainText('“From” must be a real date');
  await expectAxeClean(page);
  const response = await page.request.get('/thong-ke?tu-ngay=31/02/2026');
  expect(response.status()).toBe(400);
});

test('a table downloads as CSV (UTF-8 with a byte-order mark) and as JSON, with the same suppression', async ({ page }) => {
  await page.goto('/thong-ke');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: texts.vi.csv }).click()]);
  const bytes = await (await import('node:fs/promises')).readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString('utf8');
  expect(csv).toContain('Thủ tục,Đã tiếp nhận');
  expect(csv).toContain('Yêu cầu thi hành án');
  const href = await page.getByRole('link', { name: /Theo thủ tục.*\(JSON\)/ }).getAttribute('href');
  const json = await (await page.request.get(href!)).json();
  expect(json.suppressed).toBe(true);
  expect(json.rows.some((r: { values: Record<string, unknown> }) => Object.values(r.values).some((v) => typeof v === 'object' && v !== null && (v as { hidden?: boolean }).hidden))).toBe(true);
});

test('staff trace a number on /can-bo/thong-ke to the dossiers behind it', async ({ page }) => {
  // Three full pages of figures computed fresh, and two drill-downs: slow on a busy machine.
  test.slow();
  await signInAs(page, 'head');
  await page.getByRole('link', { name: 'Thống kê', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thống kê (đầy đủ)' })).toBeVisible();
  // Up to yesterday: dossiers other tests submit today do not move the number while this test reads it.
  const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Đến ngày').fill(yesterday.split('-').reverse().join('/'));
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  await expectAxeClean(page);
  const total = page.locator('#mot-cua-theo-thu-tuc tr.stats-total td').first().getByRole('link');
  const shown = Number((await total.textContent())!.replace(/\./g, ''));
  expect(shown).toBeGreaterThan(0);
  await total.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ tạo nên số liệu: Đã tiếp nhận' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(`${shown} hồ sơ`);
  const codes = page.locator('main table tbody tr td:first-child a');
  await expect(codes).toHaveCount(Math.min(shown, 50));
  await expectAxeClean(page);
  const code = (await codes.first().textContent())!.trim();
  await codes.first().click();
  await expect(page).toHaveURL(new RegExp(`/can-bo/ho-so/${code}$`));
  // The head may read survey responses: the satisfaction figures link to the responses behind them.
  await page.goto('/can-bo/thong-ke');
  const answers = page.locator('#hai-long-chi-so tbody tr').first().locator('td').first().getByRole('link');
  const n = Number((await answers.textContent())!.replace(/\./g, ''));
  expect(n).toBeGreaterThan(0);
  await answers.click();
  await expect(page).toHaveURL(/\/can-bo\/khao-sat\?/);
  await expectAxeClean(page);
});

test('an officer sees the satisfaction figures but not the responses behind them', async ({ page }) => {
  await signInAs(page, 'officer');
  await page.goto('/can-bo/thong-ke');
  await expect(page.locator('#hai-long-chi-so tbody tr').first()).toBeVisible();
  await expect(page.locator('#hai-long-chi-so table a')).toHaveCount(0);
  // The one-stop figures still drill down for every staff member.
  await expect(page.locator('#mot-cua-theo-thu-tuc tr.stats-total td').first().getByRole('link')).toBeVisible();
});

test('one address may have 30 new filters computed per 10 minutes; pages already computed stay open to it', async ({ request }) => {
  const headers = { 'X-Forwarded-For': clientIp() };
  const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}`;
  for (let n = 1; n <= 30; n++) expect((await request.get(`/thong-ke?tu-ngay=${day(n)}&den-ngay=2026-02-28`, { headers })).status()).toBe(200);
  const refused = await request.get('/en/statistics?tu-ngay=2026-01-31&den-ngay=2026-02-28', { headers });
  expect(refused.status()).toBe(429);
  expect(refused.headers()['cache-control']).toBe('no-store');
  expect(await refused.text()).toContain('many different periods');
  expect((await request.get(`/thong-ke?tu-ngay=${day(1)}&den-ngay=2026-02-28`, { headers })).status()).toBe(200);
});

test('with JavaScript, changing a filter refreshes the figures in place; the address follows', async ({ page }) => {
  await page.goto('/thong-ke');
  await page.waitForFunction(() => document.querySelector('astro-island:not([ssr])') !== null);
  await page.getByLabel(texts.vi.agency, { exact: true }).selectOption('DNG');
  await expect(page.locator('#stats-results caption').first()).toContainText('Đà Nẵng');
  await expect(page).toHaveURL(/\/thong-ke\?co-quan=DNG/);
  await expect(page.getByRole('status').filter({ hasText: 'Đã cập nhật số liệu' })).toHaveCount(1);
  await expectChartsWithTextAlternatives(page);
  await expectAxeClean(page);
});
