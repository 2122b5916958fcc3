import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublicEntry } from '../../src/server/registry/search.ts';
import { startRenderer, textOf, type Renderer } from '../helpers/render.ts';

let renderer: Renderer;
before(async () => {
  renderer = await startRenderer();
});
after(async () => {
  await renderer?.close();
});

const entry: PublicEntry = {
  public_id: '4c1bcf407e3e084edb39',
  debtor_name: 'Lê Thị Bích',
  debtor_address: 'Xã Kim Sơn, tỉnh Ninh Bình',
  province_code: 'NBH',
  agency_code: 'NBH',
  judgment_number: '364/2024/DS-PT',
  judgment_date: '2024-05-06',
  judgment_court: 'Tòa án nhân dân tỉnh Ninh Bình',
  decision_number: '1205/QĐ-THADS',
  decision_date: '2024-07-01',
  obligation: 'Trả nợ 120.000.000 đồng',
  reason: 'no_means',
  reason_detail: 'Không có thu nhập, không có tài sản để thi hành án',
  verified_on: '2026-10-15',
  published_on: '2024-08-01',
};
/** The text of the description that follows the term `term`. */
const reasonOf = async (e: PublicEntry, locale: 'vi' | 'en') => {
  const html = await renderer.render('components/RegistryEntry.astro', { entry: e, locale, agencyName: undefined });
  const term = locale === 'vi' ? 'Lý do chưa có điều kiện thi hành' : 'Why there are no conditions to enforce';
  // textOf() puts a space where each tag was: none belongs before the closing parenthesis.
  return { html, text: textOf(html.split(term)[1]!.split('</dd>')[0]!).replace(/ \)/g, ')') };
};

describe('a published entry', () => {
  test('states the reason once: the agency’s words when there are some, else the ground', async () => {
    assert.equal((await reasonOf(entry, 'vi')).text, 'Không có thu nhập, không có tài sản để thi hành án');
    assert.equal((await reasonOf({ ...entry, reason_detail: null }, 'vi')).text, 'Không có thu nhập hoặc tài sản để thi hành án');
  });

  test('in English, the translated ground and the agency’s Vietnamese words, marked as Vietnamese', async () => {
    const { html, text } = await reasonOf(entry, 'en');
    assert.equal(text, 'No income or assets to enforce against (as the agency recorded it in Vietnamese: Không có thu nhập, không có tài sản để thi hành án)');
    assert.match(html, /<span lang="vi"[^>]*>Không có thu nhập, không có tài sản để thi hành án<\/span>/);
    assert.equal((await reasonOf({ ...entry, reason_detail: null }, 'en')).text, 'No income or assets to enforce against');
  });
});
