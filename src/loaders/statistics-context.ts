/** What every section builder of the statistics pages gets (src/loaders/statistics.ts), and the wording they share. */
import { dict, formatDate, nameIn } from '../i18n/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import type { StatsFilter } from '../server/stats/one-stop.ts';
import type { FigureRef, StatisticsData } from '../server/stats/statistics.ts';
import type { SectionSums, StatsSection } from '../server/stats/tables.ts';

export type Audience = 'public' | 'staff';
export type AgencyRow = { code: string; name_vi: string; name_en: string; offices: { code: string; name_vi: string; name_en: string }[] };

export interface SectionContext {
  locale: Locale;
  audience: Audience;
  filter: StatsFilter;
  data: StatisticsData;
  agencies: AgencyRow[];
  /** Staff: the drill-down address of a number. */
  drill(ref: FigureRef): string | undefined;
  /** Heads and administrators: the survey responses behind a number (the list's own filters). */
  responses(params: Record<string, string>): string | undefined;
}

export type SectionBuilder = (ctx: SectionContext) => { section: StatsSection; sums: SectionSums } | null;

export const t = (locale: Locale) => dict(locale).statistics;

export function scopeName(ctx: Pick<SectionContext, 'locale' | 'filter' | 'agencies'>): string {
  const tt = t(ctx.locale);
  if (ctx.filter.agencyCode === null) return tt.scopeAll;
  const agency = ctx.agencies.find((a) => a.code === ctx.filter.agencyCode);
  return agency ? tt.scopeWithOffices(nameIn(ctx.locale, agency)) : ctx.filter.agencyCode;
}

export function scopeText(ctx: Pick<SectionContext, 'locale' | 'filter' | 'agencies'>): string {
  return t(ctx.locale).scope(scopeName(ctx), formatDate(ctx.filter.from), formatDate(ctx.filter.to));
}
