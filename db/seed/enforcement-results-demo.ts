/**
 * Demo enforcement results for statistical years 2025 and 2026 (demo seed only): the three provinces whose regional
 * offices are seeded (Hà Nội, Hồ Chí Minh, Đà Nẵng), as cumulative snapshots at several period ends, imported through
 * the same service staff use (CSV → check → preview → commit, audited), and yearly targets set through the targets
 * service. Magnitudes follow the seeds: a province handles about 30,000 cases a year (Hồ Chí Minh about twice that),
 * completion about 70–85 % by cases and 40–50 % by money, money in thousands of billions of đồng. Đà Nẵng's 2026
 * figures up to 31/08/2026 reproduce the seeds' Bà Rịa – Vũng Tàu report: 7.048 cases completed = 69,66 % against a
 * target of 81,5 %; 417.128.568.000 đồng = 38,28 % against 40,1 %.
 */
import type { Kysely } from 'kysely';
import type { EnforcementActor } from '../../src/server/enforcement-results/access.ts';
import { resultColumns, type ResultValues } from '../../src/server/enforcement-results/csv.ts';
import { commitImport, previewImport } from '../../src/server/enforcement-results/import.ts';
import { setTargets } from '../../src/server/enforcement-results/targets.ts';
import type { Database } from '../../src/server/schema.ts';

const BILLION = 1_000_000_000;

/** A province's whole-year figures (the sum over its agencies) at the year's last snapshot. */
interface YearTotals {
  cases: [total: number, withConditions: number, completed: number];
  money: [total: number, withConditions: number, completed: number];
  targets: [cases: string, money: string];
  /** The last period end imported for the year. */
  last: string;
}

const provinces: Record<string, { offices: number; importer: 'head' | 'admin'; years: Record<number, YearTotals> }> = {
  HNI: {
    offices: 4,
    importer: 'head',
    years: {
      2025: { cases: [31_870, 23_540, 19_210], money: [12_450 * BILLION, 6_980 * BILLION, 3_210 * BILLION], targets: ['80', '45'], last: '2025-09-30' },
      2026: { cases: [33_120, 24_410, 20_480], money: [13_020 * BILLION, 7_350 * BILLION, 3_420 * BILLION], targets: ['83', '47'], last: '2026-09-30' },
    },
  },
  HCM: {
    offices: 4,
    importer: 'admin',
    years: {
      2025: { cases: [58_400, 41_300, 31_800], money: [48_200 * BILLION, 21_500 * BILLION, 9_250 * BILLION], targets: ['80,5', '42'], last: '2025-09-30' },
      2026: { cases: [61_050, 43_900, 33_420], money: [50_310 * BILLION, 22_800 * BILLION, 9_880 * BILLION], targets: ['81', '44'], last: '2026-09-30' },
    },
  },
  DNG: {
    offices: 3,
    importer: 'admin',
    years: {
      2025: { cases: [13_200, 9_820, 7_560], money: [2_460 * BILLION, 1_020 * BILLION, 415 * BILLION], targets: ['80', '40'], last: '2025-09-30' },
      2026: { cases: [14_050, 10_118, 7_048], money: [2_640 * BILLION, 1_089_677_000_000, 417_128_568_000], targets: ['81,5', '40,1'], last: '2026-08-31' },
    },
  },
};

/** Earlier snapshots of each year: period end (month-day, in the year) and the share of the final figures reached. */
const earlier: { monthDay: string; inYear: 0 | 1; share: { total: number; withConditions: number; completed: number } }[] = [
  { monthDay: '03-31', inYear: 1, share: { total: 0.88, withConditions: 0.9, completed: 0.42 } },
  { monthDay: '06-30', inYear: 1, share: { total: 0.95, withConditions: 0.96, completed: 0.7 } },
];

/** Splits `total` by `weights` into whole numbers that add up to it exactly. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/**
 * The agencies' rows of one snapshot: the provincial agency first (weight 4), its offices after (weights 2, 2.2, …);
 * each figure is split the same way, completed cases and money a little differently per office so rates differ.
 */
function snapshotRows(code: string, offices: number, year: number, periodEnd: string, t: YearTotals, share: { total: number; withConditions: number; completed: number }): ResultValues[] {
  const codes = [code, ...Array.from({ length: offices }, (_, i) => `${code}-KV${i + 1}`)];
  const weights = codes.map((_, i) => (i === 0 ? 4 : 2 + 0.2 * i));
  const completedWeights = weights.map((w, i) => w * (i === 0 ? 1 : 1 + (i % 2 === 0 ? 0.04 : -0.05)));
  const casesTotal = split(Math.round(t.cases[0] * share.total), weights);
  const casesWith = split(Math.round(t.cases[1] * share.withConditions), weights);
  const casesDone = split(Math.round(t.cases[2] * share.completed), completedWeights);
  const moneyTotal = split(Math.round(t.money[0] * share.total), weights);
  const moneyWith = split(Math.round(t.money[1] * share.withConditions), weights);
  const moneyDone = split(Math.round(t.money[2] * share.completed), completedWeights);
  return codes.map((agency, i) => ({
    agency_code: agency,
    statistical_year: year,
    period_end: periodEnd,
    cases_total: casesTotal[i]!,
    cases_with_conditions: casesWith[i]!,
    // Most of the rest have no conditions; a few are postponed or suspended.
    cases_without_conditions: Math.floor((casesTotal[i]! - casesWith[i]!) * 0.97),
    cases_completed: casesDone[i]!,
    money_total: moneyTotal[i]!,
    money_with_conditions: moneyWith[i]!,
    money_completed: moneyDone[i]!,
  }));
}

const toCsv = (rows: ResultValues[]) => [resultColumns.join(','), ...rows.map((r) => resultColumns.map((c) => String(r[c])).join(','))].join('\r\n') + '\r\n';

/** Imports the demo snapshots and sets the targets; `actors` are the demo head (Hà Nội) and the central administrator. */
export async function seedDemoEnforcementResults(db: Kysely<Database>, actors: { head: EnforcementActor; admin: EnforcementActor; today: string }): Promise<number> {
  let imported = 0;
  for (const year of [2025, 2026]) {
    // One file per period end and importer, oldest first, as the monthly reports arrive.
    const periods = [...earlier.map((e) => ({ periodEnd: `${year - 1 + e.inYear}-${e.monthDay}`, share: e.share, final: false })), { periodEnd: '', share: { total: 1, withConditions: 1, completed: 1 }, final: true }];
    for (const period of periods) {
      for (const importer of ['head', 'admin'] as const) {
        const rows = Object.entries(provinces)
          .filter(([, p]) => p.importer === importer)
          .flatMap(([code, p]) => {
            const t = p.years[year]!;
            return snapshotRows(code, p.offices, year, period.final ? t.last : period.periodEnd, t, period.share);
          });
        const name = `ket-qua-thads-${year}-${period.final ? 'ca-nam' : period.periodEnd}.csv`;
        const outcome = await previewImport(db, actors[importer], { name, bytes: new TextEncoder().encode(toCsv(rows)) }, { today: actors.today });
        if (!outcome.ok) throw new Error(`Demo enforcement results ${name}: ${JSON.stringify(outcome.check.problems.slice(0, 5))}`);
        imported += (await commitImport(db, actors[importer], outcome.importId)).rows;
      }
    }
    for (const [code, p] of Object.entries(provinces)) {
      const [cases, money] = p.years[year]!.targets;
      const input: Record<string, { cases: string; money: string }> = { [code]: { cases, money } };
      // The regional offices carry the provincial targets too.
      for (let i = 1; i <= p.offices; i++) input[`${code}-KV${i}`] = { cases, money };
      await setTargets(db, p.importer === 'head' ? actors.head : actors.admin, year, input);
    }
  }
  return imported;
}
