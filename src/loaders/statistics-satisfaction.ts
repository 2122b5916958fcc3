/**
 * The statistics pages' satisfaction section, from `satisfactionFigures` (src/server/survey/figures.ts): the index
 * (overall, handling, outcome), each five-level criterion, the counting and yes/no questions, who helped and the
 * channel. Every share has its n and 95% Wilson interval beside it; on the public page small counts are hidden like
 * any count. Staff who may read the responses (heads, administrators) get each number linked to them.
 */
import { criterionById, helperLabels } from '../server/catalog/survey-criteria.ts';
import type { ShareFigure } from '../server/survey/figures.ts';
import type { SectionSums, StatsCell, StatsColumn, StatsRow, StatsTable } from '../server/stats/tables.ts';
import { scopeText, t, type SectionBuilder } from './statistics-context.ts';

const SHARE_COLUMNS = ['n', 'satisfied', 'notSatisfied'] as const;

export const satisfactionSection: SectionBuilder = (ctx) => {
  const s = ctx.data.satisfaction;
  if (s.responses === 0) return null;
  const { locale } = ctx;
  const tt = t(locale).satisfaction;
  const c = tt.columns;
  const scope = scopeText(ctx);
  const caption = (what: string) => `${tt.title} — ${what} (${scope})`;
  const shareColumns: StatsColumn[] = [
    { key: 'n', label: c.n, kind: 'count' },
    { key: 'satisfied', label: c.satisfied, kind: 'count' },
    { key: 'notSatisfied', label: c.notSatisfied, kind: 'count' },
    // The share and its interval would give the hidden counts back: they go with them.
    { key: 'share', label: c.share, kind: 'share', dependsOn: ['satisfied', 'notSatisfied'] },
    { key: 'low', label: c.low, kind: 'share', dependsOn: ['satisfied', 'notSatisfied'] },
    { key: 'high', label: c.high, kind: 'share', dependsOn: ['satisfied', 'notSatisfied'] },
  ];
  const shareRow = (key: string, label: string, f: ShareFigure, params: Record<string, string>): StatsRow => ({
    key,
    label,
    cells: {
      n: { value: f.n, href: ctx.responses(params) },
      satisfied: { value: f.satisfied, href: ctx.responses({ ...params, 'gia-tri': '4,5' }) },
      notSatisfied: { value: f.n - f.satisfied, href: ctx.responses({ ...params, 'gia-tri': '1,2,3' }) },
      share: { value: f.share },
      low: { value: f.wilson?.[0] ?? null },
      high: { value: f.wilson?.[1] ?? null },
    },
  });

  const index: StatsTable = {
    id: 'hai-long-chi-so',
    caption: caption(tt.indexCaption),
    rowHeading: tt.indexHeading,
    columns: shareColumns,
    rows: [
      shareRow('overall', tt.indices.overall, s.overall, {}),
      shareRow('process', tt.indices.process, s.process, { 'khia-canh': 'process' }),
      shareRow('outcome', tt.indices.outcome, s.outcome, { 'khia-canh': 'outcome' }),
    ],
  };
  const asked = s.criteria.filter((q) => q.n > 0);
  // The catalog's labels are phrased to sit inside a sentence; a table row starts with a capital.
  const label = (id: string) => {
    const text = criterionById(id)?.label[locale] ?? id;
    return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  };
  const criteria: StatsTable = {
    id: 'hai-long-tieu-chi',
    caption: caption(tt.criteriaCaption),
    rowHeading: tt.criterionHeading,
    columns: shareColumns,
    rows: asked.map((q) => shareRow(q.criterionId, `${label(q.criterionId)} (${tt.aspects[q.aspect]})`, q, { 'tieu-chi': q.criterionId })),
  };

  const distribution = (id: string, kind: 'count' | 'yesno', values: readonly { key: string; value: number; label: string }[], caption: string): StatsTable | null => {
    const rows = s.distributions
      .filter((d) => d.kind === kind && d.n > 0)
      .map((d): StatsRow => {
        const cells: Record<string, StatsCell> = { n: { value: d.n, href: ctx.responses({ 'tieu-chi': d.criterionId }) } };
        for (const v of values) cells[v.key] = { value: d.counts.find((x) => x.value === v.value)?.n ?? 0, href: ctx.responses({ 'tieu-chi': d.criterionId, 'gia-tri': String(v.value) }) };
        return { key: d.criterionId, label: label(d.criterionId), cells };
      });
    if (rows.length === 0) return null;
    return { id, caption, rowHeading: tt.questionHeading, columns: [{ key: 'n', label: c.n, kind: 'count' }, ...values.map((v) => ({ key: v.key, label: v.label, kind: 'count' as const }))], rows };
  };
  const countValues = ([0, 1, 2] as const).map((v) => ({ key: `v${v}`, value: v, label: tt.countLevels[v] }));
  const yesNoValues = [
    { key: 'yes', value: 1, label: c.yes },
    { key: 'no', value: 0, label: c.no },
  ];
  const counts = distribution('hai-long-so-lan', 'count', countValues, caption(tt.countsCaption));
  const yesNo = distribution('hai-long-co-khong', 'yesno', yesNoValues, caption(tt.yesNoCaption));

  const helped: StatsTable = {
    id: 'hai-long-nguoi-giup',
    caption: caption(tt.helpedCaption),
    rowHeading: tt.answerHeading,
    columns: [{ key: 'responses', label: c.responses, kind: 'count' }],
    rows: [
      ...s.helpedBy.map((h) => ({ key: `helped-${h.value}`, label: helperLabels[h.value][locale], cells: { responses: { value: h.n, href: ctx.responses({ 'nguoi-giup': h.value }) } } })),
      ...s.channel.map((h) => ({ key: `channel-${h.value}`, label: tt.channels[h.value], cells: { responses: { value: h.n, href: ctx.responses({ kenh: h.value }) } } })),
    ],
  };

  // What adds up, so that no hidden count can be worked out from the published ones.
  const id = (table: StatsTable, row: string, column: string) => `${table.id}:${row}|${column}`;
  const equations: string[][] = [];
  for (const table of [index, criteria]) for (const row of table.rows) equations.push(SHARE_COLUMNS.map((k) => id(table, row.key, k)));
  for (const k of SHARE_COLUMNS) {
    equations.push([id(index, 'overall', k), id(index, 'process', k), id(index, 'outcome', k)]);
    for (const aspect of ['process', 'outcome'] as const) {
      const parts = asked.filter((q) => q.aspect === aspect).map((q) => id(criteria, q.criterionId, k));
      if (parts.length > 0) equations.push([id(index, aspect, k), ...parts]);
    }
  }
  for (const [table, values] of [[counts, countValues], [yesNo, yesNoValues]] as const)
    if (table) for (const row of table.rows) equations.push([id(table, row.key, 'n'), ...values.map((v) => id(table, row.key, v.key))]);
  const responses = `satisfaction:responses`;
  equations.push([responses, ...s.helpedBy.map((h) => id(helped, `helped-${h.value}`, 'responses'))]);
  equations.push([responses, ...s.channel.map((h) => id(helped, `channel-${h.value}`, 'responses'))]);
  const sums: SectionSums = { equations, implicit: new Map([[responses, s.responses]]) };

  const d = tt.definitions;
  return {
    sums,
    section: {
      id: 'hai-long',
      title: tt.title,
      lead: tt.lead,
      definitions: [
        { term: c.responses, text: d.responses },
        { term: c.satisfied, text: d.satisfied },
        { term: tt.indexCaption, text: d.index },
        { term: `${c.low} … ${c.high}`, text: d.interval },
        { term: `${tt.countsCaption}, ${tt.yesNoCaption.toLowerCase()}`, text: d.counts },
      ],
      tables: [index, criteria, ...(counts ? [counts] : []), ...(yesNo ? [yesNo] : []), helped],
      charts: [{ tableId: criteria.id, title: tt.chartTitle, description: tt.chartDescription, series: ['share'] }],
    },
  };
};
