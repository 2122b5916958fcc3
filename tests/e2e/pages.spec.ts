import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { allPages } from './pages.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const page of allPages()) {
  test(`${page.path} loads, has no console errors and passes axe`, async ({ page: tab }) => {
    const problems: string[] = [];
    tab.on('console', (msg) => {
      if (msg.type() === 'error' && !(page.status === 404 && msg.text().includes('404'))) problems.push(msg.text());
    });
    tab.on('pageerror', (err) => problems.push(err.message));
    const response = await tab.goto(page.path);
    expect(response?.status()).toBe(page.status);
    expect(response?.headers()['content-type']).toContain('text/html');
    await expect(tab.locator('h1')).toContainText(page.expect);
    await expect(tab.locator('html')).toHaveAttribute('lang', page.locale);
    expect(await tab.locator('meta[charset="utf-8"]').count()).toBe(1);
    // The language switch leads to the same page in the other language.
    const alternate = await tab.locator('link[rel="alternate"][hreflang]').getAttribute('href');
    expect(alternate).toBeTruthy();
    if (page.status === 200) {
      const other = await tab.request.get(alternate!);
      expect(other.status()).toBe(200);
    }
    const results = await new AxeBuilder({ page: tab }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('every page fits a 320 px wide screen without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const tab = await context.newPage();
  for (const page of allPages()) {
    await tab.goto(page.path);
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, page.path).toBeLessThanOrEqual(0);
  }
  await context.close();
});
