/**
 * What a citizen gets from tracking: the files and notices of their own dossier only — the signed result, never a
 * draft — and notices that state what they said on the day they were issued.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { reprintedConfirmation } from '../../src/server/dossiers/confirmation.ts';
import { noticeData } from '../../src/server/dossiers/notice-data.ts';
import {
  apologise,
  approveResult,
  assignOfficer,
  receiveDossier,
  requestSupplement,
  submitDraftResult,
} from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { attachmentForCitizen, findDossierByCodeAndPin, sendSupplement, trackedDossier } from '../../src/server/dossiers/tracking.ts';
import type { StaffActor } from '../../src/server/dossiers/transition.ts';
import { closeAndDrop, completeDraft, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const MGCPCC = procedureByCode('MGCPCC')!;
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);

for (const target of testDatabases) {
  describe(`tracking on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const staff: Record<string, StaffActor> = {};

    before(async () => {
      handle = await openSeeded(target);
      for (const [key, role] of [['reception', 'reception'], ['officer', 'officer'], ['head', 'head']] as const) {
        const email = `${key}@tracking.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode: 'HNI', password: `Mưa phùn tháng chạp số ${key.length} ★` });
        staff[key] = { role, staffId: id, agencyCode: 'HNI', email };
      }
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    it('shows the signed result apart from what the citizen sent, and never a draft', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const { dossierId, code, pin } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });
      assert.equal(await findDossierByCodeAndPin(handle.db, code, pin), dossierId);
      assert.equal(await findDossierByCodeAndPin(handle.db, code, pin === '000000' ? '111111' : '000000'), null);
      const base = { publicUrl: PUBLIC_URL };
      await receiveDossier(handle.db, dossierId, staff.reception!, { ...base, now: at('2026-11-03') });
      await assignOfficer(handle.db, dossierId, staff.head!, { ...base, officerId: staff.officer!.staffId!, now: at('2026-11-03', 10) });
      const drafted = await submitDraftResult(handle.db, dossierId, staff.officer!, {
        ...base,
        file: { name: 'du-thao.pdf', bytes: pdfBytes('dự thảo') },
        now: at('2026-11-04'),
      });
      let view = (await trackedDossier(handle.db, dossierId))!;
      assert.equal(view.status, 'awaiting_approval');
      assert.deepEqual(view.results, []);
      assert.ok(view.attachments.every((a) => a.documentId !== 'result_draft'));
      assert.equal(await attachmentForCitizen(handle.db, dossierId, drafted.attachmentId), undefined, 'a draft is not the citizen’s to download');

      const approved = await approveResult(handle.db, dossierId, staff.head!, { ...base, note: 'Mời nhận bản chính.', now: at('2026-11-05') });
      view = (await trackedDossier(handle.db, dossierId))!;
      assert.deepEqual(
        view.results.map((a) => [a.id, a.documentId, a.fileName]),
        [[approved.attachmentId, 'result', 'du-thao.pdf']],
      );
      assert.deepEqual(view.timeline.map((e) => e.action), ['submit', 'receive', 'approve']);
      assert.deepEqual(view.notices.map((n) => n.slug), ['tiep-nhan']);
      const file = (await attachmentForCitizen(handle.db, dossierId, approved.attachmentId))!;
      assert.equal(Buffer.from(file.content).toString('latin1'), Buffer.from(pdfBytes('dự thảo')).toString('latin1'));
      // Another dossier's file is not reachable through this one.
      const other = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const otherDossier = await submitDraft(handle.db, other.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });
      assert.equal(await attachmentForCitizen(handle.db, otherDossier.dossierId, approved.attachmentId), undefined);
    });

    it('prints each notice as issued: the receipt keeps its date after an apology moved it', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const { dossierId, code } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });
      assert.equal(await noticeData(handle.db, dossierId, 'tiep-nhan'), null, 'no receipt before the dossier is received');
      // Received Tuesday 03/11/2026 under the new rules (3 working days): due Friday 06/11.
      await receiveDossier(handle.db, dossierId, staff.reception!, { publicUrl: PUBLIC_URL, now: at('2026-11-03') });
      await apologise(handle.db, dossierId, staff.head!, { publicUrl: PUBLIC_URL, reason: 'Chờ xác minh.', newDueDate: '2026-11-12', now: at('2026-11-04') });
      const receipt = (await noticeData(handle.db, dossierId, 'tiep-nhan'))!;
      assert.deepEqual(
        [receipt.code, receipt.notice.title.vi, receipt.issuedOn, receipt.dueDate, receipt.timeLimit, receipt.issuedBy],
        [code, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', '2026-11-03', '2026-11-06', { days: 3, unit: 'working' }, 'Cán bộ reception'],
      );
      const apology = (await noticeData(handle.db, dossierId, 'xin-loi'))!;
      assert.deepEqual([apology.issuedOn, apology.previousDueDate, apology.dueDate, apology.text], ['2026-11-04', '2026-11-06', '2026-11-12', 'Chờ xác minh.']);
      assert.equal(await noticeData(handle.db, dossierId, 'tu-choi'), null);
      assert.equal(await noticeData(handle.db, dossierId, 'no-such-form'), null);
    });

    it('lists in a supplement request notice only what was sent before it', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const { dossierId, code, pin } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });
      const sentWithApplication = (await trackedDossier(handle.db, dossierId))!.attachments.map((a) => a.fileName);
      await requestSupplement(handle.db, dossierId, staff.reception!, { publicUrl: PUBLIC_URL, reason: 'Bổ sung giấy xác nhận hộ nghèo.', now: at('2026-11-03') });
      const tracked = (await trackedDossier(handle.db, dossierId))!;
      await sendSupplement(handle.db, tracked, { files: [{ name: 'ho-ngheo.pdf', bytes: pdfBytes('hộ nghèo') }], note: '', publicUrl: PUBLIC_URL, now: at('2026-11-04') });
      const request = (await noticeData(handle.db, dossierId, 'bo-sung'))!;
      assert.deepEqual(request.documents.map((a) => a.fileName), sentWithApplication);
      assert.ok(!request.documents.some((a) => a.fileName === 'ho-ngheo.pdf'));
      // The reprinted receipt: as on the day of submission, without the PIN, without the later supplement.
      const reprint = (await reprintedConfirmation(handle.db, dossierId))!;
      assert.deepEqual([reprint.code, reprint.pin], [code, null]);
      assert.deepEqual(reprint.attachments.map((a) => a.fileName), sentWithApplication);
      // Submitted Monday 02/11: "if received today" counted three working days from then — Thursday 05/11.
      assert.equal(reprint.dueIfReceivedToday, '2026-11-05');
      void pin;
    });
  });
}
