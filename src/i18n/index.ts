import type { Locale } from '../server/catalog/types.ts';
import { en } from './en.ts';
import { vi, type Dictionary } from './vi.ts';

export const locales: Locale[] = ['vi', 'en'];
const dictionaries: Record<Locale, Dictionary> = { vi, en };

/** The interface texts of a language. */
export function dict(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** Narrows Astro.currentLocale (or any string) to a supported locale. */
export function asLocale(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'vi';
}

export { formatDate, formatDateLong, formatFileSize, formatMoney, formatNumber } from './format.ts';
export { localeOfPath, pathTo, routes, trackedDossierPath } from './routes.ts';
