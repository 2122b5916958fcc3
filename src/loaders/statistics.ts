/**
 * Page loaders of the statistics: the public page (`/thong-ke`, `/en/statistics`), the downloads of both pages, and
 * what the back-office page (`/can-bo/thong-ke`, nothing hidden, every number a link; staff/statistics.ts) builds on.
 *
 * The page is a list of sections, each built from the figures by one builder (`sectionBuilders`): a title, the
 * definitions, tables, and charts drawn from those tables. A builder returns null when it has nothing to show, and
 * says which cells add up to which (for small-count suppression on the public page). More subjects (satisfaction,
 * enforcement results) are more builders in that list.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { dict, formatDate, formatDecimal, formatNumber, formatPercent, nameIn, otherLocale, pathTo } from '../i18n/index.ts';
import type { SessionUser } from '../server/auth/session.ts';
import { listAgencies } from '../server/agencies.ts';
import { getDb, getReadDb } from '../server/boot.ts';
import { oneStopProcedures } from '../server/catalog/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import { parseDate } from '../server/registry/admin.ts';
import { abuseLimits } from '../server/abuse-limits.ts';
import { clientAddress } from '../server/ratelimit.ts';
import { cachedStats, hasCachedStats, STATS_TTL_MS } from '../server/stats/cache.ts';
import { cacheForEveryone } from './cache-for-everyone.ts';
import type { OneStopCounts, StatsFilter } from '../server/stats/one-stop.ts';
import { figureRefParams, statisticsData, type FigureRef, type StatisticsData } from '../server/stats/statistics.ts';
import { cellText, suppressSection, tableCsv, tableJson, tableSums, type SectionSums, type StatsCell, type StatsColumn, type StatsRow, type StatsSection, type StatsTable } from '../server/stats/tables.ts';
import { staffPath } from '../server/routes.ts';
import { todayInVietnam } from '../server/validation/dates.ts';
import { scopeName, scopeText, t, type AgencyRow, type Audience, type SectionBuilder, type SectionContext } from './statistics-context.ts';
import { enforcementSection } from './statistics-enforcement.ts';
import { satisfactionSection } from './statistics-satisfaction.ts';
import { signedInStaff } from './staff/signed-in.ts';
import { tooManyText } from './too-many.ts';
import type { ErrorLink } from './error-link.ts';

type Option = { value: string; label: string };

/** The longest period one request may ask for: every figure reads each dossier of the period. */
const MAX_PERIOD_DAYS = 5 * 366;

/** The default period: the last 12 months, from the first day of the month 11 months ago to today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
  return { from: start, to: today };
}

export const monthLabel = (yyyyMm: string) => `${yyyyMm.slice(5, 7)}/${yyyyMm.slice(0, 4)}`;

/** The months of a period, yyyy-mm. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let key = from.slice(0, 7); key <= end; key = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// One-stop

const COUNT_COLUMNS = ['received', 'online', 'counter', 'returned', 'onTime', 'late', 'overdueNow'] as const;

function oneStopColumns(locale: Locale, withOverdue: boolean): StatsColumn[] {
  const c = t(locale).oneStop.columns;
  const columns: StatsColumn[] = [
    { key: 'received', label: c.received, kind: 'count' },
    { key: 'online', label: c.online, kind: 'count' },
    { key: 'counter', label: c.counter, kind: 'count' },
    { key: 'onlineShare', label: c.onlineShare, kind: 'share', dependsOn: ['online', 'counter'] },
    { key: 'returned', label: c.returned, kind: 'count' },
    { key: 'onTime', label: c.onTime, kind: 'count' },
    { key: 'late', label: c.late, kind: 'count' },
    { key: 'onTimeShare', label: c.onTimeShare, kind: 'share', dependsOn: ['onTime', 'late'] },
    { key: 'averageDays', label: c.averageDays, kind: 'decimal', dependsOn: ['returned'] },
  ];
  if (withOverdue) columns.push({ key: 'overdueNow', label: c.overdueNow, kind: 'count' });
  return columns;
}

function oneStopRow(ctx: SectionContext, key: string, label: string, counts: OneStopCounts | undefined, group: { dimension: 'procedure' | 'agency' | 'month'; key: string } | undefined, isTotal = false): StatsRow {
  const n = counts;
  const share = (a: number, b: number) => (b === 0 ? null : a / b);
  const href = (figure: (typeof COUNT_COLUMNS)[number]) => ctx.drill({ subject: 'oneStop', figure, ...(group ? { group } : {}) });
  const cells: Record<string, StatsCell> = {};
  for (const f of COUNT_COLUMNS) cells[f] = { value: n?.[f] ?? 0, href: href(f) };
  cells.onlineShare = { value: n ? share(n.online, n.received) : null, href: href('online') };
  cells.onTimeShare = { value: n ? share(n.onTime, n.returned) : null, href: href('onTime') };
  cells.averageDays = { value: n?.averageWorkingDays ?? null, href: href('returned') };
  return { key, label, cells, isTotal };
}

const oneStopSection: SectionBuilder = (ctx) => {
  const { locale, filter, data } = ctx;
  const tt = t(locale);
  const o = tt.oneStop;
  const stats = data.oneStop;
  const total = () => oneStopRow(ctx, 'total', tt.totalRow, stats.total, undefined, true);
  const scope = scopeText(ctx);
  const caption = (what: string) => `${o.title} — ${what} (${scope})`;

  const byProcedure: StatsTable = {
    id: 'mot-cua-theo-thu-tuc',
    caption: caption(o.byProcedure),
    rowHeading: o.procedureHeading,
    columns: oneStopColumns(locale, true),
    rows: [
      ...oneStopProcedures.map((p) => oneStopRow(ctx, p.code, p.name[locale], stats.by.procedure.get(p.code), { dimension: 'procedure', key: p.code })),
      total(),
    ],
  };
  const agencyList =
    filter.agencyCode === null
      ? ctx.agencies
      : ctx.agencies.filter((a) => a.code === filter.agencyCode).flatMap((a) => [{ ...a, offices: [] }, ...a.offices.map((o) => ({ ...o, offices: [] }))]);
  const byAgency: StatsTable = {
    id: 'mot-cua-theo-co-quan',
    caption: caption(o.byAgency),
    rowHeading: o.agencyHeading,
    columns: oneStopColumns(locale, true),
    rows: [...agencyList.map((a) => oneStopRow(ctx, a.code, nameIn(locale, a), stats.by.agency.get(a.code), { dimension: 'agency', key: a.code })), total()],
  };
  const byMonth: StatsTable = {
    id: 'mot-cua-theo-thang',
    caption: caption(o.byMonth),
    rowHeading: o.monthHeading,
    columns: oneStopColumns(locale, false),
    rows: [...monthsOf(filter.from, filter.to).map((m) => oneStopRow(ctx, m, monthLabel(m), stats.by.month.get(m), { dimension: 'month', key: m })), total()],
  };
  const rowSums = [
    { total: 'received', parts: ['online', 'counter'] },
    { total: 'returned', parts: ['onTime', 'late'] },
  ];
  const sums: SectionSums = {
    equations: [
      ...tableSums(byProcedure, COUNT_COLUMNS, rowSums),
      ...tableSums(byAgency, COUNT_COLUMNS, rowSums),
      ...tableSums(byMonth, COUNT_COLUMNS.filter((c) => c !== 'overdueNow'), rowSums),
    ],
  };
  const d = o.definitions;
  const c = o.columns;
  return {
    sums,
    section: {
      id: 'mot-cua',
      title: o.title,
      lead: o.lead,
      definitions: [
        { term: `${c.received}, ${c.online.toLowerCase()}, ${c.counter.toLowerCase()}`, text: d.received },
        { term: c.returned, text: d.returned },
        { term: c.onTime, text: d.onTime },
        { term: c.late, text: d.late },
        { term: c.averageDays, text: d.averageDays },
        { term: c.overdueNow, text: d.overdueNow },
        { term: o.byMonth, text: o.monthNote },
      ],
      tables: [byMonth, byProcedure, byAgency],
      charts: [
        {
          tableId: byMonth.id,
          title: o.chartMonthTitle,
          description: o.chartMonthDescription(monthLabel(filter.from), monthLabel(filter.to)),
          series: ['onTime', 'late'],
        },
        { tableId: byProcedure.id, title: o.chartProcedureTitle, description: o.chartProcedureDescription, series: ['received'] },
      ],
    },
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Complaints and denunciations (the reporting figures of src/server/figures.ts)

const petitionsSection: SectionBuilder = (ctx) => {
  const { locale, data } = ctx;
  const p = t(locale).petitions;
  const f = data.petitions;
  const label = p.figures;
  const scope = scopeText(ctx);
  const cell = (value: number | null, ref?: FigureRef['figure']): StatsCell => ({ value, href: ref ? ctx.drill({ subject: 'petitions', figure: ref as never }) : undefined });
  const intake: StatsTable = {
    id: 'khieu-nai-to-cao-tiep-nhan',
    caption: `${p.caption} — ${label.petitions.toLowerCase()} (${scope})`,
    rowHeading: p.figureHeading,
    columns: (['visits', 'citizens', 'petitions', 'complaints', 'denunciations', 'cases', 'withinAuthority', 'outsideAuthority'] as const).map((k) => ({ key: k, label: label[k], kind: 'count' })),
    rows: [
      {
        key: 'scope',
        label: scopeName(ctx),
        cells: {
          visits: cell(f.visits),
          citizens: cell(f.citizens),
          petitions: cell(f.petitions, 'petitions'),
          complaints: cell(f.complaints, 'complaints'),
          denunciations: cell(f.denunciations, 'denunciations'),
          cases: cell(f.cases, 'petitions'),
          withinAuthority: cell(f.withinAuthority, 'withinAuthority'),
          outsideAuthority: cell(f.outsideAuthority, 'outsideAuthority'),
        },
      },
    ],
  };
  const handling: StatsTable = {
    id: 'khieu-nai-to-cao-giai-quyet',
    caption: `${p.caption} — ${label.resolved.toLowerCase()} (${scope})`,
    rowHeading: p.figureHeading,
    columns: [
      { key: 'accepted', label: label.accepted, kind: 'count' },
      { key: 'resolved', label: label.resolved, kind: 'count' },
      { key: 'resolvedOnTime', label: label.resolvedOnTime, kind: 'count' },
      { key: 'resolvedRate', label: label.resolvedRate, kind: 'share', dependsOn: ['resolved', 'accepted'] },
      { key: 'onTimeRate', label: label.onTimeRate, kind: 'share', dependsOn: ['resolvedOnTime', 'resolved'] },
    ],
    rows: [
      {
        key: 'scope',
        label: scopeName(ctx),
        cells: {
          accepted: cell(f.accepted, 'accepted'),
          resolved: cell(f.resolved, 'resolved'),
          resolvedOnTime: cell(f.resolvedOnTime, 'resolvedOnTime'),
          resolvedRate: cell(f.resolvedRate, 'resolved'),
          onTimeRate: cell(f.onTimeRate, 'resolvedOnTime'),
        },
      },
    ],
  };
  const i = `${intake.id}:scope|`;
  const h = `${handling.id}:scope|`;
  // Not published, but the difference of two published counts: hidden when small, like any count.
  const implicit = new Map([
    ['petitions:resolvedLate', f.resolved - f.resolvedOnTime],
    ['petitions:acceptedOpen', f.accepted - f.resolved],
  ]);
  const sums: SectionSums = {
    equations: [
      [`${i}petitions`, `${i}complaints`, `${i}denunciations`],
      [`${i}petitions`, `${i}withinAuthority`, `${i}outsideAuthority`],
      [`${h}resolved`, `${h}resolvedOnTime`, 'petitions:resolvedLate'],
      [`${h}accepted`, `${h}resolved`, 'petitions:acceptedOpen'],
    ],
    implicit,
  };
  const d = p.definitions;
  return {
    sums,
    section: {
      id: 'khieu-nai-to-cao',
      title: p.title,
      lead: p.lead,
      definitions: [
        { term: `${label.visits}, ${label.citizens.toLowerCase()}`, text: d.visits },
        { term: label.petitions, text: d.petitions },
        { term: label.cases, text: d.cases },
        { term: label.withinAuthority, text: d.withinAuthority },
        { term: label.accepted, text: d.accepted },
        { term: label.resolved, text: d.resolved },
        { term: label.resolvedOnTime, text: d.resolvedOnTime },
        { term: p.title, text: p.stageNote },
      ],
      tables: [intake, handling],
      charts: [],
    },
  };
};

/** The sections of the page, in order. Later subjects add a builder here. */
const sectionBuilders: SectionBuilder[] = [oneStopSection, petitionsSection, satisfactionSection, enforcementSection];


// ---------------------------------------------------------------------------------------------------------------
// Filters

interface FilterForm {
  agency: string;
  from: string;
  to: string;
}

/** Reads the GET form. Staff of an agency see their provincial agency only; the public and central staff any. */
export function readFilter(locale: Locale, params: URLSearchParams, agencies: AgencyRow[], today: string, fixedAgency: string | null): { form: FilterForm; filter: StatsFilter | null; errors: ErrorLink[] } {
  const e = t(locale).errors;
  const defaults = defaultPeriod(today);
  const raw = (name: string, fallback: string) => (params.get(name) ?? '').trim().slice(0, 20) || fallback;
  const form: FilterForm = { agency: fixedAgency ?? raw('co-quan', ''), from: raw('tu-ngay', defaults.from), to: raw('den-ngay', defaults.to) };
  const from = parseDate(form.from);
  const to = parseDate(form.to);
  const errors: ErrorLink[] = [];
  if (form.agency !== '' && !agencies.some((a) => a.code === form.agency)) errors.push({ href: '#stats-agency', text: e.agencyUnknown });
  if (!from) errors.push({ href: '#stats-from', text: e.fromInvalid });
  if (!to) errors.push({ href: '#stats-to', text: e.toInvalid });
  if (from && to && from > to) errors.push({ href: '#stats-to', text: e.order });
  if (from && to && from <= to && (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS) errors.push({ href: '#stats-to', text: e.tooLong });
  const filter = errors.length === 0 ? { agencyCode: form.agency || null, from: from!, to: to! } : null;
  // The form shows dates as dd/mm/yyyy (what people type); links carry yyyy-mm-dd. Both are read back.
  return { form: filter ? { agency: form.agency, from: formatDate(filter.from), to: formatDate(filter.to) } : form, filter, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

export interface StatisticsProps {
  locale: Locale;
  audience: Audience;
  form: FilterForm;
  agencyOptions: Option[];
  errors: ErrorLink[];
  sections: StatsSection[];
  /** Per table id: its CSV and JSON addresses. */
  downloads: Record<string, { csv: string; json: string }>;
  asOf: string;
  /** The same page in the other language (public pages). */
  alternate: string;
  user?: SessionUser;
}

export function filterQuery(filter: StatsFilter): URLSearchParams {
  return new URLSearchParams({ 'co-quan': filter.agencyCode ?? '', 'tu-ngay': filter.from, 'den-ngay': filter.to });
}

/** The provincial agency a staff member's figures cover; null for central staff (every agency). */
export const staffAgency = (user: SessionUser, agencies: AgencyRow[]) =>
  user.agency_code === null ? null : (agencies.find((a) => a.code === user.agency_code || a.offices.some((o) => o.code === user.agency_code))?.code ?? user.agency_code);

export async function buildPage(
  locale: Locale,
  audience: Audience,
  params: URLSearchParams,
  user?: SessionUser,
  client = 'unknown',
): Promise<{ status: number; retryAfterSeconds?: number; form: FilterForm; filter: StatsFilter | null; errors: ErrorLink[]; sections: StatsSection[]; agencies: AgencyRow[]; today: string }> {
  // The public figures may come from the replica (DATABASE_READ_URL); the staff's are fresh from the primary.
  const db = audience === 'public' ? await getReadDb() : await getDb();
  // Reference data, kept in the process from the primary (src/server/reference-cache.ts).
  const agencies = await listAgencies(await getDb());
  const today = todayInVietnam();
  const fixed = user ? staffAgency(user, agencies) : null;
  const { form, filter, errors } = readFilter(locale, params, agencies, today, fixed);
  if (!filter) return { status: 400, form, filter, errors, sections: [], agencies, today };
  // The public sections are the same for everyone: built (and suppressed) once per language and filter.
  const key = `sections|${locale}|${filter.agencyCode}|${filter.from}|${filter.to}|${today}`;
  if (audience === 'public' && !hasCachedStats(key)) {
    const limited = await abuseLimits.statistics.hit(await getDb(), client);
    if (!limited.allowed) {
      const text = tooManyText(locale, 'statistics', limited.retryAfterSeconds);
      return { status: 429, retryAfterSeconds: limited.retryAfterSeconds, form, filter: null, errors: [{ href: '#stats-from', text }], sections: [], agencies, today };
    }
  }
  const sections =
    audience === 'public'
      ? await cachedStats(key, async () =>
          statisticsSections(locale, audience, filter, await statisticsData(db, filter, today), agencies),
        )
      : statisticsSections(locale, audience, filter, await statisticsData(db, filter, today, { fresh: true }), agencies, user);
  return { status: 200, form, filter, errors, sections, agencies, today };
}

/**
 * The page's sections for these figures: the public's with small counts hidden, the staff's complete and with every
 * number linked to its dossiers. Sections with no table are left out.
 */
export function statisticsSections(
  locale: Locale,
  audience: Audience,
  filter: StatsFilter,
  data: StatisticsData,
  agencies: AgencyRow[],
  reader?: Pick<SessionUser, 'role'>,
): StatsSection[] {
  const query = filterQuery(filter);
  const ctx: SectionContext = {
    locale,
    audience,
    filter,
    data,
    agencies,
    drill: (ref) => (audience === 'staff' ? `${staffPath('statisticsDossiers')}?${new URLSearchParams({ ...Object.fromEntries(query), ...figureRefParams(ref) })}` : undefined),
    // Individual survey answers are for heads and administrators only (src/server/survey/staff-access.ts).
    responses: (params) =>
      audience === 'staff' && (reader?.role === 'head' || reader?.role === 'admin')
        ? `${staffPath('surveys')}?${new URLSearchParams({ 'tu-ngay': filter.from, 'den-ngay': filter.to, 'co-quan': filter.agencyCode ?? '', ...params })}`
        : undefined,
  };
  return sectionBuilders
    .map((build) => build(ctx))
    .filter((b): b is NonNullable<typeof b> => b !== null && b.section.tables.length > 0)
    .map(({ section, sums }) => (audience === 'public' ? suppressSection(section, sums) : section));
}

export function downloadsOf(sections: StatsSection[], base: string, filter: StatsFilter | null): StatisticsProps['downloads'] {
  const q = filter ? `?${filterQuery(filter)}` : '';
  return Object.fromEntries(sections.flatMap((s) => s.tables.map((tb) => [tb.id, { csv: `${base}${tb.id}.csv${q}`, json: `${base}${tb.id}.json${q}` }])));
}

export function agencyOptionsOf(locale: Locale, agencies: AgencyRow[], withAll: boolean): Option[] {
  return [...(withAll ? [{ value: '', label: t(locale).allAgencies }] : []), ...agencies.map((a) => ({ value: a.code, label: nameIn(locale, a) }))];
}

/** The public page: small counts hidden; the same for everyone, so cached briefly by browsers and proxies too. */
export async function loadPublicStatistics(Astro: AstroGlobal, locale: Locale): Promise<StatisticsProps> {
  const page = await buildPage(locale, 'public', Astro.url.searchParams, undefined, clientAddress(Astro.request, Astro.clientAddress));
  Astro.response.status = page.status;
  if (page.retryAfterSeconds) Astro.response.headers.set('Retry-After', String(page.retryAfterSeconds));
  Astro.response.headers.set('Cache-Control', page.status !== 200 ? 'no-store' : Astro.request.headers.has('cookie') ? 'private, max-age=60' : 'public, max-age=60');
  if (page.status === 200) cacheForEveryone(Astro, ['agencies'], { maxAgeS: STATS_TTL_MS / 1000 });
  const other = otherLocale(locale);
  return {
    locale,
    audience: 'public',
    form: page.form,
    agencyOptions: agencyOptionsOf(locale, page.agencies, true),
    errors: page.errors,
    sections: page.sections,
    downloads: downloadsOf(page.sections, pathTo('statisticsDownload', locale), page.filter),
    asOf: t(locale).asOf(formatDate(page.today)),
    alternate: pathTo('statistics', other) + (Astro.url.search || ''),
  };
}

const cellFormats = (locale: Locale) => ({
  hidden: t(locale).hiddenCell,
  empty: t(locale).empty,
  count: formatNumber,
  share: formatPercent,
  decimal: formatDecimal,
});

/** The formatted text of a cell on the page. */
export function statsCellText(locale: Locale, cell: StatsCell, column: StatsColumn): string {
  return cellText(cell, column, cellFormats(locale));
}

/** A table as a CSV or JSON file (`file` = `<table id>.csv|json`), with the page's filters. 404 for an unknown table. */
export async function statisticsFile(ctx: APIContext, locale: Locale, audience: Audience): Promise<Response> {
  const user = audience === 'staff' ? signedInStaff(ctx).user : undefined;
  const match = /^([a-z0-9-]{1,60})\.(csv|json)$/.exec(ctx.params.file ?? '');
  const page = await buildPage(locale, audience, ctx.url.searchParams, user, clientAddress(ctx.request, ctx.clientAddress));
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...(page.retryAfterSeconds ? { 'Retry-After': String(page.retryAfterSeconds) } : {}) } });
  if (!page.filter) return text(page.status, page.errors.map((e) => e.text).join('\n'));
  const table = match ? page.sections.flatMap((s) => s.tables).find((tb) => tb.id === match[1]) : undefined;
  if (!match || !table) return text(404, dict(locale).errorPages.notFoundTitle);
  const name = `${table.id}-${page.filter.from}-${page.filter.to}.${match[2]}`;
  const cache = audience === 'public' ? 'public, max-age=60' : 'no-store';
  if (match[2] === 'csv') {
    const body = tableCsv(table, (cell, column) => statsCellText(locale, cell, column));
    return new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': cache } });
  }
  const body = tableJson(table, { agency: page.filter.agencyCode, from: page.filter.from, to: page.filter.to, asOf: page.today, suppressed: audience === 'public' });
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': cache } });
}
