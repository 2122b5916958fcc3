/**
 * The statistics pages' figures as data: a section is a title, the definitions of its figures, its tables and
 * optional charts drawn from those tables. Sections are built per language by src/loaders/statistics.ts (one builder
 * per subject — one-stop, complaints and denunciations, and any later ones), then the same objects render the page,
 * its charts, and the CSV and JSON downloads. Nothing here knows a language.
 */
import { suppressedCells } from './suppression.ts';

export interface StatsColumn {
  key: string;
  label: string;
  /**
   * count: a number of dossiers (or answers), suppressed when small; share: 0–1; decimal: an average or percentage
   * points; amount: a reported quantity that is not a count of people (cases or đồng an agency reported), never small.
   */
  kind: 'count' | 'share' | 'decimal' | 'amount';
  /** For a share or an average: the counts it is computed from; hidden when any of them is hidden. */
  dependsOn?: readonly string[];
}

export interface StatsCell {
  value: number | null;
  /** Not published: a small count, or a cell that would reveal one. */
  hidden?: boolean;
  /** Staff pages: the list of the dossiers behind the number. */
  href?: string;
}

export interface StatsRow {
  key: string;
  label: string;
  cells: Record<string, StatsCell>;
  isTotal?: boolean;
}

export interface StatsTable {
  /** Unique on the page; also the download's file name. */
  id: string;
  caption: string;
  rowHeading: string;
  columns: StatsColumn[];
  rows: StatsRow[];
}

export interface StatsChart {
  /** The table the chart draws (rendered right after it as its data table). */
  tableId: string;
  title: string;
  /** The text alternative: what the chart shows, in words. */
  description: string;
  /** The count columns drawn, one bar series each. */
  series: readonly string[];
}

export interface StatsDefinition {
  term: string;
  text: string;
}

export interface StatsSection {
  id: string;
  title: string;
  lead?: string;
  definitions: StatsDefinition[];
  tables: StatsTable[];
  charts: StatsChart[];
}

/** The sums between a section's published counts, for suppression. Cell ids: `${tableId}:${rowKey}|${column}`. */
export interface SectionSums {
  equations: string[][];
  /** Counts not published but computable from published ones (e.g. resolved late = resolved − resolved on time). */
  implicit?: Map<string, number>;
}

/** The suppression id of a cell; total rows share theirs across the section's tables (they are the same numbers). */
export function cellId(table: StatsTable, row: StatsRow, column: string): string {
  return row.isTotal ? `total|${column}` : `${table.id}:${row.key}|${column}`;
}

/**
 * Hides the small counts of a section, and whatever would reveal them (see suppression.ts); shares and averages
 * whose inputs are hidden are hidden too. Returns a copy.
 */
export function suppressSection(section: StatsSection, sums: SectionSums): StatsSection {
  const values = new Map<string, number>(sums.implicit ?? []);
  for (const table of section.tables)
    for (const row of table.rows)
      for (const column of table.columns) {
        const v = row.cells[column.key]?.value;
        if (column.kind === 'count' && typeof v === 'number') values.set(cellId(table, row, column.key), v);
      }
  const hidden = suppressedCells({ values, equations: sums.equations });
  const tables = section.tables.map((table) => ({
    ...table,
    rows: table.rows.map((row) => {
      const cells: Record<string, StatsCell> = {};
      for (const column of table.columns) {
        const cell = row.cells[column.key] ?? { value: null };
        const inputs = column.kind === 'count' ? [column.key] : (column.dependsOn ?? []);
        cells[column.key] = inputs.some((k) => hidden.has(cellId(table, row, k))) ? { value: null, hidden: true } : { value: cell.value };
      }
      return { ...row, cells };
    }),
  }));
  return { ...section, tables };
}

/** Equations of a table whose columns' rows add up to the total row, and whose rows hold sums of columns. */
export function tableSums(table: StatsTable, columns: readonly string[], rowSums: readonly { total: string; parts: readonly string[] }[] = []): string[][] {
  const body = table.rows.filter((r) => !r.isTotal);
  const total = table.rows.find((r) => r.isTotal);
  const equations: string[][] = [];
  if (total) for (const c of columns) equations.push([...body.map((r) => cellId(table, r, c)), cellId(table, total, c)]);
  for (const r of table.rows) for (const s of rowSums) equations.push([cellId(table, r, s.total), ...s.parts.map((p) => cellId(table, r, p))]);
  return equations;
}

/** A cell as text, as the page and the CSV write it (vi-VN number formats in both languages). */
export function cellText(cell: StatsCell, column: StatsColumn, formats: { hidden: string; empty: string; count(n: number): string; share(r: number): string; decimal(n: number): string }): string {
  if (cell.hidden) return formats.hidden;
  if (cell.value === null) return formats.empty;
  return column.kind === 'count' || column.kind === 'amount' ? formats.count(cell.value) : column.kind === 'share' ? formats.share(cell.value) : formats.decimal(cell.value);
}

const csvField = (s: string) => (/[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The table as CSV: UTF-8 with a byte-order mark (so Excel shows the diacritics), CRLF line ends, the caption as a
 * first line, then the header and the rows as the page shows them.
 */
export function tableCsv(table: StatsTable, format: (cell: StatsCell, column: StatsColumn) => string): string {
  const lines = [
    [table.caption],
    [table.rowHeading, ...table.columns.map((c) => c.label)],
    ...table.rows.map((r) => [r.label, ...table.columns.map((c) => format(r.cells[c.key] ?? { value: null }, c))]),
  ];
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The table as JSON: raw numbers (shares 0–1), null where nothing is published, `hidden` marking suppressed cells. */
export function tableJson(table: StatsTable, meta: Record<string, unknown>): string {
  return JSON.stringify(
    {
      ...meta,
      id: table.id,
      caption: table.caption,
      columns: table.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
      rows: table.rows.map((r) => ({
        key: r.key,
        label: r.label,
        total: r.isTotal === true,
        values: Object.fromEntries(table.columns.map((c) => [c.key, r.cells[c.key]?.hidden ? { hidden: true } : (r.cells[c.key]?.value ?? null)])),
      })),
    },
    null,
    2,
  );
}
