/** Builds the e-mail a citizen gets for a dossier event and puts it in the outbox of the caller's transaction. */
import type { Transaction } from 'kysely';
import { contactsFor } from '../agencies.ts';
import { procedureByCode } from '../catalog/index.ts';
import { config } from '../config.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { renderDossierMail, type DossierMailData, type DossierMailKind } from '../mail/templates.ts';
import type { Database } from '../schema.ts';
import { surveyUrl, trackingUrl } from '../routes.ts';
import { surveyToken } from '../survey/invitation.ts';
import { denouncerContact, hasSealedIdentity } from '../denouncers/vault.ts';

export interface NotifyInput {
  kind: DossierMailKind;
  dossierId: number;
  publicUrl: string;
  /** Only for the submission mail: the PIN, shown this once. */
  pin?: string;
  /** yyyy-mm-dd the result would be due if the agency received the dossier today. */
  expectedDueDate?: string;
  timeLimitDays?: number;
  /** What a staff action's mail says beyond the facts every dossier mail repeats. */
  facts?: Pick<DossierMailData, 'reason' | 'receivedOn' | 'dueDate' | 'newDueDate' | 'timeLimitDays' | 'stage' | 'lockedUntil'>;
  /** When the action invites to the satisfaction survey: the moment of the invitation (the link's 30 days start). */
  surveyInvitedAt?: Date;
}

/** Enqueues the mail when the applicant gave an e-mail address; returns whether one was enqueued. */
export async function notifyCitizen(trx: Transaction<Database>, input: NotifyInput): Promise<boolean> {
  const dossier = await trx
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select(['dossiers.code', 'dossiers.procedure_code', 'dossiers.agency_code', 'dossiers.locale', 'dossiers.applicant_name', 'dossiers.applicant_email', 'dossiers.submitted_at', 'agencies.name_vi', 'agencies.name_en'])
    .where('dossiers.id', '=', input.dossierId)
    .executeTakeFirstOrThrow();
  // A denouncer's address and name are not on the row: only the vault has them, and only their own mails use them.
  const recipient = (await hasSealedIdentity(trx, input.dossierId))
    ? await denouncerContact(trx, input.dossierId)
    : dossier.applicant_email
      ? { email: dossier.applicant_email, name: dossier.applicant_name }
      : null;
  if (!recipient) return false;
  const procedure = procedureByCode(dossier.procedure_code);
  if (!procedure) throw new Error(`Unknown procedure ${dossier.procedure_code}`);
  const mail = renderDossierMail(input.kind, dossier.locale, {
    code: dossier.code,
    pin: input.pin,
    procedureName: procedure.name,
    agencyName: { vi: dossier.name_vi, en: dossier.name_en },
    contacts: await contactsFor(trx, dossier.agency_code, config().helpEmail),
    trackingUrl: trackingUrl(input.publicUrl, dossier.locale, dossier.code),
    submittedOn: new Date(dossier.submitted_at).toISOString(),
    expectedDueDate: input.expectedDueDate,
    timeLimitDays: input.timeLimitDays,
    applicantName: recipient.name,
    surveyUrl: input.surveyInvitedAt ? surveyUrl(input.publicUrl, dossier.locale, surveyToken(input.dossierId, input.surveyInvitedAt)) : undefined,
    ...input.facts,
  });
  await enqueueMail(trx, { to: recipient.email, ...mail, kind: input.kind, dossierId: input.dossierId });
  return true;
}
