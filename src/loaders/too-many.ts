/**
 * The 429 answers of every abuse limit (src/server/abuse-limits.ts): the status, the Retry-After header and the
 * sentence that says what happened and when to try again, in the page's language.
 */
import type { AstroGlobal } from 'astro';
import { dict } from '../i18n/index.ts';
import type { Locale } from '../server/catalog/types.ts';

export type LimitText = 'submission' | 'lookup' | 'feedback' | 'registrySearch' | 'registryEntry' | 'statistics';

/**
 * The wait an action's TOO_MANY_REQUESTS error carries as its message (src/actions/guards.ts); a minute if it carries
 * none. (Read as any Error's message: this module stays free of `astro:` imports, so tests can load the views.)
 */
export function retryAfterOf(error: unknown): number {
  const seconds = error instanceof Error ? Number(error.message) : Number.NaN;
  return Number.isInteger(seconds) && seconds > 0 ? seconds : 60;
}

/** Sets 429 and Retry-After on the page being rendered; returns the message for its error summary. */
export function refuseTooMany(Astro: Pick<AstroGlobal, 'response'>, locale: Locale, what: LimitText, retryAfterSeconds: number): string {
  Astro.response.status = 429;
  Astro.response.headers.set('Retry-After', String(retryAfterSeconds));
  return tooManyText(locale, what, retryAfterSeconds);
}

export function tooManyText(locale: Locale, what: LimitText, retryAfterSeconds: number): string {
  const t = dict(locale).abuseLimits;
  return `${t[what]} ${t.tryAgainIn(retryAfterSeconds)}`;
}
