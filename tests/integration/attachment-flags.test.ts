/**
 * A PDF with active content is accepted from the citizen and from staff alike, stored with a flag, shown to staff with
 * a warning, and served as a sandboxed download.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { processApplication, uploadableDocuments } from '../../src/server/dossiers/application.ts';
import { attachmentResponse } from '../../src/server/dossiers/download.ts';
import { approveResult, assignOfficer, receiveDossier, requestSupplement, submitDraftResult } from '../../src/server/dossiers/staff-actions.ts';
import { attachmentForStaff, staffDossierView } from '../../src/server/dossiers/staff-view.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { sendSupplement, trackedDossier } from '../../src/server/dossiers/tracking.ts';
import type { StaffActor } from '../../src/server/dossiers/transition.ts';
import { closeAndDrop, exampleForm, fileOf, openSeeded, pdfBytes, PUBLIC_URL, requiredDocumentFiles } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';
import { startRenderer, textOf, type Renderer } from '../helpers/render.ts';

const MGCPCC = procedureByCode('MGCPCC')!;
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const WARNING = 'Tệp PDF có nội dung chủ động (JavaScript, tự mở…): chỉ mở bằng trình xem an toàn.';

/** A PDF that runs a script when opened, its names hex-escaped as a crafted file would have them. */
function scriptedPdf(label: string): Uint8Array<ArrayBuffer> {
  const text = `%PDF-1.7\n1 0 obj << /Type /Catalog /O#70enAction << /S /J#61vaScript /JS (app.alert\\(1\\)) >> >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

for (const target of testDatabases) {
  describe(`attachment flags on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let renderer: Renderer;
    const staff: Record<string, StaffActor> = {};

    before(async () => {
      handle = await openSeeded(target);
      renderer = await startRenderer();
      for (const [key, role] of [['reception', 'reception'], ['officer', 'officer'], ['head', 'head']] as const) {
        const email = `${key}@flags.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode: 'HNI', password: `Sương sớm tháng giêng số ${key.length} ★` });
        staff[key] = { role, staffId: id, agencyCode: 'HNI', email };
      }
    });
    after(async () => {
      await renderer?.close();
      await closeAndDrop(handle);
    });

    it('flags a scripted PDF wherever it is uploaded, and only that one', async () => {
      const [first] = uploadableDocuments(MGCPCC);
      const files = { ...requiredDocumentFiles(MGCPCC), [first!.id]: fileOf(scriptedPdf('application'), 'don.pdf') };
      const result = await processApplication(handle.db, { procedure: MGCPCC, locale: 'vi', draftId: undefined, form: exampleForm(MGCPCC, { agency: 'HNI' }, files) });
      assert.ok(result.complete, 'the citizen is not refused for it');
      const { dossierId, code } = await submitDraft(handle.db, result.draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });

      await requestSupplement(handle.db, dossierId, staff.reception!, { publicUrl: PUBLIC_URL, reason: 'Bổ sung giấy xác nhận.', now: at('2026-11-03') });
      const problems = await sendSupplement(handle.db, (await trackedDossier(handle.db, dossierId))!, {
        files: [{ name: 'bo-sung.pdf', bytes: scriptedPdf('supplement') }, { name: 'sach.pdf', bytes: pdfBytes('clean supplement') }],
        note: '',
        publicUrl: PUBLIC_URL,
        now: at('2026-11-04'),
      });
      assert.deepEqual(problems, []);
      const base = { publicUrl: PUBLIC_URL };
      await receiveDossier(handle.db, dossierId, staff.reception!, { ...base, now: at('2026-11-05') });
      await assignOfficer(handle.db, dossierId, staff.head!, { ...base, officerId: staff.officer!.staffId!, now: at('2026-11-05', 10) });
      await submitDraftResult(handle.db, dossierId, staff.officer!, { ...base, file: { name: 'du-thao.pdf', bytes: scriptedPdf('draft') }, now: at('2026-11-06') });
      await approveResult(handle.db, dossierId, staff.head!, { ...base, note: 'Mời nhận bản chính.', now: at('2026-11-09') });

      const view = (await staffDossierView(handle.db, code, { agencyCode: 'HNI' }))!;
      const flagged = view.attachments.filter((a) => a.activeContent).map((a) => [a.documentId, a.fileName]);
      assert.deepEqual(flagged, [
        [first!.id, 'don.pdf'],
        ['supplement', 'bo-sung.pdf'],
        ['result_draft', 'du-thao.pdf'],
        ['result', 'du-thao.pdf'],
      ]);
      assert.ok(view.attachments.length > flagged.length, 'the clean files are there, unflagged');

      const html = await renderer.render('components/StaffAttachmentList.astro', {
        code,
        attachments: view.attachments.map((a) => ({ ...a, label: a.documentId })),
      });
      const items = html.split('<li').slice(1).map((li) => textOf('<li' + li));
      assert.equal(items.filter((item) => item.includes(WARNING)).length, 4);
      assert.ok(items.find((item) => item.startsWith('don.pdf'))!.includes(WARNING));
      assert.ok(!items.find((item) => item.startsWith('sach.pdf'))!.includes(WARNING));

      const id = view.attachments.find((a) => a.fileName === 'bo-sung.pdf')!.id;
      const response = attachmentResponse((await attachmentForStaff(handle.db, code, id, { agencyCode: 'HNI' }))!);
      assert.equal(response.headers.get('Content-Disposition'), `attachment; filename="bo-sung.pdf"; filename*=UTF-8''bo-sung.pdf`);
      assert.equal(response.headers.get('Content-Security-Policy'), "sandbox; default-src 'none'");
      assert.equal(response.headers.get('Content-Type'), 'application/pdf');
    });
  });
}
