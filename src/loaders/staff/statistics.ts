/**
 * Loaders of the back office's statistics (`/can-bo/thong-ke`, nothing hidden, every number a link to its dossiers)
 * and of its drill-down list (`/can-bo/thong-ke/ho-so`), and of the complaint and denunciation figures
 * (`/can-bo/so-lieu`). The sections are the public page's (../statistics.ts); its downloads are served there too.
 */
import type { AstroGlobal } from 'astro';
import { formatDate, pathTo } from '../../i18n/index.ts';
import type { SessionUser } from '../../server/auth/session.ts';
import { listAgencies } from '../../server/agencies.ts';
import { getDb } from '../../server/boot.ts';
import { procedureByCode } from '../../server/catalog/index.ts';
import { statusLabel } from '../../server/dossiers/lifecycle.ts';
import { staffPath } from '../../server/routes.ts';
import { DRILL_PAGE_SIZE, figureDossiers, figureRefParams, parseFigureRef, type DrillDossier } from '../../server/stats/statistics.ts';
import { todayInVietnam } from '../../server/validation/dates.ts';
import { agencyFigures, type AgencyFigures } from '../../server/figures.ts';
import { figuresAgencyOptions } from '../../server/reception-visits.ts';
import { parseDate } from '../../server/registry/admin.ts';
import { staffText } from '../../i18n/staff/index.ts';
import { fieldProblems, type ErrorLink } from '../error-link.ts';
import { scopeName, t } from '../statistics-context.ts';
import { agencyOptionsOf, buildPage, downloadsOf, filterQuery, monthLabel, readFilter, staffAgency, type StatisticsProps } from '../statistics.ts';
import { readerOf as receptionReaderOf } from './visits.ts';

export type { StatisticsProps };

/** The signed-in staff member, or null: any signed-in staff member reads the statistics. */
const readerOf = (Astro: AstroGlobal): SessionUser | null => Astro.locals.staff?.user ?? null;

/** The back-office page: nothing hidden, every number a link to its dossiers. Any signed-in staff member. */
export async function loadStaffStatistics(Astro: AstroGlobal): Promise<Response | StatisticsProps> {
  const user = readerOf(Astro);
  if (!user) return Astro.rewrite('/403');
  const page = await buildPage('vi', 'staff', Astro.url.searchParams, user);
  Astro.response.status = page.status;
  const options = agencyOptionsOf('vi', page.agencies, user.agency_code === null).filter((o) => user.agency_code === null || o.value === page.form.agency);
  return {
    locale: 'vi',
    audience: 'staff',
    form: page.form,
    agencyOptions: options,
    errors: page.errors,
    sections: page.sections,
    downloads: downloadsOf(page.sections, staffPath('statisticsDownload', { file: '' }), page.filter),
    asOf: t('vi').asOf(formatDate(page.today)),
    alternate: pathTo('statistics', 'vi'),
    user,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down

export interface DrillRow extends DrillDossier {
  href: string;
  procedureName: string;
  agencyName: string;
  statusName: string;
}

export interface StatsDrillProps {
  user: SessionUser;
  figureLabel: string;
  groupLabel: string | null;
  period: string;
  total: number;
  page: number;
  pages: number;
  rows: DrillRow[];
  back: string;
  pageHref(n: number): string;
  kind: 'oneStop' | 'petitions';
}

/** The dossiers behind one number of the staff page. */
export async function loadStatsDrill(Astro: AstroGlobal): Promise<Response | StatsDrillProps> {
  const user = readerOf(Astro);
  if (!user) return Astro.rewrite('/403');
  const params = Astro.url.searchParams;
  const ref = parseFigureRef(params);
  const db = await getDb();
  const agencies = await listAgencies(db);
  const today = todayInVietnam();
  const { filter } = readFilter('vi', params, agencies, today, staffAgency(user, agencies));
  if (!ref || !filter) return Astro.rewrite('/404');
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('trang') ?? '1', 10) || 1));
  const { total, dossiers } = await figureDossiers(db, filter, today, ref, page);
  const names = new Map(agencies.flatMap((a) => [a, ...a.offices]).map((a) => [a.code, a.name_vi]));
  const tt = t('vi');
  const figureLabel =
    ref.subject === 'oneStop' ? tt.oneStop.columns[ref.figure] : tt.petitions.figures[ref.figure];
  const groupLabel = ref.subject === 'oneStop' && ref.group
    ? ref.group.dimension === 'procedure'
      ? (procedureByCode(ref.group.key)?.name.vi ?? ref.group.key)
      : ref.group.dimension === 'agency'
        ? (names.get(ref.group.key) ?? ref.group.key)
        : monthLabel(ref.group.key)
    : null;
  const query = filterQuery(filter);
  const base = new URLSearchParams({ ...Object.fromEntries(query), ...figureRefParams(ref) });
  const kindOf = (code: string) => procedureByCode(code)?.kind ?? 'one-stop';
  return {
    user,
    kind: ref.subject,
    figureLabel,
    groupLabel,
    period: tt.scope(scopeName({ locale: 'vi', filter, agencies }), formatDate(filter.from), formatDate(filter.to)),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / DRILL_PAGE_SIZE)),
    rows: dossiers.map((d) => ({
      ...d,
      href: staffPath('dossier', { code: d.code }),
      procedureName: procedureByCode(d.procedure_code)?.name.vi ?? d.procedure_code,
      agencyName: names.get(d.agency_code) ?? d.agency_code,
      statusName: statusLabel(kindOf(d.procedure_code), d.status as never).vi,
    })),
    back: `${staffPath('statistics')}?${query}`,
    pageHref: (n) => `${staffPath('statisticsDossiers')}?${new URLSearchParams({ ...Object.fromEntries(base), trang: String(n) })}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The complaint and denunciation figures (/can-bo/so-lieu): for those who read the reception log

export interface FiguresProps {
  user: SessionUser;
  agencyOptions: { value: string; label: string }[];
  agencyCode: string;
  from: string;
  to: string;
  errors: ErrorLink[];
  /** The filter's messages under its fields, by field. */
  fieldErrors: Record<string, string>;
  figures: AgencyFigures | null;
}

export async function loadFigures(Astro: AstroGlobal): Promise<Response | FiguresProps> {
  const reader = receptionReaderOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const db = await getDb();
  const agencies = await figuresAgencyOptions(db, actor);
  const p = Astro.url.searchParams;
  const today = todayInVietnam();
  const agencyCode = (p.get('co-quan') ?? actor.agency_code ?? agencies[0]?.code ?? '').slice(0, 20);
  const rawFrom = (p.get('tu-ngay') ?? `${today.slice(0, 7)}-01`).slice(0, 20);
  const rawTo = (p.get('den-ngay') ?? today).slice(0, 20);
  const from = parseDate(rawFrom);
  const to = parseDate(rawTo);
  const f = staffText.statistics.figures;
  const { errors, fieldErrors, add } = fieldProblems();
  if (!from) add('from', f.problems.from);
  if (!to) add('to', f.problems.to);
  if (from && to && from > to) add('to', f.problems.order);
  if (!agencies.some((a) => a.code === agencyCode)) add('agency', f.problems.agency);
  if (errors.length > 0) Astro.response.status = 400;
  const figures = errors.length === 0 ? await agencyFigures(db, agencyCode, { from: from!, to: to! }) : null;
  return { user, agencyOptions: agencies.map((a) => ({ value: a.code, label: a.name_vi })), agencyCode, from: from ?? rawFrom, to: to ?? rawTo, errors, fieldErrors, figures };
}
