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

/** The parts of a tracked dossier's pages, per language (after `/tra-cuu-ho-so/<code>/`). */
const trackedParts = {
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
