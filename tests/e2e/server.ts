// The e2e web server: a real SMTP server in this process (smtp-server), and the portal started exactly as
// `npm start` starts it, sending its mail there. Each received message is written to $E2E_MAIL_DIR as an .eml file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const mailDir = path.resolve(process.env.E2E_MAIL_DIR ?? 'test-results/e2e-mail');
fs.rmSync(mailDir, { recursive: true, force: true });
fs.mkdirSync(mailDir, { recursive: true });
let received = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      // Written aside, then renamed: a test reading the directory never parses half a message.
      const name = `${Date.now()}-${++received}.eml`;
      fs.writeFileSync(path.join(mailDir, `.${name}.tmp`), Buffer.concat(chunks));
      fs.renameSync(path.join(mailDir, `.${name}.tmp`), path.join(mailDir, name));
      callback();
    });
  },
});
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

const portal = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/start.ts')], {
  env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
  stdio: 'inherit',
});
const stop = () => portal.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
portal.on('exit', (code) => {
  smtp.close(() => process.exit(code ?? 0));
});
