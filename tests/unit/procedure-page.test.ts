import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { procedureByCode, type Procedure } from '../../src/server/catalog/index.ts';
import { startRenderer, textOf, type Renderer } from '../helpers/render.ts';

// A note on a figure not yet checked against an official text sits next to that figure, and nowhere else: no banner
// over the whole page (issue 9, item 14).
let renderer: Renderer;
before(async () => {
  renderer = await startRenderer();
  // The page shows the rules in force "today": a fixed day under the 2026 regime.
  mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-23T05:00:00Z') });
});
after(async () => {
  mock.timers.reset();
  await renderer?.close();
});

const confirmResult = procedureByCode('XNKQ');
const page = (procedure: Procedure, locale: 'vi' | 'en') => renderer.render('views/ProcedurePage.astro', { procedure, locale });
/** The paragraph or list item whose text contains `text`. */
const blockWith = (html: string, tag: 'p' | 'li', text: string) =>
  [...html.matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g'))].map((m) => textOf(m[0])).filter((t) => t.includes(text));

describe('procedure guidance page', () => {
  test('an unconfirmed time limit carries its precise note beside it, and the page no banner', async () => {
    assert.ok(confirmResult);
    const html = await page(confirmResult, 'vi');
    assert.deepEqual(blockWith(html, 'p', '3 ngày làm việc'), [
      '3 ngày làm việc (kể từ ngày nhận đủ hồ sơ hợp lệ) – áp dụng cho hồ sơ tiếp nhận từ ngày 01/07/2026 Chưa xác nhận: Thời hạn 3 ngày làm việc (khoản 3 Điều 32) lấy từ bản sao không chính thức của Nghị định 152/2026/NĐ-CP; chưa đối chiếu được với văn bản chính thức.',
    ]);
    assert.deepEqual(blockWith(html, 'li', 'Luật Thi hành án dân sự số 106/2025/QH15'), ['Luật Thi hành án dân sự số 106/2025/QH15'], 'the Law is confirmed');
    assert.deepEqual(blockWith(html, 'li', 'Nghị định 152/2026/NĐ-CP'), [
      'khoản 3 Điều 32 Nghị định 152/2026/NĐ-CP Chưa xác nhận: Số hiệu và điều khoản lấy từ bản sao không chính thức của Nghị định 152/2026/NĐ-CP; chưa đối chiếu được với văn bản chính thức.',
    ]);
    // The old regime's 5 days (Decision 630/QĐ-BTP) were checked: no note in the previous rules.
    assert.deepEqual(blockWith(html, 'p', '5 ngày làm việc'), ['Thời hạn giải quyết: 5 ngày làm việc']);
    assert.equal(textOf(html).split('Chưa xác nhận').length - 1, 2, 'two notes in all');
    assert.ok(!textOf(html).includes('chưa được đối chiếu với văn bản chính thức'), 'no page-wide banner');
  });

  test('in English too', async () => {
    assert.ok(confirmResult);
    const html = await page(confirmResult, 'en');
    assert.deepEqual(blockWith(html, 'p', '3 working days'), [
      '3 working days (from the day a complete application is received) – applies to dossiers received from 01/07/2026 Not yet confirmed: The 3 working days (Art. 32(3)): from an unofficial copy of Decree 152/2026/NĐ-CP; not yet checked against the official text.',
    ]);
  });

  test('a procedure whose figures are all confirmed shows no note', async () => {
    assert.ok(confirmResult);
    // Its 2026 rule set as it will read once checked: the same figures without their notes.
    const checked: Procedure = {
      ...confirmResult,
      rules: confirmResult.rules.map((r) => ({
        ...r,
        timeLimit: { ...r.timeLimit, unconfirmed: undefined },
        legalBasis: r.legalBasis.map((c) => ({ ...c, unconfirmed: undefined })),
        noteUnconfirmed: undefined,
      })),
    };
    for (const locale of ['vi', 'en'] as const) {
      const text = textOf(await page(checked, locale));
      assert.ok(text.includes(locale === 'vi' ? '3 ngày làm việc' : '3 working days'));
      assert.ok(!/Chưa xác nhận|Not yet confirmed|chưa được đối chiếu|not yet been checked/.test(text), locale);
    }
  });
});
