/**
 * Page loaders of the enforcement results in the back office (`/can-bo/ket-qua-thi-hanh-an`): the figures, the CSV
 * import with its preview and commit, and the targets form. Redirects, status codes and props are decided here;
 * wording comes from the staff dictionary's `enforcement` section, the figures' column names from the citizen one's
 * `enforcementResults` (shared with the public statistics).
 */
import type { APIContext, AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import type { SessionUser } from '../../server/auth/session.ts';
import { getDb } from '../../server/boot.ts';
import type { CsvProblem } from '../../server/csv-import.ts';
import { canImportResults, canSetTargets, EnforcementError, readableAgencies, type EnforcementActor } from '../../server/enforcement-results/access.ts';
import { resultColumns, resultTemplateCsv } from '../../server/enforcement-results/csv.ts';
import { enforcementResultFigures, enforcementResultYears, type EnforcementFigures } from '../../server/enforcement-results/figures.ts';
import { getImport, recentImports, type ImportRecord } from '../../server/enforcement-results/import.ts';
import { listTargets, percentText, TARGET_YEARS, type TargetRow } from '../../server/enforcement-results/targets.ts';
import { formatNumber } from '../../server/format.ts';
import { statisticalYearOf } from '../../server/enforcement-results/csv.ts';
import { todayInVietnam } from '../../server/validation/dates.ts';
import { dict, formatVietnamDateTime } from '../../i18n/index.ts';
import { fieldProblems, type ErrorLink } from '../error-link.ts';
import { actionFeedback } from '../action-feedback.ts';
import { signedInStaff } from './signed-in.ts';
import type { ResultsImportOutcome, TargetsOutcome } from '../../actions/enforcement-results.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';


type Option = { value: string; label: string };

const t = staffText.enforcement;
const shared = dict('vi').enforcementResults;

/** The signed-in staff member and how the services see them, or null without a session (403). */
function readerOf(Astro: AstroGlobal): { user: SessionUser; actor: EnforcementActor } | null {
  const user = Astro.locals.staff?.user;
  if (!user) return null;
  return { user, actor: { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code } };
}

/** The CSV template of an import (header and one example row), for signed-in staff. */
export function resultsTemplate(ctx: Pick<APIContext, 'locals'>): Response {
  signedInStaff(ctx);
  return new Response(resultTemplateCsv(), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="ket-qua-thi-hanh-an-mau.csv"' },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The figures

export interface ResultsOverviewProps {
  user: SessionUser;
  figures: EnforcementFigures;
  years: number[];
  year: number | null;
  agencyOptions: Option[];
  agencyCode: string;
  canImport: boolean;
  canTarget: boolean;
  errors: ErrorLink[];
  /** The filter's messages under its fields, by field. */
  fieldErrors: Record<string, string>;
}

export async function loadResultsOverview(Astro: AstroGlobal): Promise<Response | ResultsOverviewProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const db = await getDb();
  const agencies = await readableAgencies(db, actor);
  if (agencies.length === 0) return Astro.rewrite('/403');
  const years = await enforcementResultYears(db);
  const p = Astro.url.searchParams;
  const { errors, fieldErrors, add } = fieldProblems();
  const rawYear = (p.get('nam') ?? '').slice(0, 10);
  let year: number | null = years[0] ?? null;
  if (rawYear === 'tat-ca') year = null;
  else if (rawYear) {
    if (/^\d{4}$/.test(rawYear)) year = Number(rawYear);
    else add('year', t.yearProblem);
  }
  const wanted = (p.get('co-quan') ?? '').slice(0, 20);
  const own = actor.agency_code ?? '';
  let agencyCode = own;
  if (wanted) {
    if (agencies.some((a) => a.code === wanted)) agencyCode = wanted;
    else add('agency', staffText.enforcement.agencyProblem);
  }
  if (errors.length > 0) Astro.response.status = 400;
  const figures = await enforcementResultFigures(db, { agencyCode: agencyCode || undefined, year: year ?? undefined });
  return {
    user,
    figures,
    years,
    year,
    agencyOptions: [...(actor.agency_code === null ? [{ value: '', label: staffText.enforcement.allAgencies }] : []), ...agencies.map((a) => ({ value: a.code, label: a.name_vi }))],
    agencyCode,
    canImport: canImportResults(actor.role),
    canTarget: await canSetTargets(db, actor),
    errors,
    fieldErrors,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The import form

export interface ProblemRow {
  line: number;
  column: string;
  text: string;
}

export interface ResultsImportProps {
  user: SessionUser;
  errors: ErrorLink[];
  fileError: string | undefined;
  problems: ProblemRow[];
  problemCount: number;
  recent: { id: string; fileName: string; status: string; rows: string; by: string; at: string }[];
  columns: { name: string; text: string }[];
}

/** A problem of the file as the officer reads it. */
function problemText(p: CsvProblem): string {
  if (p.reason === 'duplicate_row') return t.duplicateRow(p.other ?? 0);
  return t.problems[p.reason] ?? p.reason;
}

export async function loadResultsImport(Astro: AstroGlobal): Promise<Response | ResultsImportProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  if (!canImportResults(actor.role)) return Astro.rewrite('/403');
  const result = Astro.getActionResult(actions.resultsImport);
  const outcome = result?.data;
  if (outcome?.ok && outcome.importId) return Astro.redirect(staffPath('enforcementImportRecord', { id: outcome.importId }), 303);
  const { errors } = actionFeedback<ResultsImportOutcome>(Astro, result, {
    refused: (o) =>
      o.problem === 'problems'
        ? { href: '#loi-tep', text: t.fileHasProblems(o.problemCount) }
        : { href: '#f-file-input', text: o.problem === 'file' ? t.noFile : o.problem === 'type' ? t.notCsv : t.importForbidden },
    failed: { href: '#f-file-input', text: t.unreadable },
    tooLarge: { href: '#f-file-input', text: t.uploadTooLarge },
  });
  const problems: ProblemRow[] =
    outcome && !outcome.ok && outcome.problem === 'problems' ? outcome.problems.map((p: CsvProblem) => ({ line: p.line, column: p.field ?? t.wholeFile, text: problemText(p) })) : [];
  const db = await getDb();
  const recent = await recentImports(db, actor);
  return {
    user,
    errors,
    fileError: errors[0] && errors[0].href === '#f-file-input' ? errors[0].text : problems.length ? t.fileHasProblems(outcome?.problemCount ?? 0) : undefined,
    problems,
    problemCount: outcome?.problemCount ?? 0,
    recent: recent.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      status: r.status === 'committed' ? t.committed : t.previewed,
      rows: formatNumber(r.row_count),
      by: r.staff_email,
      at: formatVietnamDateTime(new Date(r.created_at)),
    })),
    columns: resultColumns.map((c) => ({ name: c, text: t.columns[c] })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// One import: preview, commit, outcome

export interface ResultsImportRecordProps {
  user: SessionUser;
  record: ImportRecord;
  notice: string | undefined;
  errors: ErrorLink[];
  canCommit: boolean;
  commitAction: string;
}

export async function loadResultsImportRecord(Astro: AstroGlobal): Promise<Response | ResultsImportRecordProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  if (!canImportResults(actor.role)) return Astro.rewrite('/403');
  const id = (Astro.params.id ?? '').slice(0, 40);
  const result = Astro.getActionResult(actions.resultsCommit);
  if (result?.data?.ok) return Astro.redirect(staffPath('enforcementImportRecord', { id }, { 'da-ghi': 1 }), 303);
  const db = await getDb();
  let record: ImportRecord;
  try {
    record = await getImport(db, actor, id);
  } catch (err) {
    if (err instanceof EnforcementError && err.reason === 'not_found') return Astro.rewrite('/404');
    throw err;
  }
  const at = record.committedAt ? formatVietnamDateTime(record.committedAt) : '';
  const { errors } = actionFeedback<ResultsImportOutcome>(Astro, result, {
    refused: (data) => ({ href: '#main', text: data.problem === 'committed' ? t.alreadyCommitted(at) : data.problem === 'forbidden' ? t.importForbidden : t.notFound }),
    failed: { href: '#ghi', text: t.unreadable },
  });
  const notice = !result && Astro.url.searchParams.has('da-ghi') && record.committedAt ? t.committedNotice(record.rowCount, at) : undefined;
  return { user, record, notice, errors, canCommit: record.status === 'previewed', commitAction: actions.resultsCommit };
}

// ---------------------------------------------------------------------------------------------------------------
// Targets

export interface TargetsProps {
  user: SessionUser;
  year: number;
  yearOptions: Option[];
  rows: (TargetRow & { cases: string; money: string; casesError?: string; moneyError?: string; setAtText: string })[];
  errors: ErrorLink[];
  /** The message under the year's field. */
  yearError: string | undefined;
  notice: string | undefined;
  action: string;
}

export async function loadTargets(Astro: AstroGlobal): Promise<Response | TargetsProps> {
  const reader = readerOf(Astro);
  if (!reader) return Astro.rewrite('/403');
  const { user, actor } = reader;
  const db = await getDb();
  if (!(await canSetTargets(db, actor))) return Astro.rewrite('/403');
  const result = Astro.getActionResult(actions.targetsSave);
  if (result?.data?.ok) return Astro.redirect(staffPath('enforcementTargets', { nam: result.data.year, 'da-luu': result.data.changed }), 303);
  const current = statisticalYearOf(todayInVietnam());
  const p = Astro.url.searchParams;
  const raw = result?.data?.year ?? p.get('nam') ?? '';
  const { errors, fieldErrors, add } = fieldProblems();
  let year = current;
  if (raw) {
    if (/^\d{4}$/.test(raw) && Number(raw) >= TARGET_YEARS.min && Number(raw) <= TARGET_YEARS.max) year = Number(raw);
    else {
      add('year', t.yearProblem);
      Astro.response.status = 400;
    }
  }
  const fields: Record<string, string> = result?.data && !result.data.ok ? result.data.fields : {};
  const typed: Record<string, string> = result?.data && !result.data.ok ? result.data.values : {};
  // A refusal other than "forbidden" is a field's: its message is under the field (below).
  const feedback = actionFeedback<TargetsOutcome>(Astro, result, {
    refused: (data) => (data.problem === 'forbidden' ? { href: '#main', text: t.targetsForbidden } : { errors: [] }),
    failed: { href: '#main', text: t.unreadable },
  });
  errors.push(...feedback.errors);
  const targets = await listTargets(db, actor, year);
  const message = (f: string | undefined) => (f === 'percent' ? t.percentProblem : f === 'required' ? t.percentRequired : undefined);
  const rows = targets.map((r) => {
    const casesError = message(fields[`${r.agencyCode}.cases`]);
    const moneyError = message(fields[`${r.agencyCode}.money`]);
    if (casesError) errors.push({ href: `#f-cases-${r.agencyCode}-input`, text: `${r.agencyName}: ${casesError}` });
    if (moneyError) errors.push({ href: `#f-money-${r.agencyCode}-input`, text: `${r.agencyName}: ${moneyError}` });
    return {
      ...r,
      cases: typed[`cases.${r.agencyCode}`] ?? (r.casesTarget === null ? '' : percentText(r.casesTarget)),
      money: typed[`money.${r.agencyCode}`] ?? (r.moneyTarget === null ? '' : percentText(r.moneyTarget)),
      casesError,
      moneyError,
      setAtText: r.setAt ? formatVietnamDateTime(r.setAt) : shared.none,
    };
  });
  const saved = p.get('da-luu');
  const yearOptions: Option[] = [];
  for (let y = current + 1; y >= current - 3; y--) yearOptions.push({ value: String(y), label: t.year(y) });
  if (!yearOptions.some((o) => o.value === String(year))) yearOptions.push({ value: String(year), label: t.year(year) });
  return {
    user,
    year,
    yearOptions,
    rows,
    errors,
    yearError: fieldErrors.year,
    notice: saved !== null && /^\d{1,3}$/.test(saved) && !result ? t.targetsSaved(Number(saved)) : undefined,
    action: actions.targetsSave,
  };
}
