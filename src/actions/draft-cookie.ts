import type { AstroCookies } from 'astro';
import { DRAFT_TTL_MS } from '../server/dossiers/drafts.ts';
import { config } from '../server/config.ts';

/** One draft per procedure, so two applications in two tabs do not overwrite each other. */
export function draftCookie(procedureCode: string): string {
  return `thads_draft_${procedureCode}`;
}

export function setDraftCookie(cookies: AstroCookies, procedureCode: string, draftId: string): void {
  cookies.set(draftCookie(procedureCode), draftId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().publicUrl.startsWith('https:'),
    maxAge: DRAFT_TTL_MS / 1000,
  });
}
