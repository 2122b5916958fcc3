import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppressedCells } from '../../src/server/stats/suppression.ts';
import { suppressSection, tableSums, type StatsSection, type StatsTable } from '../../src/server/stats/tables.ts';

const sorted = (s: Set<string>) => [...s].sort();

describe('small-count suppression', () => {
  it('hides counts from 1 to 9, and publishes zero', () => {
    const values = new Map([['a', 0], ['b', 1], ['c', 9], ['d', 10], ['e', 250]]);
    assert.deepEqual(sorted(suppressedCells({ values, equations: [] })), ['b', 'c']);
  });

  it('hides the next-smallest cell of a sum that has exactly one hidden cell', () => {
    // total 20 = 3 + 0 + 17: 3 is hidden, so is the smallest other cell (0), else 20 − 0 − 17 gives the 3 away.
    const values = new Map([['t', 20], ['a', 3], ['b', 0], ['c', 17]]);
    assert.deepEqual(sorted(suppressedCells({ values, equations: [['a', 'b', 'c', 't']] })), ['a', 'b']);
  });

  it('leaves a sum alone when two or more of its cells are hidden already', () => {
    const values = new Map([['t', 12], ['a', 7], ['b', 5]]);
    assert.deepEqual(sorted(suppressedCells({ values, equations: [['a', 'b', 't']] })), ['a', 'b']);
  });

  it('repeats across rows and columns until no sum has a single hidden cell (hand-worked table)', () => {
    //        c1   c2 | tot
    //  r1    25    4 |  29     4 is hidden; column c2 then hides 15 (its smallest other cell), row r1 hides 25,
    //  r2    30   15 |  45     row r2 (15 now hidden) hides 30. Second pass: every sum has 0 or 2 hidden → stable.
    //  r3    12   20 |  32     Unknowns a+b=29, c+d=45, a+c=55, b+d=19: rank 3, so none of them can be worked out.
    //  tot   67   39 | 106
    const grid: Record<string, Record<string, number>> = {
      r1: { c1: 25, c2: 4, tot: 29 },
      r2: { c1: 30, c2: 15, tot: 45 },
      r3: { c1: 12, c2: 20, tot: 32 },
      T: { c1: 67, c2: 39, tot: 106 },
    };
    const values = new Map(Object.entries(grid).flatMap(([r, cols]) => Object.entries(cols).map(([c, v]) => [`${r}|${c}`, v] as const)));
    const columns = ['c1', 'c2', 'tot'].map((c) => ['r1', 'r2', 'r3', 'T'].map((r) => `${r}|${c}`));
    const rows = ['r1', 'r2', 'r3', 'T'].map((r) => [`${r}|tot`, `${r}|c1`, `${r}|c2`]);
    assert.deepEqual(sorted(suppressedCells({ values, equations: [...columns, ...rows] })), ['r1|c1', 'r1|c2', 'r2|c1', 'r2|c2']);
  });

  it('takes another threshold', () => {
    const values = new Map([['a', 4], ['b', 5]]);
    assert.deepEqual(sorted(suppressedCells({ values, equations: [], threshold: 5 })), ['a']);
  });
});

describe('suppressing a section', () => {
  const table: StatsTable = {
    id: 't',
    caption: 'Bảng',
    rowHeading: 'Nhóm',
    columns: [
      { key: 'received', label: 'Tiếp nhận', kind: 'count' },
      { key: 'online', label: 'Trực tuyến', kind: 'count' },
      { key: 'counter', label: 'Tại quầy', kind: 'count' },
      { key: 'share', label: 'Tỷ lệ', kind: 'share', dependsOn: ['online', 'counter'] },
    ],
    rows: [
      { key: 'x', label: 'X', cells: { received: { value: 40 }, online: { value: 36 }, counter: { value: 4 }, share: { value: 0.9 } } },
      { key: 'y', label: 'Y', cells: { received: { value: 60 }, online: { value: 30 }, counter: { value: 30 }, share: { value: 0.5 } } },
      { key: 'total', label: 'Tổng', isTotal: true, cells: { received: { value: 100 }, online: { value: 66 }, counter: { value: 34 }, share: { value: 0.66 } } },
    ],
  };
  const section: StatsSection = { id: 's', title: 'S', definitions: [], tables: [table], charts: [] };

  it('hides a small count, its complement in the row and in the column, and the shares built on them', () => {
    // x.counter = 4 → hidden. Column "counter" (4, 30 | 34) hides y.counter 30; row x (40 = 36 + 4) hides x.online 36;
    // then column "online" (36 hidden, 30 | 66) hides y.online 30, and row y has two hidden. Totals stay.
    const out = suppressSection(section, { equations: tableSums(table, ['received', 'online', 'counter'], [{ total: 'received', parts: ['online', 'counter'] }]) });
    const [x, y, total] = out.tables[0]!.rows;
    assert.deepEqual(x!.cells, { received: { value: 40 }, online: { value: null, hidden: true }, counter: { value: null, hidden: true }, share: { value: null, hidden: true } });
    assert.deepEqual(y!.cells, { received: { value: 60 }, online: { value: null, hidden: true }, counter: { value: null, hidden: true }, share: { value: null, hidden: true } });
    assert.deepEqual(total!.cells, { received: { value: 100 }, online: { value: 66 }, counter: { value: 34 }, share: { value: 0.66 } });
  });
});
