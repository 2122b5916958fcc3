import type { AstroGlobal } from 'astro';
import { isActionError } from 'astro:actions';
import { dict } from '../i18n/index.ts';
import { errorText } from '../server/catalog/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import { refuseTooMany, retryAfterOf } from './too-many.ts';

/**
 * The status a page answers an action's refusal with: the refusal's own 4xx — too many requests, a body that is not
 * a form or does not parse (415), one over the size limit (413), a bad request — so hostile input never becomes a
 * 500. Anything else is a real failure and is thrown again.
 */
export function refusalStatus(error: unknown): number {
  if (isActionError(error) && error.status >= 400 && error.status < 500) return error.status;
  throw error;
}

/**
 * The words a citizen form shows when its action refused the submission before reading it (too many submissions,
 * a body over the size limit, a body that is not a form), the page's status set to match; undefined for any other
 * refusal, which only the form knows how to answer. `code` says which, for the form to point at its file field.
 */
export function submissionRefusal(Astro: Pick<AstroGlobal, 'response'>, error: unknown, locale: Locale): { code: string; text: string } | undefined {
  const code = isActionError(error) ? error.code : '';
  if (code === 'TOO_MANY_REQUESTS') return { code, text: refuseTooMany(Astro, locale, 'submission', retryAfterOf(error)) };
  if (code === 'CONTENT_TOO_LARGE') {
    Astro.response.status = 413;
    return { code, text: errorText('file.body_too_large', locale) };
  }
  if (code === 'BAD_REQUEST' || code === 'UNSUPPORTED_MEDIA_TYPE') {
    Astro.response.status = 400;
    return { code, text: dict(locale).apply.badRequest };
  }
  return undefined;
}
