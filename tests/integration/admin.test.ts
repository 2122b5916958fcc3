import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { AdminError, type AdminActor } from '../../src/server/admin/access.ts';
import { changeStaffRole, createStaffAccount, listStaff, resetStaffPassword, setStaffDisabled } from '../../src/server/admin/staff-accounts.ts';
import { updateAgencyContacts } from '../../src/server/admin/agency-contacts.ts';
import { deleteCalendarDay, upsertCalendarDay } from '../../src/server/admin/calendar-days.ts';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/server/auth/session.ts';
import { createSignIn } from '../../src/server/auth/signin.ts';
import { createStaffUser, StaffInputError, type NewStaff } from '../../src/server/auth/staff.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { openPglite, openPostgres } from '../../src/server/db.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { postgresUrl, testDatabases } from '../helpers/databases.ts';

const PASSWORD = 'mật-khẩu-rất-dài-2026';
const NEW_PASSWORD = 'một-mật-khẩu-khác-2027';

const isAdminError = (reason: AdminError['reason']) => (err: unknown) => err instanceof AdminError && err.reason === reason;
const isStaffInputError = (problem: StaffInputError['problem']) => (err: unknown) => err instanceof StaffInputError && err.problem === problem;

for (const target of testDatabases) {
  describe(`administration on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let central: AdminActor;
    let hniAdmin: AdminActor;
    let kv1Admin: AdminActor;
    let hniReception: AdminActor;
    let hcmOfficerId: number;
    let n = 0;

    async function account(role: NewStaff['role'], agencyCode: string | null): Promise<AdminActor> {
      n++;
      const email = `nguoi.${n}@thads.gov.vn`;
      const id = await createStaffUser(db, { email, fullName: `Người Thứ ${n}`, role, agencyCode, password: PASSWORD });
      return { id, email, role, agency_code: agencyCode, ip: '203.0.113.100' };
    }

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      central = await account('admin', null);
      hniAdmin = await account('admin', 'HNI');
      kv1Admin = await account('admin', 'HNI-KV1');
      hniReception = await account('reception', 'HNI');
      hcmOfficerId = (await account('officer', 'HCM')).id;
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const lastAudit = async (action: string) =>
      db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const auditCount = async () => Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const newStaff = (agencyCode: string | null, role: NewStaff['role'] = 'reception'): NewStaff => {
      n++;
      return { email: `moi.${n}@thads.gov.vn`, fullName: `Cán Bộ Mới ${n}`, role, agencyCode, password: PASSWORD };
    };
    const sessionFor = async (userId: number) => {
      const token = generateSessionToken();
      await createSession(db, token, userId, { twoFactorVerified: true });
      return token;
    };

    describe('createStaffAccount', () => {
      it('lets a central administrator create any account, audited without the password', async () => {
        const input = newStaff(null, 'admin');
        const id = await createStaffAccount(db, central, input);
        const row = await db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.role, 'admin');
        assert.equal(row.agency_code, null);
        assert.ok(await createStaffAccount(db, central, newStaff('HCM', 'officer')));

        const entry = (await db.selectFrom('audit_log').selectAll().where('action', '=', 'admin.staff_created').where('entity_id', '=', String(id)).executeTakeFirst())!;
        assert.equal(entry.actor_id, central.id);
        assert.equal(entry.actor_email, central.email);
        assert.equal(entry.ip, '203.0.113.100');
        assert.equal(entry.entity_type, 'staff_user');
        assert.equal(entry.before, null);
        assert.deepEqual(entry.after, { email: input.email, full_name: input.fullName, role: 'admin', agency_code: null });
        assert.ok(!JSON.stringify(entry).includes('argon2') && !JSON.stringify(entry).includes(PASSWORD));
      });

      it('lets an agency administrator create accounts in their agency and its regional offices only', async () => {
        assert.ok(await createStaffAccount(db, hniAdmin, newStaff('HNI')));
        assert.ok(await createStaffAccount(db, hniAdmin, newStaff('HNI-KV2', 'officer')));
        assert.ok(await createStaffAccount(db, hniAdmin, newStaff('HNI', 'admin')), 'another administrator of the agency');
        await assert.rejects(createStaffAccount(db, hniAdmin, newStaff('HCM')), isAdminError('forbidden'));
        await assert.rejects(createStaffAccount(db, hniAdmin, newStaff(null, 'admin')), isAdminError('forbidden'), 'never a central administrator');
        await assert.rejects(createStaffAccount(db, kv1Admin, newStaff('HNI')), isAdminError('forbidden'), 'a regional office does not manage its parent');
        await assert.rejects(createStaffAccount(db, kv1Admin, newStaff('HNI-KV2')), isAdminError('forbidden'), 'nor its siblings');
        assert.ok(await createStaffAccount(db, kv1Admin, newStaff('HNI-KV1')));
      });

      it('refuses non-administrators, and bad input with the StaffInputError problem', async () => {
        const before = await auditCount();
        await assert.rejects(createStaffAccount(db, hniReception, newStaff('HNI')), isAdminError('forbidden'));
        await assert.rejects(createStaffAccount(db, central, { ...newStaff('HNI'), password: 'short' }), isStaffInputError('too_short'));
        await assert.rejects(createStaffAccount(db, central, { ...newStaff('HNI'), email: hniReception.email.toUpperCase() }), isStaffInputError('email_taken'));
        await assert.rejects(createStaffAccount(db, central, newStaff('XXX')), isStaffInputError('agency'));
        await assert.rejects(createStaffAccount(db, central, newStaff(null, 'officer')), isStaffInputError('agency'));
        assert.equal(await auditCount(), before, 'nothing audited when nothing changed');
      });
    });

    describe('setStaffDisabled', () => {
      it('disables an account, signing it out everywhere, and enables it again; both audited', async () => {
        const target = await account('reception', 'HNI-KV3');
        const tokens = [await sessionFor(target.id), await sessionFor(target.id)];
        await setStaffDisabled(db, hniAdmin, target.id, true);
        for (const token of tokens) assert.equal(await validateSessionToken(db, token), null);
        assert.equal(Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', target.id).executeTakeFirstOrThrow()).n), 0);
        const row = await db.selectFrom('staff_users').select('disabled_at').where('id', '=', target.id).executeTakeFirstOrThrow();
        assert.ok(row.disabled_at);
        const disabled = (await lastAudit('admin.staff_disabled'))!;
        assert.equal(disabled.entity_id, String(target.id));
        assert.equal(disabled.agency_code, 'HNI-KV3');
        assert.deepEqual(disabled.before, { email: target.email, disabled_at: null });
        assert.equal((disabled.after as { disabled_at: string }).disabled_at !== null, true);

        const signIn = createSignIn();
        assert.deepEqual(await signIn.signIn(db, { email: target.email, password: PASSWORD, ip: '192.0.2.1' }), { ok: false, reason: 'disabled' });

        const count = await auditCount();
        await setStaffDisabled(db, hniAdmin, target.id, true);
        assert.equal(await auditCount(), count, 'disabling twice changes and audits nothing');

        await setStaffDisabled(db, hniAdmin, target.id, false);
        assert.equal((await db.selectFrom('staff_users').select('disabled_at').where('id', '=', target.id).executeTakeFirstOrThrow()).disabled_at, null);
        assert.deepEqual((await lastAudit('admin.staff_enabled'))!.after, { email: target.email, disabled_at: null });
        assert.ok((await signIn.signIn(db, { email: target.email, password: PASSWORD, ip: '192.0.2.1' })).ok);
      });

      it('refuses oneself, other agencies, central accounts, unknown ids and non-administrators', async () => {
        await assert.rejects(setStaffDisabled(db, hniAdmin, hniAdmin.id, true), isAdminError('self'));
        await assert.rejects(setStaffDisabled(db, hniAdmin, hcmOfficerId, true), isAdminError('forbidden'));
        await assert.rejects(setStaffDisabled(db, hniAdmin, central.id, true), isAdminError('forbidden'));
        await assert.rejects(setStaffDisabled(db, kv1Admin, hniReception.id, true), isAdminError('forbidden'));
        await assert.rejects(setStaffDisabled(db, central, 999_999, true), isAdminError('not_found'));
        await assert.rejects(setStaffDisabled(db, hniReception, hcmOfficerId, true), isAdminError('forbidden'));
        assert.equal((await db.selectFrom('staff_users').select('disabled_at').where('id', '=', hcmOfficerId).executeTakeFirstOrThrow()).disabled_at, null);
        await setStaffDisabled(db, central, hniAdmin.id, true);
        await setStaffDisabled(db, central, hniAdmin.id, false);
      });
    });

    describe('resetStaffPassword', () => {
      it('sets a new password and signs the user out everywhere, audited without any hash', async () => {
        const target = await account('officer', 'HNI');
        const token = await sessionFor(target.id);
        await resetStaffPassword(db, hniAdmin, target.id, NEW_PASSWORD);
        assert.equal(await validateSessionToken(db, token), null);
        const signIn = createSignIn();
        assert.deepEqual(await signIn.signIn(db, { email: target.email, password: PASSWORD, ip: '192.0.2.2' }), { ok: false, reason: 'invalid' });
        assert.ok((await signIn.signIn(db, { email: target.email, password: NEW_PASSWORD, ip: '192.0.2.2' })).ok);
        const entry = (await lastAudit('admin.staff_password_reset'))!;
        assert.equal(entry.entity_id, String(target.id));
        assert.equal(entry.actor_id, hniAdmin.id);
        assert.ok(!JSON.stringify(entry).includes('argon2') && !JSON.stringify(entry).includes(NEW_PASSWORD));
      });

      it('refuses a weak password, oneself and other agencies', async () => {
        const target = await account('officer', 'HNI');
        await assert.rejects(resetStaffPassword(db, hniAdmin, target.id, 'short'), isStaffInputError('too_short'));
        await assert.rejects(resetStaffPassword(db, hniAdmin, target.id, `${target.email.split('@')[0]}-abcdefgh`), isStaffInputError('contains_email'));
        await assert.rejects(resetStaffPassword(db, hniAdmin, hniAdmin.id, NEW_PASSWORD), isAdminError('self'));
        await assert.rejects(resetStaffPassword(db, hniAdmin, hcmOfficerId, NEW_PASSWORD), isAdminError('forbidden'));
        await assert.rejects(resetStaffPassword(db, hniAdmin, 999_999, NEW_PASSWORD), isAdminError('not_found'));
      });
    });

    describe('changeStaffRole', () => {
      it('changes role and agency within the administrator’s agencies, audited before and after', async () => {
        const target = await account('reception', 'HNI');
        await changeStaffRole(db, hniAdmin, target.id, 'officer', 'HNI-KV1');
        const row = await db.selectFrom('staff_users').select(['role', 'agency_code']).where('id', '=', target.id).executeTakeFirstOrThrow();
        assert.deepEqual(row, { role: 'officer', agency_code: 'HNI-KV1' });
        const entry = (await lastAudit('admin.staff_role_changed'))!;
        assert.deepEqual(entry.before, { email: target.email, role: 'reception', agency_code: 'HNI' });
        assert.deepEqual(entry.after, { email: target.email, role: 'officer', agency_code: 'HNI-KV1' });

        await assert.rejects(changeStaffRole(db, hniAdmin, target.id, 'officer', 'HCM'), isAdminError('forbidden'));
        await assert.rejects(changeStaffRole(db, hniAdmin, target.id, 'admin', null), isAdminError('forbidden'));
        await assert.rejects(changeStaffRole(db, hniAdmin, hcmOfficerId, 'head', 'HCM'), isAdminError('forbidden'));
        await assert.rejects(changeStaffRole(db, hniAdmin, hniAdmin.id, 'officer', 'HNI'), isAdminError('self'));
        await assert.rejects(changeStaffRole(db, central, target.id, 'officer', null), isStaffInputError('agency'));
        await assert.rejects(changeStaffRole(db, central, target.id, 'officer', 'NOPE'), isStaffInputError('agency'));
        await assert.rejects(changeStaffRole(db, central, target.id, 'boss' as never, 'HNI'), isStaffInputError('role'));
        await assert.rejects(changeStaffRole(db, hniReception, target.id, 'head', 'HNI'), isAdminError('forbidden'));

        await changeStaffRole(db, central, target.id, 'admin', null);
        assert.deepEqual(await db.selectFrom('staff_users').select(['role', 'agency_code']).where('id', '=', target.id).executeTakeFirstOrThrow(), { role: 'admin', agency_code: null });
        await assert.rejects(changeStaffRole(db, hniAdmin, target.id, 'officer', 'HNI'), isAdminError('forbidden'), 'now a central account');
      });
    });

    describe('listStaff', () => {
      it('lists the accounts an administrator manages, without secrets', async () => {
        const all = await listStaff(db, central);
        assert.ok(all.some((s) => s.id === hcmOfficerId));
        assert.equal(all[0]!.agency_code, null, 'central accounts first');
        for (const item of all) {
          assert.ok(!('password_hash' in item) && !('totp_key_encrypted' in item) && !('totp_recovery_hash' in item));
          assert.equal(typeof item.totp_enabled, 'boolean');
        }
        const hni = await listStaff(db, hniAdmin);
        assert.ok(hni.some((s) => s.id === hniReception.id));
        assert.ok(hni.every((s) => s.agency_code === 'HNI' || s.agency_code?.startsWith('HNI-KV')));
        assert.ok(hni.some((s) => s.agency_code === 'HNI-KV1'));
        assert.ok(!hni.some((s) => s.id === hcmOfficerId || s.id === central.id));
        const kv1 = await listStaff(db, kv1Admin);
        assert.ok(kv1.some((s) => s.id === kv1Admin.id), 'not an empty list, which every() would pass');
        assert.ok(kv1.every((s) => s.agency_code === 'HNI-KV1'));
        await assert.rejects(listStaff(db, hniReception), isAdminError('forbidden'));
      });

      it('shows the last activity of open sessions', async () => {
        const target = await account('reception', 'HNI');
        assert.equal((await listStaff(db, hniAdmin)).find((s) => s.id === target.id)!.last_active_at, null);
        await sessionFor(target.id);
        assert.ok((await listStaff(db, hniAdmin)).find((s) => s.id === target.id)!.last_active_at instanceof Date);
      });
    });

    describe('updateAgencyContacts', () => {
      it('updates an agency’s contacts (empty = not provided), audited before and after', async () => {
        const contacts = { address: '  Số 1 Phố Lý Thường Kiệt,  Hoàn Kiếm, Hà Nội ', phone: '+84 24.3825 3456', email: 'Thads.HaNoi@moj.gov.vn', head_name: 'Nguyễn Văn Trưởng' };
        const updated = await updateAgencyContacts(db, hniAdmin, 'HNI', contacts);
        assert.equal(updated.address, 'Số 1 Phố Lý Thường Kiệt, Hoàn Kiếm, Hà Nội');
        assert.equal(updated.phone, '+84 24.3825 3456');
        assert.equal(updated.email, 'thads.hanoi@moj.gov.vn');
        assert.equal(updated.head_name, 'Nguyễn Văn Trưởng');
        const entry = (await lastAudit('admin.agency_contacts_updated'))!;
        assert.equal(entry.entity_type, 'agency');
        assert.equal(entry.entity_id, 'HNI');
        assert.deepEqual(entry.before, { address: null, phone: null, email: null, head_name: null });
        assert.deepEqual(entry.after, { address: updated.address, phone: updated.phone, email: updated.email, head_name: updated.head_name });

        const cleared = await updateAgencyContacts(db, hniAdmin, 'HNI-KV1', { address: '', phone: '  ', email: null, head_name: undefined });
        assert.deepEqual([cleared.address, cleared.phone, cleared.email, cleared.head_name], [null, null, null, null]);
      });

      it('validates phone, e-mail and lengths, naming each bad field', async () => {
        await assert.rejects(
          updateAgencyContacts(db, central, 'HNI', { address: 'x'.repeat(301), phone: '024-3825-3456', email: 'not an email', head_name: 'A' }),
          (err: unknown) =>
            err instanceof AdminError &&
            err.reason === 'invalid' &&
            JSON.stringify(err.fields) === JSON.stringify({ address: 'too_long', phone: 'format', email: 'format', head_name: 'format' }),
        );
        await assert.rejects(updateAgencyContacts(db, central, 'HNI', { address: null, phone: '12345', email: null, head_name: null }), (err: unknown) => err instanceof AdminError && err.fields.phone === 'digits');
        await assert.rejects(updateAgencyContacts(db, central, 'HNI', { address: null, phone: null, email: 'a@b', head_name: null }), isAdminError('invalid'));
        await assert.rejects(updateAgencyContacts(db, central, 'HNI', { address: 'a\u0000b', phone: null, email: null, head_name: null }), isAdminError('invalid'));
        for (const phone of ['0243 825 3456', '1900.1234', '+84 912 345 678', '0912345678']) {
          await updateAgencyContacts(db, central, 'HCM', { address: null, phone, email: null, head_name: null });
        }
      });

      it('refuses other agencies, unknown agencies and non-administrators', async () => {
        const ok = { address: null, phone: null, email: null, head_name: null };
        await assert.rejects(updateAgencyContacts(db, hniAdmin, 'HCM', ok), isAdminError('forbidden'));
        await assert.rejects(updateAgencyContacts(db, kv1Admin, 'HNI', ok), isAdminError('forbidden'));
        await assert.rejects(updateAgencyContacts(db, central, 'NOPE', ok), isAdminError('not_found'));
        await assert.rejects(updateAgencyContacts(db, hniReception, 'HNI', ok), isAdminError('forbidden'));
      });
    });

    describe('calendar days', () => {
      it('a central administrator adds, changes and deletes an announced day, each audited', async () => {
        const date = '2027-03-15'; // a Monday
        assert.equal((await loadCalendar(db)).isWorkingDay(date), true);
        await upsertCalendarDay(db, central, { date, kind: 'off', name_vi: ' Nghỉ  bù ', name_en: 'Compensatory day off' });
        assert.equal((await loadCalendar(db)).isWorkingDay(date), false);
        let entry = (await lastAudit('admin.calendar_day_added'))!;
        assert.equal(entry.entity_id, date);
        assert.equal(entry.before, null);
        assert.deepEqual(entry.after, { date, kind: 'off', name_vi: 'Nghỉ bù', name_en: 'Compensatory day off' });

        await upsertCalendarDay(db, central, { date, kind: 'working', name_vi: 'Làm bù', name_en: 'Make-up working day' });
        assert.equal((await loadCalendar(db)).isWorkingDay(date), true);
        entry = (await lastAudit('admin.calendar_day_updated'))!;
        assert.deepEqual(entry.before, { date, kind: 'off', name_vi: 'Nghỉ bù', name_en: 'Compensatory day off' });
        assert.deepEqual(entry.after, { date, kind: 'working', name_vi: 'Làm bù', name_en: 'Make-up working day' });

        assert.equal(await deleteCalendarDay(db, central, date), true);
        assert.equal(await deleteCalendarDay(db, central, date), false);
        entry = (await lastAudit('admin.calendar_day_deleted'))!;
        assert.deepEqual(entry.before, { date, kind: 'working', name_vi: 'Làm bù', name_en: 'Make-up working day' });
        assert.equal(entry.after, null);
      });

      it('is national: agency administrators and other staff may not change it', async () => {
        const day = { date: '2027-03-16', kind: 'off' as const, name_vi: 'Nghỉ', name_en: 'Day off' };
        await assert.rejects(upsertCalendarDay(db, hniAdmin, day), isAdminError('forbidden'));
        await assert.rejects(upsertCalendarDay(db, hniReception, day), isAdminError('forbidden'));
        await assert.rejects(deleteCalendarDay(db, hniAdmin, '2026-01-01'), isAdminError('forbidden'));
      });

      it('validates the day', async () => {
        const day = { date: '2027-03-16', kind: 'off' as const, name_vi: 'Nghỉ', name_en: 'Day off' };
        await assert.rejects(upsertCalendarDay(db, central, { ...day, date: '2027-02-30' }), (err: unknown) => err instanceof AdminError && err.fields.date === 'format');
        await assert.rejects(upsertCalendarDay(db, central, { ...day, kind: 'holiday' as never }), (err: unknown) => err instanceof AdminError && err.fields.kind === 'format');
        await assert.rejects(upsertCalendarDay(db, central, { ...day, name_vi: '  ' }), (err: unknown) => err instanceof AdminError && err.fields.name_vi === 'required');
        await assert.rejects(deleteCalendarDay(db, central, 'tomorrow'), isAdminError('invalid'));
      });
    });

    describe('audit log', () => {
      it('is append-only: UPDATE and DELETE fail', async () => {
        const entry = (await lastAudit('admin.staff_created'))!;
        await assert.rejects(db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', entry.id).execute(), /append-only/);
        await assert.rejects(db.deleteFrom('audit_log').where('id', '=', entry.id).execute(), /append-only/);
        await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
        assert.equal((await db.selectFrom('audit_log').select('action').where('id', '=', entry.id).executeTakeFirstOrThrow()).action, 'admin.staff_created');
      });

      it('keeps no change when the audited action fails (same transaction)', async () => {
        const before = await auditCount();
        const staffBefore = await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        await assert.rejects(createStaffAccount(db, central, { ...newStaff('HNI'), email: 'bad' }));
        assert.equal(await auditCount(), before);
        assert.equal(Number((await db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), Number(staffBefore.n));
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// scripts/staff-create.ts, run as `npm run staff:create` runs it

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/staff-create.ts');

function runScript(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', SECRET_KEY: '', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('npm run staff:create', () => {
  const password = { STAFF_PASSWORD: PASSWORD };
  const args = ['--email', 'Quan.Tri@THADS.gov.vn', '--name', 'Nguyễn Văn Quản Trị'];

  it('creates the first central administrator on a fresh embedded database, once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-staff-create-'));
    try {
      const created = await runScript(args, { ...password, DATA_DIR: dataDir });
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /quan\.tri@thads\.gov\.vn/);
      const again = await runScript(args, { ...password, DATA_DIR: dataDir });
      assert.equal(again.code, 1);
      assert.equal(again.stderr.trim(), 'Đã có tài khoản với e-mail này. / An account with this e-mail already exists.');

      const handle = await openPglite(dataDir);
      try {
        const row = await handle.db.selectFrom('staff_users').selectAll().executeTakeFirstOrThrow();
        assert.equal(row.email, 'quan.tri@thads.gov.vn');
        assert.equal(row.full_name, 'Nguyễn Văn Quản Trị');
        assert.equal(row.role, 'admin');
        assert.equal(row.agency_code, null);
        assert.ok((await createSignIn().signIn(handle.db, { email: row.email, password: PASSWORD, ip: null })).ok);
        const audit = await handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'admin.staff_created').executeTakeFirstOrThrow();
        assert.equal((audit.after as { via: string }).via, 'staff:create');

        // While a process holds the embedded database, the script refuses politely.
        const locked = await runScript(['--email', 'khac@thads.gov.vn', '--name', 'Người Khác'], { ...password, DATA_DIR: dataDir });
        assert.equal(locked.code, 1);
        assert.match(locked.stderr, /in use by process \d+/);
        assert.equal(locked.stderr.trim().split('\n').length, 1);
      } finally {
        await handle.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('creates an agency account on PostgreSQL (migrating and seeding a fresh database first)', async () => {
    const dbName = `thads_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${dbName}`);
    const url = new URL(postgresUrl);
    url.pathname = '/' + dbName;
    try {
      const created = await runScript(['--email', 'tiep.nhan@thads.gov.vn', '--name', 'Trần Thị Tiếp Nhận', '--role', 'reception', '--agency', 'hni'], {
        ...password,
        DATABASE_URL: url.toString(),
      });
      assert.equal(created.code, 0, created.stderr);
      // Input only the database can judge.
      const badEmail = await runScript(['--email', 'not-an-email', '--name', 'A B'], { ...password, DATABASE_URL: url.toString() });
      assert.equal(badEmail.code, 1);
      assert.equal(badEmail.stderr.trim(), 'Địa chỉ e-mail không hợp lệ. / The e-mail address is not valid.');
      const badAgency = await runScript(['--email', 'x@thads.gov.vn', '--name', 'A B', '--role', 'officer', '--agency', 'XYZ'], {
        ...password,
        DATABASE_URL: url.toString(),
      });
      assert.equal(badAgency.code, 1);
      assert.match(badAgency.stderr.trim(), /^Mã cơ quan không tồn tại.* \/ Unknown agency code/);
      const handle = openPostgres(url.toString());
      try {
        const row = await handle.db.selectFrom('staff_users').select(['email', 'role', 'agency_code']).executeTakeFirstOrThrow();
        assert.deepEqual(row, { email: 'tiep.nhan@thads.gov.vn', role: 'reception', agency_code: 'HNI' });
      } finally {
        await handle.close();
      }
    } finally {
      await adminQuery(`drop database if exists ${dbName} with (force)`);
    }
  });

  it('explains bad input in one line, in Vietnamese and English', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-staff-create-'));
    try {
      const cases: [string[], Record<string, string>, RegExp][] = [
        [['--name', 'A B'], password, /Thiếu --email\. \/ Missing --email\./],
        [['--email', 'a@b.vn'], password, /Thiếu --name\. \/ Missing --name\./],
        [[...args, '--role', 'boss'], password, /Vai trò không hợp lệ .* \/ Unknown role/],
        [['--email', 'a@b.vn', '--name', 'A B', '--role', 'officer'], password, /--role officer cần --agency\. \/ --role officer needs --agency\./],
        [[...args, '--bogus'], password, /Unknown option '--bogus'/],
        [args, { STAFF_PASSWORD: 'short' }, /^Mật khẩu phải có ít nhất 12 ký tự\. \/ The password must be at least 12 characters long\.$/],
        [args, { STAFF_PASSWORD: '' }, /STAFF_PASSWORD/],
      ];
      for (const [caseArgs, env, expected] of cases) {
        const result = await runScript(caseArgs, { ...env, DATA_DIR: dataDir });
        assert.equal(result.code, 1, caseArgs.join(' '));
        assert.match(result.stderr.trim(), expected, caseArgs.join(' '));
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
