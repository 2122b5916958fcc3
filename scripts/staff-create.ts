// `npm run staff:create -- --email a@b.vn --name "Nguyễn Văn A" [--role admin] [--agency HNI]`
//
// Creates a staff account from the command line — above all the first (central) administrator, who then creates the
// others in the back office. The password comes from the environment variable STAFF_PASSWORD, or is asked for
// (twice, not echoed) when run on a terminal. Applies pending migrations and adds missing reference data first, so
// it works on a fresh installation. Refuses to open the embedded database while a server holds it.
import { parseArgs } from 'node:util';
import { seedReferenceData } from '../db/seed/index.ts';
import { recordAudit } from '../src/server/audit.ts';
import { checkPasswordStrength } from '../src/server/auth/password.ts';
import { createStaffUser, normaliseEmail, roleLabels, StaffInputError, staffRoles, type StaffRole } from '../src/server/auth/staff.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { withDatabase } from './cli.ts';

const USAGE =
  'Usage: npm run staff:create -- --email <e-mail> --name "<full name>" [--role reception|officer|head|admin] [--agency <code>]\n' +
  '  Without --agency the account is a central administrator (role admin). Password: STAFF_PASSWORD, or typed on a terminal.';

/** One line per problem, in Vietnamese then English. */
const problemMessages: Record<StaffInputError['problem'], string> = {
  email: 'Địa chỉ e-mail không hợp lệ. / The e-mail address is not valid.',
  email_taken: 'Đã có tài khoản với e-mail này. / An account with this e-mail already exists.',
  name: 'Họ và tên phải dài từ 2 đến 100 ký tự. / The full name must be 2 to 100 characters long.',
  role: `Vai trò không hợp lệ (chọn: ${staffRoles.join(', ')}). / Unknown role (choose: ${staffRoles.join(', ')}).`,
  agency:
    'Mã cơ quan không tồn tại, hoặc tài khoản không phải quản trị viên mà thiếu --agency. / Unknown agency code, or an account other than an administrator without --agency.',
  too_short: 'Mật khẩu phải có ít nhất 12 ký tự. / The password must be at least 12 characters long.',
  too_long: 'Mật khẩu dài quá 200 ký tự. / The password is longer than 200 characters.',
  too_simple: 'Mật khẩu quá đơn giản. / The password is too simple.',
  contains_email: 'Mật khẩu không được chứa tên e-mail. / The password must not contain the e-mail name.',
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new Error('Đã huỷ. / Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.STAFF_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    fail('Đặt mật khẩu trong biến môi trường STAFF_PASSWORD hoặc chạy trên terminal. / Set STAFF_PASSWORD, or run this on a terminal to type the password.');
  }
  const first = await promptHidden('Mật khẩu / Password (≥ 12 ký tự / characters): ');
  const second = await promptHidden('Nhập lại / Repeat: ');
  if (first !== second) fail('Hai lần nhập mật khẩu không khớp. / The two passwords differ.');
  return first;
}

let args: { email?: string; name?: string; role?: string; agency?: string; help?: boolean };
try {
  args = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.email) fail(`Thiếu --email. / Missing --email.\n${USAGE}`);
if (!args.name) fail(`Thiếu --name. / Missing --name.\n${USAGE}`);
const role = (args.role ?? 'admin') as StaffRole;
if (!staffRoles.includes(role)) fail(problemMessages.role);
const agencyCode = args.agency ? args.agency.trim().toUpperCase() : null;
if (agencyCode === null && role !== 'admin') fail(`--role ${role} cần --agency. / --role ${role} needs --agency.`);
const email = normaliseEmail(args.email);
const password = await readPassword();
// Checked again on creation; checked here too so that a weak password is refused before the (slow) migrations.
const weakness = checkPasswordStrength(password, email);
if (weakness) fail(problemMessages[weakness]);

// A refusal is reported after the database is closed (exiting with it open could leave the embedded one unflushed).
let refusal: string | undefined;
await withDatabase(async ({ db }) => {
  await migrateToLatest(db);
  await seedReferenceData(db);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const id = await createStaffUser(trx, { email, fullName: args.name!, role, agencyCode, password });
      await recordAudit(trx, { id: null, email: null }, {
        action: 'admin.staff_created',
        entityType: 'staff_user',
        entityId: id,
        agencyCode,
        after: { email, full_name: args.name!.trim().normalize('NFC'), role, agency_code: agencyCode, via: 'staff:create' },
      });
      return id;
    });
    const where = agencyCode ? `cơ quan / agency ${agencyCode}` : 'trung ương / central';
    console.log(`Đã tạo tài khoản / Created account #${id}: ${email} — ${roleLabels[role]} (${role}), ${where}.`);
  } catch (err) {
    if (err instanceof StaffInputError) refusal = problemMessages[err.problem];
    else if ((err as { code?: string })?.code === '23505') refusal = problemMessages.email_taken;
    else throw err;
  }
});
if (refusal) fail(refusal);
