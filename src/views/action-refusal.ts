import { isActionError } from 'astro:actions';

/**
 * The status a page answers an action's refusal with: the refusal's own 4xx — too many requests, a body that is not
 * a form or does not parse (415), one over the size limit (413), a bad request — so hostile input never becomes a
 * 500. Anything else is a real failure and is thrown again.
 */
export function refusalStatus(error: unknown): number {
  if (isActionError(error) && error.status >= 400 && error.status < 500) return error.status;
  throw error;
}
