import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createStaffUser, type StaffRole } from '../../src/server/auth/staff.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { DecryptionError } from '../../src/server/cipher.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { notifyCitizen } from '../../src/server/dossiers/notify.ts';
import { staffDossierView } from '../../src/server/dossiers/staff-view.ts';
import {
  decryptIdentity,
  denouncerAddress,
  grantAccess,
  grantableStaff,
  identityAccess,
  listGrants,
  readIdentity,
  recordRefusedVisit,
  redactIdentity,
  revokeAccess,
  sealIdentity,
} from '../../src/server/denouncers/vault.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// The identities of these tests are encrypted under a key of their own (never $DATA_DIR/secret.key).
process.env.SECRET_KEY = randomBytes(32).toString('base64');

const TC = procedureByCode('TC')!;

/** The catalog example's identity, written out by hand. */
const IDENTITY = {
  fullName: 'Ngô Thị Thu Hà',
  cccd: '048190007246',
  dateOfBirth: '1990-12-03',
  address: 'Số 31 đường Phan Châu Trinh, phường Hải Châu, thành phố Đà Nẵng',
  phone: '0796 334 158',
  email: 'thuha.ngo@example.com',
};
const IDENTITY_VALUES = [...Object.values(IDENTITY), 'Thu Hà', '0796334158', 'Phan Châu Trinh', 'thuha.ngo'];

/** Whether any identity value appears in `text` (accents and case as typed). */
const leaks = (text: string) => IDENTITY_VALUES.filter((v) => text.toLowerCase().includes(v.toLowerCase()));

/** A denunciation of officer Phan Văn Lợi at Đà Nẵng's regional office 2, as the catalog example has it. */
const answersOf = (over: Record<string, unknown> = {}) => ({ ...TC.example, agency: 'DNG-KV2', ...over });

/** Inserts a submitted TC dossier the way the submission does: redacted row, identity sealed in the same transaction. */
async function insertDenunciation(db: Kysely<Database>, answers: Record<string, unknown>) {
  return db.transaction().execute(async (trx) => {
    const { row, data } = redactIdentity(answers);
    const code = generateDossierCode(40, '2026-12-01');
    const inserted = await trx
      .insertInto('dossiers')
      .values({
        code,
        procedure_code: 'TC',
        agency_code: String(answers.agency),
        status: 'submitted',
        channel: 'online',
        locale: 'vi',
        ...row,
        data: JSON.stringify(data),
        pin_hash: 'not-a-real-hash',
        idempotency_key: randomUUID(),
        submitted_at: new Date('2026-12-01T02:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    const sealed = await sealIdentity(trx, id, answers, { scanAttachmentIds: [] });
    return { id, code, sealed };
  });
}

for (const target of testDatabases) {
  describe(`denouncer identity vault on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const staff: Record<string, { id: number; email: string }> = {};

    before(async () => {
      handle = await openSeeded(target);
      const accounts: [key: string, role: StaffRole, agency: string | null, name: string][] = [
        ['headKV2', 'head', 'DNG-KV2', 'Trần Thị Hoa'],
        ['headDNG', 'head', 'DNG', 'Lê Minh Quân'],
        ['headHCM', 'head', 'HCM', 'Võ Thành Nam'],
        ['adminCentral', 'admin', null, 'Quản trị Trung ương'],
        ['adminKV2', 'admin', 'DNG-KV2', 'Quản trị Khu vực 2'],
        ['adminHCM', 'admin', 'HCM', 'Quản trị Sài Gòn'],
        ['officerGranted', 'officer', 'DNG-KV2', 'Đỗ Văn Khải'],
        ['officerPlain', 'officer', 'DNG-KV2', 'Bùi Thị Mai'],
        // The denounced officer: the form names "Phan Văn Lợi"; the account is spelled without one accent.
        ['accused', 'officer', 'DNG-KV2', 'Phan Van Lợi'],
        ['officerHCM', 'officer', 'HCM', 'Phan Văn Lợi'],
        ['reception', 'reception', 'DNG-KV2', 'Nguyễn Thị Quầy'],
      ];
      let id0 = 1;
      for (const [key, role, agencyCode, fullName] of accounts) {
        const email = `${key.toLowerCase()}@thads.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName, role, agencyCode, password: `Cây bút chì ${fullName.length} đã gãy ${id0++} lần!` });
        staff[key] = { id, email };
      }
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const who = (key: string) => staff[key]!;
    const auditsOf = (id: number) =>
      handle.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'dossier').where('entity_id', '=', String(id)).orderBy('id').execute();
    const read = (id: number, key: string, reason = 'Liên hệ làm rõ nội dung tố cáo') => readIdentity(handle.db, id, who(key), { reason, ip: '203.0.113.9' });

    it('seals: the dossier row and its data hold none of the identity; the vault gives it back', async () => {
      const { id, sealed } = await insertDenunciation(handle.db, answersOf());
      assert.deepEqual(sealed.row, {
        applicant_name: 'Người tố cáo (bảo mật)',
        applicant_id_number: '',
        applicant_phone: '',
        applicant_email: null,
        applicant_address: '',
      });
      assert.deepEqual(leaks(JSON.stringify(sealed)), []);
      assert.deepEqual(Object.keys(sealed.data).sort(), ['accusedName', 'accusedPosition', 'accusedWorkplace', 'agency', 'conduct', 'conductDate', 'declaration', 'evidence', 'protection']);
      const row = await handle.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(leaks(JSON.stringify(row)), []);

      const result = await read(id, 'headKV2');
      assert.ok(result.ok);
      assert.deepEqual(
        { ...result.identity },
        { ...IDENTITY, scanAttachmentIds: [], scans: [] },
      );
      assert.equal(result.basis, 'head');
    });

    it('stores ciphertext only: no plaintext, and it opens under neither another dossier id nor another key', async () => {
      const { id } = await insertDenunciation(handle.db, answersOf());
      const stored = await handle.db.selectFrom('denouncer_identities').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
      assert.equal(stored.key_version, 1);
      assert.equal(stored.nonce.byteLength, 12);
      const bytes = Buffer.from(stored.ciphertext);
      for (const value of IDENTITY_VALUES) {
        assert.equal(bytes.includes(Buffer.from(value, 'utf8')), false, value);
        assert.equal(bytes.toString('hex').includes(Buffer.from(value, 'utf8').toString('hex')), false, value);
      }
      assert.equal(decryptIdentity(stored, id).fullName, 'Ngô Thị Thu Hà');
      assert.throws(() => decryptIdentity(stored, id + 1), DecryptionError);
      assert.throws(() => decryptIdentity(stored, id, new Uint8Array(randomBytes(32))), DecryptionError);
      // The server key itself, undervied, is not the identity key either.
      assert.throws(() => decryptIdentity({ ...stored, key_version: 2 }, id), DecryptionError);

      // Moved to another case, the ciphertext gives nothing there: the read fails and says so, without identity.
      const other = await insertDenunciation(handle.db, answersOf());
      await handle.db.updateTable('denouncer_identities').set({ ciphertext: stored.ciphertext, nonce: stored.nonce }).where('dossier_id', '=', other.id).execute();
      assert.deepEqual(await read(other.id, 'headKV2'), { ok: false, problem: 'undecryptable' });
    });

    it('lets the head, the head above, and administrators read; refuses everyone else, the denounced first', async () => {
      const { id } = await insertDenunciation(handle.db, answersOf());
      const expected: Record<string, string> = {
        headKV2: 'head',
        headDNG: 'head',
        adminCentral: 'admin',
        adminKV2: 'admin',
        headHCM: 'not_allowed',
        adminHCM: 'not_allowed',
        officerGranted: 'not_allowed',
        officerPlain: 'not_allowed',
        accused: 'denounced',
        officerHCM: 'not_allowed',
        reception: 'not_allowed',
      };
      const got: Record<string, string> = {};
      for (const key of Object.keys(expected)) {
        const result = await read(id, key);
        got[key] = result.ok ? result.basis : result.problem;
        if (result.ok) assert.equal(result.identity.fullName, 'Ngô Thị Thu Hà', key);
      }
      assert.deepEqual(got, expected);

      // Every read and every refusal is on record, with who and why, and none carries the identity.
      const audits = await auditsOf(id);
      assert.deepEqual(
        audits.map((a) => [a.actor_email, a.action, (a.after as { reason: string }).reason, a.ip]),
        Object.entries(expected).map(([key, outcome]) => [
          who(key).email,
          outcome === 'head' || outcome === 'admin' ? 'denouncer.identity_read' : 'denouncer.identity_refused',
          'Liên hệ làm rõ nội dung tố cáo',
          '203.0.113.9',
        ]),
      );
      assert.equal(audits.every((a) => a.agency_code === 'DNG-KV2'), true);
      assert.deepEqual(leaks(JSON.stringify(audits)), []);
    });

    it('asks allowed readers for a reason, and keeps what the reason repeats of the identity out of the log', async () => {
      const { id } = await insertDenunciation(handle.db, answersOf());
      assert.deepEqual(await read(id, 'headKV2', '   '), { ok: false, problem: 'reason_required' });
      assert.deepEqual(await read(id, 'headKV2', 'x'.repeat(501)), { ok: false, problem: 'reason_too_long' });
      assert.equal((await auditsOf(id)).length, 0);
      // A refused reader is refused (and audited) whatever the reason.
      assert.deepEqual(await read(id, 'officerPlain', ''), { ok: false, problem: 'not_allowed' });

      const result = await read(id, 'headKV2', 'Gọi bà Ngô Thị Thu Hà, số 0796-334-158, địa chỉ Số 31 đường Phan Châu Trinh, phường Hải Châu, thành phố Đà Nẵng');
      assert.ok(result.ok);
      const audits = await auditsOf(id);
      assert.deepEqual(
        audits.map((a) => [a.action, (a.after as { reason: string | null }).reason]),
        [
          ['denouncer.identity_refused', ''],
          ['denouncer.identity_read', 'Gọi bà […], số […], địa chỉ […]'],
        ],
      );
      assert.deepEqual(leaks(JSON.stringify(audits)), []);
    });

    it('refuses the head when the head is denounced: the level above reads', async () => {
      // The denouncer does not know the head's full name: the office alone refuses its holder.
      const { id } = await insertDenunciation(handle.db, answersOf({ accusedName: 'Bà Hoa, Trưởng phòng', accusedPosition: 'head' }));
      assert.deepEqual(await read(id, 'headKV2'), { ok: false, problem: 'denounced' });
      const above = await read(id, 'headDNG');
      assert.equal(above.ok && above.basis, 'head');
      // The denounced head cannot grant either, and is not offered the page's management.
      assert.deepEqual(await grantAccess(handle.db, id, who('headKV2'), who('officerPlain').id, 'Xác minh'), { ok: false, problem: 'not_allowed' });
      // The officer named like nobody here is not refused for the name: Phan Văn Lợi is not the accused this time.
      assert.deepEqual(await identityAccess(handle.db, id, who('accused')), { allowed: false, refusal: 'not_allowed' });
    });

    it('grants and revokes: audited, head only, never to the denounced, and a grant opens the identity only while open', async () => {
      const { id } = await insertDenunciation(handle.db, answersOf());
      assert.deepEqual(await grantAccess(handle.db, id, who('adminKV2'), who('officerGranted').id, 'Xác minh'), { ok: false, problem: 'not_allowed' });
      assert.deepEqual(await grantAccess(handle.db, id, who('officerPlain'), who('officerGranted').id, 'Xác minh'), { ok: false, problem: 'not_allowed' });
      assert.deepEqual(await grantAccess(handle.db, id, who('headKV2'), who('officerGranted').id, '  '), { ok: false, problem: 'reason_required' });
      assert.deepEqual(await grantAccess(handle.db, id, who('headKV2'), who('officerHCM').id, 'Xác minh'), { ok: false, problem: 'staff_invalid' });
      assert.deepEqual(await grantAccess(handle.db, id, who('headKV2'), who('accused').id, 'Xác minh'), { ok: false, problem: 'denounced' });
      assert.deepEqual(
        (await grantableStaff(handle.db, id)).map((s) => s.name),
        ['Bùi Thị Mai', 'Đỗ Văn Khải', 'Nguyễn Thị Quầy'],
      );

      const granted = await grantAccess(handle.db, id, who('headKV2'), who('officerGranted').id, 'Chấp hành viên được giao xác minh', { now: new Date('2026-12-02T03:00:00Z') });
      assert.ok(granted.ok);
      assert.deepEqual(await grantAccess(handle.db, id, who('headDNG'), who('officerGranted').id, 'Lần nữa'), { ok: false, problem: 'already' });
      const readByGrant = await read(id, 'officerGranted');
      assert.equal(readByGrant.ok && readByGrant.basis, 'grant');
      assert.deepEqual(await read(id, 'officerPlain'), { ok: false, problem: 'not_allowed' });

      // A grant of one case opens no other.
      const other = await insertDenunciation(handle.db, answersOf());
      assert.deepEqual(await read(other.id, 'officerGranted'), { ok: false, problem: 'not_allowed' });

      assert.deepEqual(await revokeAccess(handle.db, id, who('officerGranted'), granted.grantId), { ok: false, problem: 'not_allowed' });
      assert.deepEqual(await revokeAccess(handle.db, other.id, who('headKV2'), granted.grantId), { ok: false, problem: 'not_found' });
      assert.deepEqual(await revokeAccess(handle.db, id, who('headKV2'), granted.grantId, { now: new Date('2026-12-03T03:00:00Z') }), { ok: true });
      assert.deepEqual(await revokeAccess(handle.db, id, who('headKV2'), granted.grantId), { ok: false, problem: 'not_found' });
      assert.deepEqual(await read(id, 'officerGranted'), { ok: false, problem: 'not_allowed' });

      const grants = await listGrants(handle.db, id);
      assert.deepEqual(
        grants.map((g) => [g.grantedTo.name, g.grantedBy, g.reason, g.createdAt.toISOString(), g.revokedAt?.toISOString()]),
        [['Đỗ Văn Khải', 'Trần Thị Hoa', 'Chấp hành viên được giao xác minh', '2026-12-02T03:00:00.000Z', '2026-12-03T03:00:00.000Z']],
      );
      const audits = await auditsOf(id);
      assert.deepEqual(
        audits.map((a) => [a.actor_email, a.action]),
        [
          [who('headKV2').email, 'denouncer.access_granted'],
          [who('officerGranted').email, 'denouncer.identity_read'],
          [who('officerPlain').email, 'denouncer.identity_refused'],
          [who('headKV2').email, 'denouncer.access_revoked'],
          [who('officerGranted').email, 'denouncer.identity_refused'],
        ],
      );
      assert.deepEqual(audits[0]!.after, {
        code: (await handle.db.selectFrom('dossiers').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code,
        grantId: granted.grantId,
        grantedTo: who('officerGranted').id,
        grantedToEmail: who('officerGranted').email,
        reason: 'Chấp hành viên được giao xác minh',
      });
      assert.deepEqual(leaks(JSON.stringify(audits)), []);
    });

    it('keeps the denounced officer out by every door: a grant row, the dossier page, the page visit', async () => {
      const { id, code } = await insertDenunciation(handle.db, answersOf());
      // Even a grant written straight into the table (a mistake, a forged row) does not open it to them.
      await handle.db.insertInto('denouncer_access_grants').values({ dossier_id: id, granted_to: who('accused').id, granted_by: who('headKV2').id, reason: 'nhầm' }).execute();
      assert.deepEqual(await read(id, 'accused'), { ok: false, problem: 'denounced' });
      assert.deepEqual(await recordRefusedVisit(handle.db, id, who('accused')), { allowed: false, refusal: 'denounced' });
      // The dossier page they may open shows the placeholder and answers without the identity.
      const view = await staffDossierView(handle.db, code, { agencyCode: 'DNG-KV2' });
      assert.ok(view);
      assert.deepEqual(leaks(JSON.stringify({ dossier: view.dossier, attachments: view.attachments, timeline: view.timeline })), []);
      assert.equal(view.dossier.applicant_name, 'Người tố cáo (bảo mật)');
      const audits = await auditsOf(id);
      assert.deepEqual(audits.map((a) => [a.actor_email, a.action, (a.after as { refusal: string }).refusal]), [
        [who('accused').email, 'denouncer.identity_refused', 'denounced'],
        [who('accused').email, 'denouncer.identity_refused', 'denounced'],
      ]);
    });

    it('mails the denouncer at the address in the vault, with their name; the dossier row has none', async () => {
      const { id } = await insertDenunciation(handle.db, answersOf());
      assert.equal(await denouncerAddress(handle.db, id), 'thuha.ngo@example.com');
      const sent = await handle.db.transaction().execute((trx) => notifyCitizen(trx, { kind: 'submitted', dossierId: id, publicUrl: PUBLIC_URL, pin: '123456' }));
      assert.equal(sent, true);
      const mails = await handle.db.selectFrom('mail_outbox').selectAll().where('dossier_id', '=', id).execute();
      assert.deepEqual(mails.map((m) => m.to_address), ['thuha.ngo@example.com']);
      assert.match(mails[0]!.text_body, /Kính gửi ông\/bà Ngô Thị Thu Hà,/);

      const silent = await insertDenunciation(handle.db, answersOf({ email: undefined }));
      assert.equal(await denouncerAddress(handle.db, silent.id), null);
      assert.equal(await handle.db.transaction().execute((trx) => notifyCitizen(trx, { kind: 'submitted', dossierId: silent.id, publicUrl: PUBLIC_URL, pin: '123456' })), false);
    });
  });
}
