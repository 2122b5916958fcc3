import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

const mailDir = path.resolve('test-results/e2e-mail');

/** Which mail to wait for. */
export interface MailQuery {
  /** Text the plain-text part contains, usually the dossier code. */
  text: string;
  /** The whole subject, or a pattern it matches: tells apart the mails of one dossier (submission, result…). */
  subject?: string | RegExp;
  /** Matching mails already seen, to skip: waits for the (after + 1)-th, in the order they reached the server. */
  after?: number;
  timeoutMs?: number;
}

// Each file is parsed once; the server writes a message under a temporary name and renames it when complete.
const parsed = new Map<string, Promise<ParsedMail>>();

/** The mails received so far that match `query` (after, timeoutMs ignored), oldest first. */
export async function mailsMatching(query: MailQuery): Promise<ParsedMail[]> {
  const names = (fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []).filter((n) => /^\d+-\d+\.eml$/.test(n));
  // Named `<ms>-<sequence>.eml`: the sequence number is the arrival order.
  names.sort((a, b) => Number(a.split(/[-.]/)[1]) - Number(b.split(/[-.]/)[1]));
  const mails = await Promise.all(
    names.map((name) => {
      if (!parsed.has(name)) parsed.set(name, simpleParser(fs.readFileSync(path.join(mailDir, name))));
      return parsed.get(name)!;
    }),
  );
  return mails.filter((m) => {
    if (!(m.text ?? '').includes(query.text)) return false;
    if (query.subject === undefined) return true;
    return typeof query.subject === 'string' ? m.subject === query.subject : query.subject.test(m.subject ?? '');
  });
}

/** Waits for the mail matching `query` to reach the test SMTP server, and returns it parsed. */
export async function waitForMail(query: MailQuery): Promise<ParsedMail> {
  const timeoutMs = query.timeoutMs ?? 20_000;
  const skip = query.after ?? 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsMatching(query))[skip];
    if (found) return found;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const subject = query.subject === undefined ? '' : ` and the subject ${String(query.subject)}`;
  throw new Error(`No e-mail no. ${skip + 1} containing ${query.text}${subject} within ${timeoutMs} ms`);
}

/** A distinct client address per test (from the IPv6 documentation prefix; only ever a header value). */
export function clientIp(): string {
  const part = () => Math.floor(Math.random() * 0xffff).toString(16);
  return `2001:db8::${part()}:${part()}:${part()}`;
}
