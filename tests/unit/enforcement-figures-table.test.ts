import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EnforcementFigure } from '../../src/server/enforcement-results/figures.ts';
import { startRenderer, textOf, type Renderer } from '../helpers/render.ts';

let renderer: Renderer;
before(async () => {
  renderer = await startRenderer();
});
after(async () => {
  await renderer?.close();
});

// The seeds' Bà Rịa – Vũng Tàu report, as a province total.
const row: EnforcementFigure = {
  agencyCode: 'DNG',
  agencyName: 'Thi hành án dân sự thành phố Đà Nẵng',
  agencyNameEn: 'Da Nang City Civil Judgment Enforcement',
  level: 'province',
  provinceAgency: 'DNG',
  year: 2026,
  periodEnd: '2026-08-31',
  agencies: 4,
  cases: { total: 14050, withConditions: 10118, withoutConditions: 3811, completed: 7048 },
  money: { total: 2_640_000_000_000, withConditions: 1_089_677_000_000, completed: 417_128_568_000 },
  casesRate: 69.66,
  moneyRate: 38.28,
  casesTarget: 81.5,
  moneyTarget: 40.1,
  casesGap: -11.84,
  moneyGap: -1.82,
};

const cells = (html: string) => [...html.split(/<tbody[^>]*>/)[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((m) => textOf(m[1]!));

describe('the enforcement figures table', () => {
  test('prints vi-VN formats: dd/mm/yyyy, 14.050, 69,66%, −11,84 điểm %', async () => {
    const html = await renderer.render('views/staff/enforcement/EnforcementFiguresTable.astro', { caption: 'Toàn tỉnh', rows: [row] });
    assert.deepEqual(cells(html), [
      'Thi hành án dân sự thành phố Đà Nẵng',
      '31/08/2026',
      '4',
      '14.050',
      '10.118',
      '7.048',
      '69,66%',
      '81,5%',
      '−11,84 điểm %',
      '2.640.000.000.000',
      '1.089.677.000.000',
      '417.128.568.000',
      '38,28%',
      '40,1%',
      '−1,82 điểm %',
    ]);
    assert.match(html, /Tiền thi hành xong \(đồng\)/);
  });

  test('in English: the English name and words, the same number formats; no rate or target shows a dash', async () => {
    const html = await renderer.render('views/staff/enforcement/EnforcementFiguresTable.astro', {
      caption: 'Agencies',
      locale: 'en',
      rows: [{ ...row, level: 'agency', agencies: 1, casesRate: null, casesTarget: null, casesGap: null, moneyGap: 0.5 }],
    });
    const c = cells(html);
    assert.equal(c[0], 'Da Nang City Civil Judgment Enforcement');
    assert.deepEqual(c.slice(5, 8), ['—', '—', '—']);
    assert.equal(c.at(-1), '+0,5 points');
    assert.match(html, /Money completed \(đồng\)/);
  });
});
