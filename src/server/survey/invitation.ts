/**
 * The survey invitation: a signed, single-use link sent when a one-stop result is returned or a complaint or
 * denunciation is closed (the lifecycle actions marked `invitesSurvey`).
 *
 * The token is a signed token (src/server/signed-token.ts) of the dossier id and the expiry, 30 days after the
 * invitation. The invitation's moment is the dossier's `closed_at` (those actions close it), so the e-mail and the
 * tracking page give the same link without storing it. "Single use" is the response itself: the unique dossier id
 * of `survey_responses` (src/server/survey/responses.ts) — opening the link uses nothing up.
 */
import type { Kysely } from 'kysely';
import { secretKey } from '../auth/secret-key.ts';
import { procedureByCode } from '../catalog/index.ts';
import type { LifecycleKind } from '../catalog/types.ts';
import { lifecycles, type DossierStatus } from '../dossiers/lifecycle.ts';
import type { Database } from '../schema.ts';
import { tokenSigner } from '../signed-token.ts';

export const SURVEY_TTL_MS = 30 * 86_400_000;

const signer = tokenSigner('thads survey invitation v1');

/** The link's token for dossier `dossierId` invited at `invitedAt`. */
export function surveyToken(dossierId: number, invitedAt: Date, secret: Uint8Array = secretKey()): string {
  return signer.sign(dossierId, new Date(invitedAt.getTime() + SURVEY_TTL_MS), secret);
}

/** The dossier a token invites, or why not: `invalid` (malformed, forged) or `expired`. */
export function readSurveyToken(token: string | undefined, secret: Uint8Array = secretKey(), now: Date = new Date()) {
  return signer.read(token, secret, now);
}

/** The statuses a dossier of `kind` reaches by an action that invites to the survey. */
export function surveyStatuses(kind: LifecycleKind): DossierStatus[] {
  return Object.values(lifecycles[kind].actions).flatMap((rule) => (rule?.invitesSurvey && rule.to ? [rule.to] : []));
}

/**
 * The survey link's token for the tracking page: while the dossier was closed by an inviting action, the 30 days
 * have not passed and nobody has answered; otherwise null.
 */
export async function openInvitationToken(db: Kysely<Database>, dossierId: number, now: Date = new Date()): Promise<string | null> {
  const row = await db
    .selectFrom('dossiers')
    .leftJoin('survey_responses', 'survey_responses.dossier_id', 'dossiers.id')
    .select(['dossiers.procedure_code', 'dossiers.status', 'dossiers.closed_at', 'survey_responses.id as response_id'])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  const kind = row ? procedureByCode(row.procedure_code)?.kind : undefined;
  if (!row || !kind || !row.closed_at || row.response_id !== null || !surveyStatuses(kind).includes(row.status)) return null;
  const invitedAt = new Date(row.closed_at);
  if (invitedAt.getTime() + SURVEY_TTL_MS <= now.getTime()) return null;
  return surveyToken(dossierId, invitedAt);
}
