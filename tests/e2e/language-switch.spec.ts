import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pathTo } from '../../src/i18n/routes.ts';

// WCAG 2.5.3 Label in Name: a voice-control user says what they see ("click English"), so the switch's accessible
// name must start with its visible text.
const cases = [
  { path: pathTo('home', 'vi'), visible: 'English', name: 'English – Xem trang này bằng tiếng Anh' },
  { path: pathTo('track', 'vi'), visible: 'English', name: 'English – Xem trang này bằng tiếng Anh' },
  { path: pathTo('agencies', 'vi'), visible: 'English', name: 'English – Xem trang này bằng tiếng Anh' },
  { path: pathTo('home', 'en'), visible: 'Tiếng Việt', name: 'Tiếng Việt – View this page in Vietnamese' },
  { path: pathTo('track', 'en'), visible: 'Tiếng Việt', name: 'Tiếng Việt – View this page in Vietnamese' },
  { path: pathTo('registry', 'en'), visible: 'Tiếng Việt', name: 'Tiếng Việt – View this page in Vietnamese' },
];

for (const c of cases) {
  test(`the language switch on ${c.path} is named by what it shows`, async ({ page }) => {
    await page.goto(c.path);
    const link = page.locator('.site-header__lang');
    // What is on screen: text whose element has a size (visually hidden text is clipped to 1 px).
    const shown = await link.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const box = node.parentElement!.getBoundingClientRect();
        if (box.width > 1 && box.height > 1) text += node.textContent;
      }
      return text.replace(/\s+/g, ' ').trim();
    });
    expect(shown).toBe(c.visible);
    await expect(link).toHaveAccessibleName(c.name);
    // axe's own check of the rule (experimental, so not in the WCAG tag sweep).
    const results = await new AxeBuilder({ page }).include('.site-header').withRules(['label-content-name-mismatch']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });
}
