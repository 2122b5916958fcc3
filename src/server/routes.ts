import type { Locale } from './catalog/types.ts';

/** Every citizen page's path in each language; the language switch and links are built from this one table. */
export const routes = {
  home: { vi: '/', en: '/en/' },
  agencies: { vi: '/co-quan-thi-hanh-an', en: '/en/agencies' },
  privacy: { vi: '/quyen-rieng-tu', en: '/en/privacy' },
  terms: { vi: '/dieu-khoan-su-dung', en: '/en/terms' },
  procedure: { vi: '/thu-tuc/', en: '/en/procedures/' },
  apply: { vi: '/nop-ho-so/', en: '/en/apply/' },
  track: { vi: '/tra-cuu-ho-so', en: '/en/track' },
  registry: { vi: '/danh-sach-chua-co-dieu-kien-thi-hanh', en: '/en/debtors-without-means' },
  /** The satisfaction survey of one dossier: the signed token follows (src/server/survey/invitation.ts). */
  survey: { vi: '/khao-sat/', en: '/en/survey/' },
  surveyThanks: { vi: '/khao-sat/cam-on', en: '/en/survey/thank-you' },
  feedback: { vi: '/gop-y', en: '/en/feedback' },
  feedbackThanks: { vi: '/gop-y/cam-on', en: '/en/feedback/thank-you' },
  statistics: { vi: '/thong-ke', en: '/en/statistics' },
  /** Followed by `<table id>.csv` or `.json`. */
  statisticsDownload: { vi: '/thong-ke/tai-ve/', en: '/en/statistics/download/' },
} as const satisfies Record<string, Record<Locale, string>>;

export type RouteName = keyof typeof routes;

/** The path of a page in a language; `slug` completes the procedure route. */
export function pathTo(name: RouteName, locale: Locale, slug = ''): string {
  return routes[name][locale] + slug;
}

/** The language a URL path is in: English under /en, Vietnamese everywhere else. */
export function localeOfPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'vi';
}

/** The steps of an application after its form, per language (after `/nop-ho-so/<slug>/`; at the counter, after `/can-bo/tiep-nhan/<slug>/`). */
export const applySteps = {
  check: { vi: 'kiem-tra', en: 'check' },
  confirmation: { vi: 'xac-nhan', en: 'confirmation' },
  receipt: { vi: 'bien-nhan', en: 'receipt' },
} as const satisfies Record<string, Record<Locale, string>>;
export type ApplyStep = keyof typeof applySteps;

/** The path of a step of a citizen's application (no step: the form), from the procedure's slug in that language. */
export function applyStepPath(locale: Locale, slug: string, step?: ApplyStep): string {
  const base = pathTo('apply', locale, slug);
  return step ? `${base}/${applySteps[step][locale]}` : base;
}

/** The parts of a tracked dossier's pages, per language (after `/tra-cuu-ho-so/<code>/`). */
export const trackedParts = {
  file: { vi: 'tep', en: 'file' },
  notice: { vi: 'van-ban', en: 'notice' },
  receipt: { vi: 'bien-nhan', en: 'receipt' },
} as const satisfies Record<string, Record<Locale, string>>;
export type TrackedPart = keyof typeof trackedParts;

/**
 * The page of one tracked dossier (held by the tracking cookie), or one of its parts: a file (`item` = attachment
 * id), a printable notice (`item` = its slug) or the receipt.
 */
export function trackedDossierPath(locale: Locale, code: string, part?: TrackedPart, item?: string | number): string {
  const base = `${routes.track[locale]}/${encodeURIComponent(code)}`;
  if (!part) return base;
  return `${base}/${trackedParts[part][locale]}${item === undefined ? '' : `/${encodeURIComponent(String(item))}`}`;
}

/** The absolute address of the tracking page with a dossier code filled in; also what the receipt's QR code opens. */
export function trackingUrl(publicUrl: string, locale: Locale, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${pathTo('track', locale)}?code=${encodeURIComponent(code)}`;
}

/** The absolute address of a dossier's survey, for the invitation e-mail. */
export function surveyUrl(publicUrl: string, locale: Locale, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${pathTo('survey', locale, token)}`;
}

/**
 * Every back-office page's path. The back office is in Vietnamese only, so each has one path; its name says in English
 * what the page is (docs/architecture.md has the glossary of the words). `:name` is filled by `staffPath()`.
 * tests/unit/route-table.test.ts holds this table and the files under src/pages/can-bo to each other.
 */
export const staffRoutes = {
  queue: '/can-bo',
  signIn: '/can-bo/dang-nhap',
  signOut: '/can-bo/dang-xuat',
  twoStep: '/can-bo/xac-thuc-2-buoc',
  myAccount: '/can-bo/tai-khoan',
  dossier: '/can-bo/ho-so/:code',
  dossierNotice: '/can-bo/ho-so/:code/in/:doc',
  dossierFile: '/can-bo/ho-so/:code/tep/:id',
  dossierDenouncer: '/can-bo/ho-so/:code/nguoi-to-cao',
  intake: '/can-bo/tiep-nhan',
  intakeForm: '/can-bo/tiep-nhan/:slug',
  intakeCheck: '/can-bo/tiep-nhan/:slug/kiem-tra',
  intakeConfirmation: '/can-bo/tiep-nhan/:slug/xac-nhan',
  intakeReceipt: '/can-bo/tiep-nhan/:slug/bien-nhan',
  registry: '/can-bo/danh-sach',
  registryEntry: '/can-bo/danh-sach/:id',
  registryAdd: '/can-bo/danh-sach/them',
  registryImport: '/can-bo/danh-sach/nhap',
  registryImportJob: '/can-bo/danh-sach/nhap/:id',
  registryImportProgress: '/can-bo/danh-sach/nhap/:id/tien-do.json',
  registryExport: '/can-bo/danh-sach/xuat.csv',
  admin: '/can-bo/quan-tri',
  adminStaff: '/can-bo/quan-tri/nguoi-dung',
  adminAgencies: '/can-bo/quan-tri/co-quan',
  adminCalendar: '/can-bo/quan-tri/lich',
  adminAudit: '/can-bo/quan-tri/nhat-ky',
  surveys: '/can-bo/khao-sat',
  surveyResponse: '/can-bo/khao-sat/:id',
  surveyFeedback: '/can-bo/khao-sat/gop-y',
  statistics: '/can-bo/thong-ke',
  statisticsDossiers: '/can-bo/thong-ke/ho-so',
  statisticsDownload: '/can-bo/thong-ke/tai-ve/:file',
  complaintFigures: '/can-bo/so-lieu',
  enforcementResults: '/can-bo/ket-qua-thi-hanh-an',
  enforcementTargets: '/can-bo/ket-qua-thi-hanh-an/chi-tieu',
  enforcementImport: '/can-bo/ket-qua-thi-hanh-an/nhap',
  enforcementImportRecord: '/can-bo/ket-qua-thi-hanh-an/nhap/:id',
  enforcementTemplate: '/can-bo/ket-qua-thi-hanh-an/mau.csv',
  visits: '/can-bo/tiep-cong-dan',
  visit: '/can-bo/tiep-cong-dan/:id',
  visitEdit: '/can-bo/tiep-cong-dan/:id/sua',
  visitAdd: '/can-bo/tiep-cong-dan/them',
} as const;

export type StaffRouteName = keyof typeof staffRoutes;

/** The `:name` parts of a path pattern, as a union of their names. */
type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name extends `${infer Base}.${string}` ? Base : Name
    : never;

type StaffArgs<N extends StaffRouteName> = [ParamsOf<(typeof staffRoutes)[N]>] extends [never]
  ? [query?: QueryInput]
  : [params: Record<ParamsOf<(typeof staffRoutes)[N]>, string | number>, query?: QueryInput];

/** A query string given as its pairs; empty and undefined values are left out, so a link keeps only what is set. */
export type QueryInput = Record<string, string | number | undefined | null> | URLSearchParams;

function queryString(query: QueryInput | undefined): string {
  if (!query) return '';
  const q = new URLSearchParams();
  const pairs = query instanceof URLSearchParams ? [...query] : Object.entries(query);
  for (const [name, value] of pairs) if (value !== undefined && value !== null && value !== '') q.set(name, String(value));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The path of a back-office page, its `:name` parts filled (and escaped), then the query string. */
export function staffPath<N extends StaffRouteName>(name: N, ...args: StaffArgs<N>): string {
  const pattern: string = staffRoutes[name];
  const hasParams = pattern.includes(':');
  const params = (hasParams ? args[0] : {}) as Record<string, string | number>;
  const query = (hasParams ? args[1] : args[0]) as QueryInput | undefined;
  const path = pattern.replace(/:([a-z]+)/gi, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`staffPath(${name}): no ${key}`);
    return encodeURIComponent(String(value));
  });
  return path + queryString(query);
}
