/** Page loader of the tracking page (see apply.ts for why loaders run in the page's frontmatter). */
import type { AstroGlobal } from 'astro';
import { actions, isActionError } from 'astro:actions';
import { dict } from '../i18n/index.ts';
import { errorText } from '../server/catalog/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import type { TrackedDossier } from '../server/dossiers/tracking.ts';

export interface TrackProps {
  dossier: TrackedDossier | null;
  code: string;
  pin: string;
  errors: { href: string; text: string }[];
  notice: string | undefined;
}

/** The outcome of whichever tracking form was posted (look-up, supplement, withdrawal), with its status code. */
export function loadTrack(Astro: AstroGlobal, locale: Locale): TrackProps {
  const tt = dict(locale).track;
  const lookup = Astro.getActionResult(actions.trackDossier);
  const supplement = Astro.getActionResult(actions.sendSupplement);
  const withdraw = Astro.getActionResult(actions.withdrawDossier);
  const anyResult = lookup ?? supplement ?? withdraw;

  let dossier: TrackedDossier | null = null;
  let code = Astro.url.searchParams.get('code')?.slice(0, 40) ?? '';
  let pin = '';
  const errors: { href: string; text: string }[] = [];
  let notice: string | undefined;

  if (anyResult?.error) {
    const tooMany = isActionError(anyResult.error) && anyResult.error.code === 'TOO_MANY_REQUESTS';
    if (!tooMany && !(isActionError(anyResult.error) && anyResult.error.code === 'BAD_REQUEST')) throw anyResult.error;
    Astro.response.status = tooMany ? 429 : 400;
    errors.push({ href: '#f-code-input', text: tooMany ? tt.tooMany : tt.notFound });
  } else if (lookup?.data) {
    dossier = lookup.data.dossier;
    code = lookup.data.code;
    if (!dossier) {
      Astro.response.status = 404;
      errors.push({ href: '#f-code-input', text: tt.notFound });
    }
  } else if (supplement?.data) {
    dossier = supplement.data.dossier;
    if (supplement.data.ok) notice = tt.supplementSent;
    else {
      Astro.response.status = supplement.data.problems.includes('notFound') ? 404 : 400;
      for (const p of supplement.data.problems) {
        const text = p === 'notFound' ? tt.notFound : p === 'notAllowed' ? tt.notAllowed : `${tt.supplementFiles}: ${errorText(p, locale)}`;
        errors.push({ href: p === 'notFound' ? '#f-code-input' : '#f-files-input', text });
      }
    }
  } else if (withdraw?.data) {
    dossier = withdraw.data.dossier;
    if (withdraw.data.ok) notice = tt.withdrawn;
    else {
      Astro.response.status = withdraw.data.problem === 'notFound' ? 404 : 400;
      const p = withdraw.data.problem;
      errors.push({ href: p === 'confirm' ? '#f-confirm-input' : '#f-code-input', text: p === 'notFound' ? tt.notFound : p === 'confirm' ? tt.withdrawNeedsConfirm : tt.notAllowed });
    }
  }
  if (dossier) {
    code = dossier.code;
    // The PIN came with this POST; it goes back into the hidden fields of the two forms below, never into a URL.
    pin = (lookup?.data ?? supplement?.data ?? withdraw?.data)?.pin ?? '';
    Astro.response.headers.set('Cache-Control', 'no-store');
  }
  return { dossier, code, pin, errors, notice };
}
