/** The outbox: e-mail is written to `mail_outbox` in the caller's transaction and sent later by the worker. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** One e-mail to put in the outbox. */
export interface NewMail {
  /** A single bare address (`name@example.org`), never a list or a display name. */
  to: string;
  subject: string;
  /** The plain-text part; complete on its own. */
  text: string;
  html?: string | undefined;
  /** What the mail is about (`submitted`, `withdrawn`, …), for operators and statistics. */
  kind: string;
  dossierId?: number | null | undefined;
}

// RFC 5321 limits. The pattern is deliberately narrow: one local part without spaces, quotes, brackets or separators
// (which rules out lists, display names and header folding), and a dotted domain (IDN letters allowed).
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/** Whether `value` is one plausible e-mail address with nothing that could end a header line or add a recipient. */
export function isPlausibleAddress(value: string): boolean {
  if (value.length > MAX_ADDRESS || /[\r\n\0]/.test(value)) return false;
  const at = value.lastIndexOf('@');
  return at > 0 && at <= MAX_LOCAL && ADDRESS.test(value);
}

/**
 * Puts a pending e-mail in the outbox and returns its id. Pass the open transaction of the change that causes the
 * mail, so both commit or neither does; kick the mail worker after the commit to send it at once.
 * Throws on an implausible recipient or a subject with a line break: both would let input write extra headers.
 */
export async function enqueueMail(db: Kysely<Database> | Transaction<Database>, mail: NewMail): Promise<number> {
  if (!isPlausibleAddress(mail.to)) throw new Error(`Not a single e-mail address: ${JSON.stringify(mail.to)}`);
  if (/[\r\n]/.test(mail.subject)) throw new Error('A mail subject must be one line');
  if (!mail.kind) throw new Error('A mail needs a kind');
  const row = await db
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      kind: mail.kind,
      dossier_id: mail.dossierId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
