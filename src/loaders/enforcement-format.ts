/**
 * How the enforcement figures print: vi-VN formats in both languages (1.234.567; 69,66%), as the agencies' reports
 * print them; only the words around a gap follow the page's language. No Astro imports: components and tests use it.
 */
import { dict } from '../i18n/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import { formatDate, formatNumber } from '../server/format.ts';

const none = dict('vi').enforcementResults.none;
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const signedPercent = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
/** 69,66% (or — when there is none); vi-VN formats in both languages, as the agencies' reports print them. */
export const pct = (r: number | null) => (r === null ? none : `${percent.format(r)}%`);
/** −11,84 điểm % / −11,84 points */
export const gap = (points: number | null, locale: Locale = 'vi') => (points === null ? none : dict(locale).enforcementResults.gap(signedPercent.format(points).replace('-', '−')));
/** 417.128.568.000 (the column header says đồng). */
export const amount = (n: number) => formatNumber(n);
export const count = (n: number) => formatNumber(n);
export const vnDate = formatDate;

