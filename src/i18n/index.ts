import type { LifecycleKind, Locale } from '../server/catalog/types.ts';
import { en } from './en.ts';
import { vi, type Dictionary } from './vi.ts';

export const locales: Locale[] = ['vi', 'en'];
const dictionaries: Record<Locale, Dictionary> = { vi, en };

/** The interface texts of a language. */
export function dict(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** The words of the application flow that depend on the kind of procedure: a complaint is a petition, not an application. */
export function flowWords(locale: Locale, kind: LifecycleKind) {
  const t = dictionaries[locale];
  if (kind !== 'one-stop') return t.petition[kind];
  const a = t.apply;
  return {
    start: a.startApplication,
    titlePrefix: a.titlePrefix,
    submit: a.submit,
    checkTitle: a.checkTitle,
    declarationHeading: a.declarationHeading,
    declaration: a.declaration,
    confirmationTitle: a.confirmationTitle,
    receiptTitle: a.receiptTitle,
    receiptNote: a.receiptNote,
    whatNextText: a.whatNextText,
    timeLimit: a.timeLimit,
    dueIfToday: a.dueIfToday,
  };
}

/** The other language: the one the language switch links to. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'vi' ? 'en' : 'vi';
}

/** Narrows Astro.currentLocale (or any string) to a supported locale. */
export function asLocale(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'vi';
}

export { formatDate, formatDateLong, formatDecimal, formatFileSize, formatMoney, formatNumber, formatPercent, formatVietnamDateTime, formatVietnamDateTimeSeconds, nameIn, nameInWithOfficial, textIn, textWithOfficial } from './format.ts';
export { localeOfPath, pathTo, routes, trackedDossierPath, type RouteName } from './routes.ts';
