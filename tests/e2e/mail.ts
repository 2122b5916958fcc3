import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

const mailDir = path.resolve('test-results/e2e-mail');

/** Waits for the e-mail whose text contains `needle` to reach the test SMTP server, and parses it. */
export async function waitForMail(needle: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []) {
      const raw = fs.readFileSync(path.join(mailDir, name));
      const parsed = await simpleParser(raw);
      if ((parsed.text ?? '').includes(needle)) return parsed;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No e-mail containing ${needle} within ${timeoutMs} ms`);
}

/** A distinct client address per test (from the IPv6 documentation prefix; only ever a header value). */
export function clientIp(): string {
  const part = () => Math.floor(Math.random() * 0xffff).toString(16);
  return `2001:db8::${part()}:${part()}:${part()}`;
}
