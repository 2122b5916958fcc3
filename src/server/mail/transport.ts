/** Ways to hand a finished e-mail to the outside world: an SMTP relay, or `.eml` files for development. */
import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { SMTPTransportOptions } from 'nodemailer';
import type { Config } from '../config.ts';

/** A message ready to send: one recipient, a text part and an optional HTML part. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra headers; `Message-ID` is used as the message's id instead of a generated one. */
  headers?: Record<string, string> | undefined;
}

/** Sends one message; resolves once the relay (or the file system) has accepted it, rejects otherwise. */
export interface MailTransport {
  send(message: OutgoingMail): Promise<void>;
  /** Releases connections; the transport is not used afterwards. */
  close?(): void;
}

// Short timeouts: the worker sends one message after another, so a relay that hangs must fail fast and be retried
// later rather than hold up the whole queue (nodemailer's defaults are up to 10 minutes).
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 20_000, dnsTimeout: 10_000 };

/** nodemailer's message options for an outgoing mail; a `Message-ID` header becomes nodemailer's `messageId`. */
function toNodemailer(message: OutgoingMail) {
  const headers: Record<string, string> = {};
  let messageId: string | undefined;
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (name.toLowerCase() === 'message-id') messageId = value;
    else headers[name] = value;
  }
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    headers,
    ...(messageId ? { messageId } : {}),
  };
}

/**
 * Sends through an SMTP relay given as a URL (`smtp://user:pass@host:587`, `smtps://…`). `options` override the
 * defaults (tests pass `ignoreTLS`); what the URL states wins over both.
 */
export function smtpTransport(url: string, options: SMTPTransportOptions = {}): MailTransport {
  const transporter = nodemailer.createTransport({ ...TIMEOUTS, ...options, url });
  return {
    async send(message) {
      await transporter.sendMail(toNodemailer(message));
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Writes each message as a complete RFC 822 file `<timestamp>-<id>.eml` under `dir` (created if missing), for
 * development and demos without a relay. The file appears whole or not at all (written aside, then renamed), so
 * anything watching the directory never reads half a message.
 */
export function fileTransport(dir: string): MailTransport {
  sweepUnfinished(dir);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transporter.sendMail(toNodemailer(message));
      if (!Buffer.isBuffer(info.message)) throw new Error('The stream transport did not return a buffer');
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      // Sortable by time; the random part keeps two messages in one millisecond apart.
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
      const name = `${stamp}-${randomBytes(4).toString('hex')}.eml`;
      const tmp = path.join(dir, `.${name}.tmp`);
      await fs.writeFile(tmp, info.message, { mode: 0o600 });
      await fs.rename(tmp, path.join(dir, name));
    },
  };
}

/** A message is written aside in well under a second; one older than this was cut off by a killed process. */
const UNFINISHED_AFTER_MS = 10 * 60_000;

/**
 * Deletes the `.<name>.tmp` files a killed process left half-written. Their outbox rows were never marked sent, so
 * the message is written again in full; the age keeps a write in progress in another process safe.
 */
export function sweepUnfinished(dir: string, now = Date.now()): number {
  let removed = 0;
  for (const name of fsSync.existsSync(dir) ? fsSync.readdirSync(dir) : []) {
    if (!/^\..+\.eml\.tmp$/.test(name)) continue;
    const file = path.join(dir, name);
    if (now - fsSync.statSync(file).mtimeMs < UNFINISHED_AFTER_MS) continue;
    fsSync.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

/** SMTP when `SMTP_URL` is set, else `.eml` files under `$DATA_DIR/mail` so the portal works without a relay. */
export function transportFromConfig(cfg: Pick<Config, 'smtpUrl' | 'dataDir'>): MailTransport {
  return cfg.smtpUrl ? smtpTransport(cfg.smtpUrl) : fileTransport(path.join(cfg.dataDir, 'mail'));
}
