import type { Locale } from '../server/catalog/types.ts';

/** Every citizen page's path in each language; the language switch and links are built from this one table. */
export const routes = {
  home: { vi: '/', en: '/en/' },
  agencies: { vi: '/co-quan-thi-hanh-an', en: '/en/agencies' },
  privacy: { vi: '/quyen-rieng-tu', en: '/en/privacy' },
  terms: { vi: '/dieu-khoan-su-dung', en: '/en/terms' },
  procedure: { vi: '/thu-tuc/', en: '/en/procedures/' },
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
