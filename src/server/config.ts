import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './log.ts';

/** Validated configuration from the environment; see README "Configuration". */
export interface Config {
  databaseUrl: string | undefined;
  /** A read-only replica for the public read-only pages (list, statistics, directory); unset: the primary. */
  databaseReadUrl: string | undefined;
  smtpUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  /** Sender of outgoing e-mail. */
  mailFrom: string;
  /** Where citizens write for help with the portal, named in every e-mail and where an agency's details are missing. */
  helpEmail: string;
  /** Load demo dossiers on first start (default: only on the embedded database). */
  demoData: boolean;
  /** With the demo data, a year of demo history (thousands of dossiers) too; the e2e suite turns it off. */
  demoHistory: boolean;
  host: string;
  port: number;
}

const urlWithProtocol = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')} (e.g. ${example})` },
  );

const envSchema = z.object({
  DATABASE_URL: urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user@127.0.0.1:5432/thads').optional(),
  DATABASE_READ_URL: urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://reader@replica.internal:5432/thads').optional(),
  SMTP_URL: urlWithProtocol(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: urlWithProtocol(['http:', 'https:'], 'https://thads.example.gov.vn').optional(),
  MAIL_FROM: z.string().regex(/^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/, { error: 'must be an e-mail address, optionally with a name: Name <addr@example.org>' }).optional(),
  HELP_EMAIL: z.string().regex(/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/, { error: 'must be one e-mail address, without a name: hotro@example.gov.vn' }).optional(),
  DEMO_DATA: z.enum(['auto', 'yes', 'no'], { error: "must be 'auto', 'yes' or 'no'" }).default('auto'),
  DEMO_HISTORY: z.enum(['yes', 'no'], { error: "must be 'yes' or 'no'" }).default('yes'),
  HOST: z.string().min(1, { error: 'must not be empty' }).default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, { error: 'must be between 1 and 65535' })
    .default(4321),
  // Read by the logger itself (src/server/log.ts), which starts before the configuration; checked here with the rest.
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
});

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('Invalid configuration:\n' + problems.map((p) => '  - ' + p).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and checks the environment; throws ConfigError listing every bad value at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty variables as unset, so `DATABASE_URL= npm start` means "embedded database".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_READ_URL needs DATABASE_URL: a replica is of a PostgreSQL primary, not of the embedded database']);
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  const mailFrom = e.MAIL_FROM ?? `Cổng dịch vụ công THADS <no-reply@${mailDomain(publicUrl)}>`;
  return {
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    smtpUrl: e.SMTP_URL,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl,
    demoData: e.DEMO_DATA === 'yes' || (e.DEMO_DATA === 'auto' && !e.DATABASE_URL),
    demoHistory: (e.DEMO_DATA === 'yes' || (e.DEMO_DATA === 'auto' && !e.DATABASE_URL)) && e.DEMO_HISTORY === 'yes',
    mailFrom,
    helpEmail: e.HELP_EMAIL ?? `hotro@${senderDomain(mailFrom)}`,
    host: e.HOST,
    port: e.PORT,
  };
}

/** The public host name, or localhost when it is an IP address (an address literal makes a poor sender). */
function mailDomain(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return /^[\d.]+$|^\[/.test(host) ? 'localhost' : host;
}

/** The domain of the sender's address: the help address lives beside it unless HELP_EMAIL says otherwise. */
function senderDomain(mailFrom: string): string {
  return /@([^\s@<>]+)>?\s*$/.exec(mailFrom)![1]!;
}

let cached: Config | undefined;
/** The process-wide configuration, read once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
