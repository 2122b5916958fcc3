import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EnforcementFigure } from '../../src/server/enforcement-results/figures.ts';
import type { SatisfactionFigures } from '../../src/server/survey/figures.ts';
import { suppressSection, type StatsTable } from '../../src/server/stats/tables.ts';
import type { SectionContext } from '../../src/loaders/statistics-context.ts';
import { enforcementSection } from '../../src/loaders/statistics-enforcement.ts';
import { satisfactionSection } from '../../src/loaders/statistics-satisfaction.ts';

const share = (n: number, satisfied: number, wilson: [number, number] | null = null) => ({ n, satisfied, share: n === 0 ? null : satisfied / n, wilson });

/** Twelve responses: 48 process answers (four questions of twelve), 12 on the outcome; counted by hand. */
const satisfaction: SatisfactionFigures = {
  agencyCode: 'HNI',
  from: '2026-01-01',
  to: '2026-06-30',
  responses: 12,
  overall: share(60, 48, [0.6822, 0.8817]),
  process: share(48, 40, [0.6873, 0.9128]),
  outcome: share(12, 8, [0.3906, 0.8619]),
  criteria: [
    { criterionId: 'staff_attitude', aspect: 'process', ...share(12, 11) },
    { criterionId: 'process_overall', aspect: 'process', ...share(12, 12) },
    { criterionId: 'online_service', aspect: 'process', ...share(12, 9) },
    { criterionId: 'feedback_handling', aspect: 'process', ...share(12, 8) },
    { criterionId: 'outcome', aspect: 'outcome', ...share(12, 8) },
  ],
  distributions: [
    { criterionId: 'contacts_needed', aspect: 'process', kind: 'count', n: 12, counts: [{ value: 0, n: 10 }, { value: 1, n: 2 }, { value: 2, n: 0 }] },
    { criterionId: 'on_time', aspect: 'process', kind: 'yesno', n: 12, counts: [{ value: 1, n: 12 }, { value: 0, n: 0 }] },
  ],
  helpedBy: [{ value: 'none', n: 10 }, { value: 'staff', n: 2 }, { value: 'family', n: 0 }, { value: 'other', n: 0 }],
  channel: [{ value: 'online', n: 12 }, { value: 'counter', n: 0 }],
};

function ctx(audience: 'public' | 'staff', role: string | null, data: Partial<SectionContext['data']>): SectionContext {
  return {
    locale: 'vi',
    audience,
    filter: { agencyCode: 'HNI', from: '2026-01-01', to: '2026-06-30' },
    data: data as SectionContext['data'],
    agencies: [{ code: 'HNI', name_vi: 'Thi hành án dân sự thành phố Hà Nội', name_en: 'Hanoi', offices: [] }],
    drill: () => undefined,
    responses: (params) => (audience === 'staff' && (role === 'head' || role === 'admin') ? `/can-bo/khao-sat?${new URLSearchParams(params)}` : undefined),
  };
}

const row = (table: StatsTable | undefined, key: string) => table!.rows.find((r) => r.key === key)!;

describe('the satisfaction section', () => {
  test('shares with their n and interval; the head’s numbers link to the responses behind them', () => {
    const built = satisfactionSection(ctx('staff', 'head', { satisfaction }))!;
    const [index, criteria] = built.section.tables;
    assert.deepEqual(
      built.section.tables.map((t) => t.id),
      ['hai-long-chi-so', 'hai-long-tieu-chi', 'hai-long-so-lan', 'hai-long-co-khong', 'hai-long-nguoi-giup'],
    );
    assert.deepEqual(row(index, 'overall').cells, {
      n: { value: 60, href: '/can-bo/khao-sat?' },
      satisfied: { value: 48, href: '/can-bo/khao-sat?gia-tri=4%2C5' },
      notSatisfied: { value: 12, href: '/can-bo/khao-sat?gia-tri=1%2C2%2C3' },
      share: { value: 0.8 },
      low: { value: 0.6822 },
      high: { value: 0.8817 },
    });
    assert.equal(row(criteria, 'outcome').cells.satisfied!.href, '/can-bo/khao-sat?tieu-chi=outcome&gia-tri=4%2C5');
    assert.equal(row(index, 'process').cells.n!.href, '/can-bo/khao-sat?khia-canh=process');
  });

  test('an officer sees the numbers without links; no responses, no section', () => {
    const built = satisfactionSection(ctx('staff', 'officer', { satisfaction }))!;
    assert.equal(row(built.section.tables[0], 'overall').cells.n!.href, undefined);
    assert.equal(satisfactionSection(ctx('public', null, { satisfaction: { ...satisfaction, responses: 0 } })), null);
  });

  test('in public, counts of 1–9 are hidden with the shares built on them, and no hidden count can be added back', () => {
    const built = satisfactionSection(ctx('public', null, { satisfaction }))!;
    const shown = suppressSection(built.section, built.sums);
    const [index, criteria, counts, yesNo, helped] = shown.tables;
    // outcome: 8 satisfied, 4 not — both hidden, and its share and interval with them.
    assert.deepEqual(row(index, 'outcome').cells.satisfied, { value: null, hidden: true });
    assert.deepEqual(row(index, 'outcome').cells.share, { value: null, hidden: true });
    assert.deepEqual(row(index, 'outcome').cells.low, { value: null, hidden: true });
    assert.deepEqual(row(index, 'outcome').cells.n, { value: 12 });
    // 48 = 40 + 8: with 8 hidden, 40 must go too, or 48 − 40 gives it back.
    assert.deepEqual(row(index, 'process').cells.satisfied, { value: null, hidden: true });
    // Every row of every table: never exactly one hidden cell among a sum and its parts.
    for (const table of [index!, criteria!]) {
      for (const r of table.rows) {
        const hidden = ['n', 'satisfied', 'notSatisfied'].filter((k) => r.cells[k]!.hidden === true).length;
        assert.notEqual(hidden, 1, `${table.id} ${r.key}`);
      }
    }
    // Zero is published; so are counts of ten or more.
    assert.deepEqual(row(yesNo, 'on_time').cells.no, { value: 0 });
    assert.deepEqual(row(yesNo, 'on_time').cells.yes, { value: 12 });
    // 12 = 10 + 2 + 0: the 2 is hidden, so the smallest other part goes too (the 0), and 12 − 10 no longer gives it.
    assert.deepEqual(row(counts, 'contacts_needed').cells.v1, { value: null, hidden: true });
    assert.deepEqual(row(counts, 'contacts_needed').cells.v2, { value: null, hidden: true });
    assert.deepEqual(row(counts, 'contacts_needed').cells.v0, { value: 10 });
    assert.deepEqual(row(helped, 'helped-staff').cells.responses, { value: null, hidden: true });
    assert.deepEqual(row(helped, 'helped-family').cells.responses, { value: null, hidden: true });
    assert.deepEqual(row(helped, 'helped-none').cells.responses, { value: 10 });
    assert.deepEqual(row(helped, 'channel-online').cells.responses, { value: 12 });
  });
});

const figure = (over: Partial<EnforcementFigure>): EnforcementFigure => ({
  agencyCode: 'DNG',
  agencyName: 'Thi hành án dân sự thành phố Đà Nẵng',
  agencyNameEn: 'Da Nang City Civil Judgment Enforcement',
  level: 'province',
  provinceAgency: 'DNG',
  year: 2026,
  periodEnd: '2026-09-30',
  agencies: 2,
  cases: { total: 12_000, withConditions: 10_058, withoutConditions: 1_942, completed: 7_006 },
  money: { total: 5_000_000_000_000, withConditions: 3_000_000_000_000, completed: 1_148_400_000_000 },
  casesRate: 69.66,
  moneyRate: 38.28,
  casesTarget: 81.5,
  moneyTarget: 40.1,
  casesGap: -11.84,
  moneyGap: -1.82,
  ...over,
});

describe('the enforcement results section', () => {
  const province = figure({});
  const office = figure({ level: 'agency', agencyCode: 'DNG-KV1', agencyName: 'Phòng Thi hành án dân sự khu vực 1 – Đà Nẵng', agencyNameEn: 'Regional office 1', agencies: 1, cases: { total: 4, withConditions: 3, withoutConditions: 1, completed: 2 } });
  const data = { enforcement: { year: 2026, figures: { provinces: [province], agencies: [office] } } };

  test('each province’s total, then its agencies; rates as shares; nothing hidden, even a reported 2', () => {
    const built = enforcementSection(ctx('public', null, data))!;
    const shown = suppressSection(built.section, built.sums);
    const cases = shown.tables.find((t) => t.id === 'ket-qua-thi-hanh-an-ve-viec')!;
    assert.deepEqual(cases.rows.map((r) => r.label), ['Thi hành án dân sự thành phố Đà Nẵng — toàn tỉnh, thành phố', 'Phòng Thi hành án dân sự khu vực 1 – Đà Nẵng']);
    assert.deepEqual(row(cases, 'province-DNG').cells.rate, { value: 0.6966 });
    assert.deepEqual(row(cases, 'province-DNG').cells.target, { value: 0.815 });
    assert.deepEqual(row(cases, 'province-DNG').cells.gap, { value: -11.84 });
    assert.deepEqual(row(cases, 'agency-DNG-KV1').cells.completed, { value: 2 });
    const money = shown.tables.find((t) => t.id === 'ket-qua-thi-hanh-an-ve-tien')!;
    assert.deepEqual(row(money, 'province-DNG').cells.completed, { value: 1_148_400_000_000 });
  });

  test('staff numbers link to the imported results of that year; no figures, no section', () => {
    const built = enforcementSection(ctx('staff', 'officer', data))!;
    assert.equal(built.section.tables[0]!.rows[0]!.cells.rate!.href, '/can-bo/ket-qua-thi-hanh-an?nam=2026');
    assert.equal(enforcementSection(ctx('public', null, { enforcement: { year: 2026, figures: { provinces: [], agencies: [] } } })), null);
  });
});
