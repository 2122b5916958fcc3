import type { AstroCookies } from 'astro';
import { DRAFT_TTL_MS } from '../server/dossiers/drafts.ts';
import { config } from '../server/config.ts';

/** One draft per procedure, so two applications in two tabs do not overwrite each other. */
export function draftCookie(procedureCode: string): string {
  return `thads_draft_${procedureCode}`;
}

/** A paper dossier being entered at the counter: kept apart from the staff member's own applications. */
export function counterDraftCookie(procedureCode: string): string {
  return `thads_counter_${procedureCode}`;
}

export function setDraftCookie(cookies: AstroCookies, name: string, draftId: string): void {
  cookies.set(name, draftId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().publicUrl.startsWith('https:'),
    maxAge: DRAFT_TTL_MS / 1000,
  });
}
