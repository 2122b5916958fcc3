/**
 * Wrong tracking PINs are counted per dossier code in the database, whatever address they come from: five lock the
 * code (the right PIN too) for 15 minutes, then 30, and the applicant hears of each lock once. A code no dossier has
 * is locked the same way, so a lock reveals nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { lookUpDossier } from '../../src/server/dossiers/pin-lockout.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { closeAndDrop, completeDraft, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const MGCPCC = procedureByCode('MGCPCC')!;
/** 09:00 in Vietnam on 2 November 2026, plus `minutes`. */
const at = (minutes: number) => new Date(Date.parse('2026-11-02T09:00:00+07:00') + minutes * 60_000);

for (const target of testDatabases) {
  describe(`tracking PIN lock-out on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let dossier: { dossierId: number; code: string; pin: string };
    let wrong: string;
    const look = (code: string, pin: string, minutes: number) => lookUpDossier(handle.db, code, pin, { publicUrl: PUBLIC_URL, now: at(minutes) });
    const lockMails = () =>
      handle.db.selectFrom('mail_outbox').select(['to_address', 'subject', 'text_body', 'dossier_id']).where('kind', '=', 'tracking_locked').orderBy('id').execute();

    before(async () => {
      handle = await openSeeded(target);
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI', email: 'an.tran@example.com' } });
      dossier = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at(-60) });
      wrong = dossier.pin === '000000' ? '111111' : '000000';
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    it('locks the code after five wrong PINs, refuses the right one during the lock, doubles the next lock and mails once per lock', async () => {
      for (let i = 0; i < 4; i++) assert.deepEqual(await look(dossier.code, wrong, i), { outcome: 'not_found' });
      const fifth = await look(dossier.code, wrong, 4);
      assert.equal(fifth.outcome, 'locked');
      assert.equal(fifth.outcome === 'locked' && fifth.until.toISOString(), '2026-11-02T02:19:00.000Z');
      assert.equal(fifth.mailed, true);

      // During the lock: the right PIN is refused too, and nothing more is mailed.
      const right = await look(dossier.code, dossier.pin, 10);
      assert.deepEqual(right, { outcome: 'locked', until: new Date('2026-11-02T02:19:00.000Z') });
      assert.equal((await look(dossier.code, wrong, 11)).outcome, 'locked');
      const first = await lockMails();
      assert.equal(first.length, 1);
      assert.equal(first[0]!.to_address, 'an.tran@example.com');
      assert.equal(first[0]!.dossier_id, dossier.dossierId);
      assert.ok(first[0]!.subject.startsWith(`Tạm khóa tra cứu hồ sơ ${dossier.code}`), first[0]!.subject);
      assert.ok(first[0]!.text_body.includes('tạm khóa đến 09:19, 02/11/2026 (giờ Việt Nam)'), first[0]!.text_body);
      assert.ok(!first[0]!.text_body.includes(dossier.pin));

      // After the lock: five more wrong PINs lock it for twice as long.
      for (let i = 0; i < 4; i++) assert.equal((await look(dossier.code, wrong, 20 + i)).outcome, 'not_found');
      const again = await look(dossier.code, wrong, 24);
      assert.deepEqual(again, { outcome: 'locked', until: new Date('2026-11-02T02:54:00.000Z'), mailed: true });
      assert.equal((await lockMails()).length, 2);

      // The right PIN after the lock ends opens the dossier and forgets the count: the next lock is 15 minutes again.
      assert.deepEqual(await look(dossier.code, dossier.pin, 55), { outcome: 'found', dossierId: dossier.dossierId });
      for (let i = 0; i < 4; i++) assert.equal((await look(dossier.code, wrong, 56 + i)).outcome, 'not_found');
      assert.deepEqual(await look(dossier.code, wrong, 60), { outcome: 'locked', until: new Date('2026-11-02T03:15:00.000Z'), mailed: true });
    });

    it('locks a code that no dossier has in the same way, without mailing anyone', async () => {
      const unknown = generateDossierCode(1, '2026-11-02', () => 0);
      assert.notEqual(unknown, dossier.code);
      const before = (await lockMails()).length;
      for (let i = 0; i < 4; i++) assert.deepEqual(await look(unknown, '123456', i), { outcome: 'not_found' });
      assert.deepEqual(await look(unknown, '123456', 4), { outcome: 'locked', until: new Date('2026-11-02T02:19:00.000Z'), mailed: false });
      assert.deepEqual(await look(unknown, '654321', 5), { outcome: 'locked', until: new Date('2026-11-02T02:19:00.000Z') });
      assert.equal((await lockMails()).length, before);
    });

    it('forgets a few typos a day later', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const other = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at(-60) });
      const bad = other.pin === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) assert.equal((await look(other.code, bad, i)).outcome, 'not_found');
      // 24 hours after the last typo the count starts again: one more typo does not lock.
      assert.deepEqual(await look(other.code, bad, 3 + 24 * 60), { outcome: 'not_found' });
      for (let i = 0; i < 3; i++) assert.equal((await look(other.code, bad, 3 + 24 * 60 + 1 + i)).outcome, 'not_found');
      assert.equal((await look(other.code, bad, 3 + 24 * 60 + 5)).outcome, 'locked');
    });
  });
}
