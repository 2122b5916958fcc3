/**
 * Loaders of what a citizen downloads or prints from a tracked dossier's page: its files (what they sent and the
 * result), the agency's notices (forms 01–04) and the submission receipt. All are held by the tracking cookie.
 */
import type { APIContext, AstroGlobal } from 'astro';
import { dict, otherLocale, trackedDossierPath } from '../i18n/index.ts';
import type { Locale } from '../server/catalog/types.ts';
import { getDb } from '../server/boot.ts';
import { config } from '../server/config.ts';
import { reprintedConfirmation, type Confirmation } from '../server/dossiers/confirmation.ts';
import { attachmentResponse } from '../server/dossiers/download.ts';
import { noticeData, type NoticeData } from '../server/dossiers/notice-data.ts';
import { attachmentForCitizen } from '../server/dossiers/tracking.ts';
import { trackingUrl } from '../server/routes.ts';
import { trackedFromCookie } from './track.ts';
import { rowIdOf } from '../server/row-id.ts';
import type { TextLink } from './error-link.ts';

/** One file of the tracked dossier, as a download; 404 for any other file (or a draft result). */
export async function trackedFile(context: APIContext, locale: Locale): Promise<Response> {
  const dossier = await trackedFromCookie(context, locale);
  if (dossier instanceof Response) return dossier;
  const id = rowIdOf(context.params.id) ?? NaN;
  const file = Number.isFinite(id) ? await attachmentForCitizen(await getDb(), dossier.id, id) : undefined;
  if (!file) return new Response(dict(locale).errorPages.notFoundTitle, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return attachmentResponse(file);
}

export interface TrackedNoticeProps {
  data: NoticeData;
  title: string;
  alternate: string;
  url: string;
  back: TextLink;
}

/** A notice the agency issued on the tracked dossier, printable; 404 when it issued none of that kind. */
export async function loadTrackedNotice(Astro: AstroGlobal, locale: Locale): Promise<Response | TrackedNoticeProps> {
  const dossier = await trackedFromCookie(Astro, locale);
  if (dossier instanceof Response) return dossier;
  Astro.response.headers.set('Cache-Control', 'no-store');
  const data = await noticeData(await getDb(), dossier.id, Astro.params.doc);
  if (!data) return Astro.rewrite('/404');
  const other = otherLocale(locale);
  return {
    data,
    title: `${data.notice.title[locale]} – ${data.code}`,
    alternate: trackedDossierPath(other, data.code, 'notice', data.notice.slug),
    url: trackingUrl(config().publicUrl, locale, data.code),
    back: { href: trackedDossierPath(locale, data.code), text: dict(locale).track.backToDossier },
  };
}

/** The submission receipt printed again (without the PIN). */
export async function loadTrackedReceipt(
  Astro: AstroGlobal,
  locale: Locale,
): Promise<Response | (Confirmation & { alternate: string; back: TextLink })> {
  const dossier = await trackedFromCookie(Astro, locale);
  if (dossier instanceof Response) return dossier;
  Astro.response.headers.set('Cache-Control', 'no-store');
  const confirmation = await reprintedConfirmation(await getDb(), dossier.id);
  if (!confirmation) return Astro.rewrite('/404');
  const other = otherLocale(locale);
  return {
    ...confirmation,
    alternate: trackedDossierPath(other, dossier.code, 'receipt'),
    back: { href: trackedDossierPath(locale, dossier.code), text: dict(locale).track.backToDossier },
  };
}
