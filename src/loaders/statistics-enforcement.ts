/**
 * The statistics pages' enforcement-results section, from `enforcementResultFigures`
 * (src/server/enforcement-results/figures.ts): for the latest statistical year reported by the period's end, each province's
 * total and each agency's latest snapshot, by cases and by money, with the completion rates, the targets and the gap.
 * These are quantities the agencies report, not counts of people, so nothing is hidden; staff get each number linked
 * to the imported results it comes from.
 */
import { dict, nameIn } from '../i18n/index.ts';
import { staffPath } from '../server/routes.ts';
import type { EnforcementFigure } from '../server/enforcement-results/figures.ts';
import type { StatsColumn, StatsRow, StatsTable } from '../server/stats/tables.ts';
import { scopeName, t, type SectionBuilder } from './statistics-context.ts';

export const enforcementSection: SectionBuilder = (ctx) => {
  const { year, figures } = ctx.data.enforcement;
  if (figures.agencies.length === 0) return null;
  const { locale } = ctx;
  const tt = t(locale).enforcement;
  const col = dict(locale).enforcementResults.col;
  const href = ctx.audience === 'staff' ? staffPath('enforcementResults', { nam: year }) : undefined;
  const percent = (v: number | null) => ({ value: v === null ? null : v / 100, href });
  const amount = (v: number) => ({ value: v, href });
  // Each province's total first, then its agencies: the total is what the province is judged on.
  const ordered = figures.provinces.flatMap((p) => [p, ...figures.agencies.filter((a) => a.provinceAgency === p.agencyCode)]);
  const label = (f: EnforcementFigure) => (f.level === 'province' ? tt.provinceRow(nameIn(locale, { name_vi: f.agencyName, name_en: f.agencyNameEn })) : nameIn(locale, { name_vi: f.agencyName, name_en: f.agencyNameEn }));
  const key = (f: EnforcementFigure) => `${f.level}-${f.agencyCode}`;

  const columns = (labels: [total: string, withConditions: string, completed: string, rate: string, target: string]): StatsColumn[] => [
    { key: 'total', label: labels[0], kind: 'amount' },
    { key: 'withConditions', label: labels[1], kind: 'amount' },
    { key: 'completed', label: labels[2], kind: 'amount' },
    { key: 'rate', label: labels[3], kind: 'share' },
    { key: 'target', label: labels[4], kind: 'share' },
    { key: 'gap', label: col.gap, kind: 'decimal' },
  ];
  const casesColumns = columns([col.casesTotal, col.casesWith, col.casesCompleted, col.casesRate, col.casesTarget]);
  const moneyColumns = columns([col.moneyTotal, col.moneyWith, col.moneyCompleted, col.moneyRate, col.moneyTarget]);
  const casesRow = (f: EnforcementFigure): StatsRow => ({
    key: key(f),
    label: label(f),
    cells: {
      total: amount(f.cases.total),
      withConditions: amount(f.cases.withConditions),
      completed: amount(f.cases.completed),
      rate: percent(f.casesRate),
      target: percent(f.casesTarget),
      gap: { value: f.casesGap, href },
    },
  });
  const moneyRow = (f: EnforcementFigure): StatsRow => ({
    key: key(f),
    label: label(f),
    cells: {
      total: amount(f.money.total),
      withConditions: amount(f.money.withConditions),
      completed: amount(f.money.completed),
      rate: percent(f.moneyRate),
      target: percent(f.moneyTarget),
      gap: { value: f.moneyGap, href },
    },
  });
  const scope = `${scopeName(ctx)}`;
  const cases: StatsTable = { id: 'ket-qua-thi-hanh-an-ve-viec', caption: `${tt.casesCaption(year)} (${scope})`, rowHeading: col.agency, columns: casesColumns, rows: ordered.map(casesRow) };
  const money: StatsTable = { id: 'ket-qua-thi-hanh-an-ve-tien', caption: `${tt.moneyCaption(year)} (${scope})`, rowHeading: col.agency, columns: moneyColumns, rows: ordered.map(moneyRow) };
  const provinces: StatsTable = {
    id: 'ket-qua-thi-hanh-an-toan-tinh',
    caption: `${tt.chartTitle} (${scope})`,
    rowHeading: col.agency,
    columns: [
      { key: 'rate', label: col.casesRate, kind: 'share' },
      { key: 'target', label: col.casesTarget, kind: 'share' },
    ],
    rows: figures.provinces.map((p) => ({ key: key(p), label: nameIn(locale, { name_vi: p.agencyName, name_en: p.agencyNameEn }), cells: { rate: percent(p.casesRate), target: percent(p.casesTarget) } })),
  };
  const definitions = dict(locale).enforcementResults.definitions;
  return {
    sums: { equations: [] },
    section: {
      id: 'ket-qua-thi-hanh-an',
      title: tt.title,
      lead: tt.lead(year),
      definitions: [...definitions],
      tables: [provinces, cases, money],
      charts: [{ tableId: provinces.id, title: tt.chartTitle, description: tt.chartDescription, series: ['rate', 'target'] }],
    },
  };
};
