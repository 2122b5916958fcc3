/**
 * One way for a page to answer its own form: the action's result (Astro.getActionResult) becomes the notice, the
 * error summary with the messages under the fields, and the page's status. Every back-office page with a form reads
 * its result through this; the words are the page's own (its dictionary section).
 */
import type { AstroGlobal } from 'astro';
import { isActionError } from 'astro:actions';
import type { ErrorLink } from './error-link.ts';

/** What a page shows after one of its forms was posted. */
export interface ActionFeedback {
  notice: string | undefined;
  errors: ErrorLink[];
  /** Message under each field, by the field's name. */
  fieldErrors: Record<string, string>;
}

/** An action's result as `Astro.getActionResult()` gives it. */
export type ActionResultOf<D> = { data: D; error: undefined } | { data: undefined; error: unknown } | undefined;

export interface FeedbackWords<D> {
  /** The notice after a success; undefined for none. */
  done?: (data: D) => string | undefined;
  /** The error summary of a refusal the action answered with, and the messages under its fields. */
  refused: (data: D) => ErrorLink | { errors: ErrorLink[]; fieldErrors?: Record<string, string> };
  /** The summary's entry when the action could not read the request at all (nothing was done). */
  failed: ErrorLink;
  /** Instead of `failed`, when the body was over the size limit (an upload too large), if the page says so apart. */
  tooLarge?: ErrorLink;
}

const emptyFeedback = (): ActionFeedback => ({ notice: undefined, errors: [], fieldErrors: {} });

/**
 * The feedback of an action's result, the page's status set to match: a refusal's own status (400 if it has none);
 * for a request the action could not read, 413 when its body was over the size limit (refused before it was read),
 * else 400.
 */
export function actionFeedback<D extends { ok: boolean; status?: number | null }>(
  Astro: Pick<AstroGlobal, 'response'>,
  result: ActionResultOf<D>,
  words: FeedbackWords<D>,
): ActionFeedback {
  const feedback = emptyFeedback();
  if (!result) return feedback;
  if (result.data === undefined) {
    const tooLarge = isActionError(result.error) && result.error.status === 413;
    Astro.response.status = tooLarge ? 413 : 400;
    feedback.errors.push(tooLarge && words.tooLarge ? words.tooLarge : words.failed);
    return feedback;
  }
  const data = result.data;
  if (data.ok) {
    feedback.notice = words.done?.(data);
    return feedback;
  }
  Astro.response.status = data.status && data.status >= 400 ? data.status : 400;
  const refused = words.refused(data);
  if ('href' in refused) feedback.errors.push(refused);
  else {
    feedback.errors.push(...refused.errors);
    Object.assign(feedback.fieldErrors, refused.fieldErrors ?? {});
  }
  return feedback;
}
