import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { oneStopProcedures, procedureByCode } from '../../src/server/catalog/index.ts';
import type { Procedure } from '../../src/server/catalog/types.ts';
import { processApplication, type FieldError } from '../../src/server/dossiers/application.ts';
import { getDraft } from '../../src/server/dossiers/drafts.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import {
  closeAndDrop,
  completeDraft,
  exampleForm,
  fileOf,
  HTML_BYTES,
  openSeeded,
  pdfBytes,
  pdfFile,
  PNG_BYTES,
  PUBLIC_URL,
  requiredDocumentFiles,
} from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';
import { YCTHA_EXAMPLE_ANSWERS } from '../helpers/example-answers.ts';

const YCTHA = procedureByCode('YCTHA')!;
const XNKQ = procedureByCode('XNKQ')!;
const DCHV = procedureByCode('DCHV')!;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const target of testDatabases) {
  describe(`the application form on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    /** Posts the form of `procedure` (YCTHA unless said otherwise) as a new draft, or continuing `draftId`. */
    const post = (form: FormData, draftId?: string, procedure: Procedure = YCTHA, locale: 'vi' | 'en' = 'vi') =>
      processApplication(handle.db, { procedure, locale, draftId, form });

    /** The stored rows of a draft's uploads, bytes included. */
    const storedAttachments = (draftId: string) =>
      handle.db.selectFrom('attachments').selectAll().where('draft_id', '=', draftId).orderBy('id').execute();

    /** The errors of one field. */
    const errorsOf = (errors: FieldError[], field: string) => errors.filter((e) => e.field === field).map((e) => e.key);

    describe('a valid form', () => {
      it('completes with the example and the required PDF; saves the answers and the file with its size and SHA-256', async () => {
        const judgment = pdfBytes('bản án 125/2025');
        const form = exampleForm(YCTHA, {}, { judgmentCopy: fileOf(judgment, 'Bản án 125.pdf', 'text/plain') });
        const result = await post(form);

        assert.deepEqual(result.errors, []);
        assert.equal(result.complete, true);
        assert.deepEqual(result.draft.answers, YCTHA_EXAMPLE_ANSWERS);
        assert.equal(result.draft.answers?.amountRequested, 392_000_000, 'money is parsed to a number');
        assert.equal(result.draft.answers?.phone, '0912345678', 'the phone number is normalised');

        const saved = await getDraft(handle.db, result.draft.id);
        assert.ok(saved);
        assert.equal(saved.procedureCode, 'YCTHA');
        assert.equal(saved.locale, 'vi');
        assert.equal(saved.dossierId, null);
        assert.deepEqual(saved.answers, YCTHA_EXAMPLE_ANSWERS);
        assert.equal(saved.values.fullName, 'Nguyễn Thị Lan', 'what was typed is kept as typed');
        assert.equal(saved.values.amountRequested, '392.000.000');

        const rows = await storedAttachments(result.draft.id);
        assert.equal(rows.length, 1);
        const [row] = rows;
        assert.equal(row?.document_id, 'judgmentCopy');
        assert.equal(row?.content_type, 'application/pdf', 'typed by its bytes, not by the text/plain the browser sent');
        assert.equal(row?.size_bytes, judgment.byteLength);
        assert.equal(row?.sha256, sha256(judgment));
        assert.equal(row?.file_name, 'Bản án 125.pdf');
        assert.equal(row?.dossier_id, null);
        assert.deepEqual(new Uint8Array(row!.content), judgment);
        assert.deepEqual(
          saved.attachments.map((a) => [a.id, a.documentId, a.contentType, a.sizeBytes]),
          [[row!.id, 'judgmentCopy', 'application/pdf', judgment.byteLength]],
        );
      });

      it('passes the example of every one-stop procedure with its required documents', async () => {
        for (const procedure of oneStopProcedures) {
          const result = await post(exampleForm(procedure, {}, requiredDocumentFiles(procedure)), undefined, procedure);
          assert.deepEqual(result.errors, [], procedure.code);
          assert.equal(result.complete, true, procedure.code);
          assert.equal(result.draft.procedureCode, procedure.code);
        }
      });

      it('keeps every ticked checkbox, as a list', async () => {
        const result = await post(exampleForm(DCHV, { grounds: ['priorRole'] }), undefined, DCHV);
        assert.deepEqual(result.errors, []);
        assert.deepEqual(result.draft.answers?.grounds, ['priorRole']);
        assert.deepEqual((await getDraft(handle.db, result.draft.id))?.values.grounds, ['priorRole']);
      });

      it('continues the same draft: uploads already made count, answers are replaced', async () => {
        const first = await post(exampleForm(YCTHA, { phone: '12' }, { judgmentCopy: pdfFile('ban-an.pdf') }));
        assert.equal(first.complete, false);
        assert.deepEqual(first.errors, [{ field: 'phone', key: 'phone' }]);
        assert.equal((await getDraft(handle.db, first.draft.id))?.answers, null, 'answers with errors are not kept as valid');

        const second = await post(exampleForm(YCTHA), first.draft.id);
        assert.equal(second.draft.id, first.draft.id);
        assert.deepEqual(second.errors, [], 'the judgment uploaded with the first post counts');
        assert.equal(second.complete, true);
        assert.equal((await storedAttachments(first.draft.id)).length, 1);
      });
    });

    describe('an incomplete form', () => {
      it('reports every required field in form order, then the missing documents', async () => {
        const result = await post(new FormData());
        assert.equal(result.complete, false);
        assert.deepEqual(result.errors, [
          { field: 'fullName', key: 'required' },
          { field: 'cccd', key: 'required' },
          { field: 'dateOfBirth', key: 'required' },
          { field: 'address', key: 'required' },
          { field: 'phone', key: 'required' },
          { field: 'applicantRole', key: 'required' },
          { field: 'agency', key: 'required' },
          { field: 'judgmentIssuer', key: 'required' },
          { field: 'judgmentNumber', key: 'required' },
          { field: 'judgmentDate', key: 'required' },
          { field: 'judgmentEffectiveDate', key: 'required' },
          { field: 'requestedItems', key: 'required' },
          { field: 'file_judgmentCopy', key: 'document_missing' },
        ]);
        assert.equal(result.draft.answers, null);
        const saved = await getDraft(handle.db, result.draft.id);
        assert.equal(saved?.answers, null);
        assert.deepEqual(saved?.values, {}, 'nothing typed, nothing kept');
      });

      it('asks for the conditional fields once their condition holds', async () => {
        const result = await post(exampleForm(YCTHA, { debtorName: undefined, debtorAddress: '  ' }, requiredDocumentFiles(YCTHA)));
        assert.deepEqual(result.errors, [
          { field: 'debtorName', key: 'required' },
          { field: 'debtorAddress', key: 'required' },
        ]);
      });

      it('needs no upload for a procedure that requires only the online form', async () => {
        const result = await post(exampleForm(XNKQ), undefined, XNKQ);
        assert.deepEqual(result.errors, []);
        assert.equal(result.complete, true);
      });
    });

    describe('uploads are judged by their bytes', () => {
      it('stores a PNG named .pdf as image/png, renamed .png', async () => {
        const result = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(PNG_BYTES, 'scan.pdf', 'application/pdf') }));
        assert.deepEqual(result.errors, []);
        const [row, ...rest] = await storedAttachments(result.draft.id);
        assert.equal(rest.length, 0);
        assert.equal(row?.content_type, 'image/png');
        assert.equal(row?.file_name, 'scan.png');
        assert.equal(row?.sha256, sha256(PNG_BYTES));
      });

      it('refuses an HTML file named x.pdf (file.type) and stores nothing', async () => {
        const result = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(HTML_BYTES, 'x.pdf', 'application/pdf') }));
        assert.equal(result.complete, false);
        assert.deepEqual(result.errors, [{ field: 'file_judgmentCopy', key: 'file.type' }], 'the type error, not also documentMissing');
        assert.equal((await storedAttachments(result.draft.id)).length, 0);
      });

      it('refuses a PDF with no %%EOF (truncated upload)', async () => {
        const truncated = pdfBytes().slice(0, -7);
        const result = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(truncated, 'ban-an.pdf') }));
        assert.deepEqual(errorsOf(result.errors, 'file_judgmentCopy'), ['file.type']);
        assert.equal((await storedAttachments(result.draft.id)).length, 0);
      });

      it('stores nothing for an empty file, and skips the nameless empty file of an input left empty', async () => {
        const named = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(new Uint8Array(0), 'empty.pdf') }));
        assert.deepEqual(errorsOf(named.errors, 'file_judgmentCopy'), ['file.empty']);
        assert.equal((await storedAttachments(named.draft.id)).length, 0);

        const nameless = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(new Uint8Array(0), '', 'application/octet-stream') }));
        assert.deepEqual(nameless.errors, [{ field: 'file_judgmentCopy', key: 'document_missing' }]);
        assert.equal((await storedAttachments(nameless.draft.id)).length, 0);
      });

      it('refuses a file over 10 MB (file.tooLarge) without storing it', async () => {
        const big = new Uint8Array(10 * 1024 * 1024 + 1);
        big.set(pdfBytes().subarray(0, 9));
        big.set(pdfBytes().subarray(-6), big.length - 6);
        const result = await post(exampleForm(YCTHA, {}, { judgmentCopy: fileOf(big, 'lon.pdf'), related: pdfFile('nho.pdf') }));
        assert.deepEqual(result.errors, [{ field: 'file_judgmentCopy', key: 'file.too_large' }]);
        const rows = await storedAttachments(result.draft.id);
        assert.deepEqual(rows.map((r) => r.document_id), ['related'], 'the small file of the same post is kept');
      });

      it('refuses a sixth file (file.too_many), in one post and across posts', async () => {
        const six = Array.from({ length: 6 }, (_, i) => pdfFile(`tai-lieu-${i}.pdf`));
        const one = await post(exampleForm(YCTHA, {}, { judgmentCopy: six }));
        assert.deepEqual(one.errors, [{ field: 'file_judgmentCopy', key: 'file.too_many' }]);
        assert.equal((await storedAttachments(one.draft.id)).length, 5);

        const five = await post(exampleForm(YCTHA, {}, { judgmentCopy: pdfFile('ban-an.pdf'), related: six.slice(0, 4) }));
        assert.deepEqual(five.errors, []);
        const sixth = await post(exampleForm(YCTHA, {}, { related: pdfFile('thua.pdf') }), five.draft.id);
        assert.equal(sixth.draft.id, five.draft.id);
        assert.deepEqual(sixth.errors, [{ field: 'file_related', key: 'file.too_many' }]);
        assert.equal(sixth.complete, false);
        const rows = await storedAttachments(five.draft.id);
        assert.equal(rows.length, 5);
        assert.ok(!rows.some((r) => r.file_name === 'thua.pdf'));
      });

      it('keeps only the last part of a hostile file name', async () => {
        const result = await post(exampleForm(YCTHA, {}, { judgmentCopy: pdfFile('../../etc/\u202Epasswd\u0000.pdf', 'x') }));
        assert.deepEqual(result.errors, []);
        const [row] = await storedAttachments(result.draft.id);
        assert.equal(row?.file_name, 'passwd.pdf');
      });
    });

    describe('hostile input never throws', () => {
      const withJudgment = (overrides: Record<string, unknown>) => exampleForm(YCTHA, overrides, requiredDocumentFiles(YCTHA));

      it('refuses 100,000-character answers', async () => {
        const long = 'ạ'.repeat(100_000);
        const result = await post(
          withJudgment({ fullName: long, requestedItems: long, phone: '9'.repeat(100_000), agency: long, email: `${long}@example.com` }),
        );
        assert.equal(result.complete, false);
        assert.deepEqual(result.errors, [
          { field: 'fullName', key: 'too_long' },
          { field: 'phone', key: 'phone' },
          { field: 'email', key: 'too_long' },
          { field: 'agency', key: 'too_long' },
          { field: 'requestedItems', key: 'too_long' },
        ]);
        assert.equal((await getDraft(handle.db, result.draft.id))?.answers, null);
      });

      it('keeps <script> as text: it is data, escaped when shown', async () => {
        const script = '<script>alert("x")</script>';
        const result = await post(withJudgment({ fullName: script, debtorAssets: `${script}\n<img src=x onerror=alert(1)>` }));
        assert.deepEqual(result.errors, []);
        assert.equal(result.draft.answers?.fullName, script);
        assert.equal((await getDraft(handle.db, result.draft.id))?.answers?.fullName, script);
      });

      it('refuses control characters and bidi overrides (characters)', async () => {
        const result = await post(
          withJudgment({
            address: 'Số 7\u0007 Kim Mã',
            judgmentIssuer: 'Tòa án \u202Egnoc\u202C',
            requestedItems: 'Trả tiền\u001B[31m',
          }),
        );
        assert.equal(result.complete, false);
        assert.deepEqual(result.errors, [
          { field: 'address', key: 'characters' },
          { field: 'judgmentIssuer', key: 'characters' },
          { field: 'requestedItems', key: 'characters' },
        ]);
        const saved = await getDraft(handle.db, result.draft.id);
        assert.ok(saved, 'the draft is still readable');
        assert.equal(saved.answers, null);
        assert.equal(saved.values.address, 'Số 7\u0007 Kim Mã', 'kept as typed, to show again');
      });

      // PostgreSQL refuses "\u0000" in jsonb (22P05): the raw values kept for the form must be cleaned first.
      it('refuses NUL bytes (characters) instead of throwing', async () => {
        const result = await post(withJudgment({ fullName: 'Nguyễn\u0000Lan', debtorAssets: 'nhà\u0000' }));
        assert.deepEqual(result.errors, [
          { field: 'fullName', key: 'characters' },
          { field: 'debtorAssets', key: 'characters' },
        ]);
        assert.equal((await getDraft(handle.db, result.draft.id))?.answers, null);
      });

      it('takes a lone surrogate as the replacement character U+FFFD, as FormData does', async () => {
        const result = await post(withJudgment({ requestedItems: 'Trả tiền \uD800' }));
        assert.deepEqual(result.errors, []);
        assert.equal(result.draft.answers?.requestedItems, 'Trả tiền \uFFFD');
      });

      it('refuses a file where a text field is expected (invalid)', async () => {
        const form = withJudgment({ fullName: pdfFile('ten.pdf'), agency: fileOf(PNG_BYTES, 'HNI') });
        const result = await post(form);
        assert.deepEqual(result.errors, [
          { field: 'fullName', key: 'invalid' },
          { field: 'agency', key: 'invalid' },
        ]);
        assert.equal((await storedAttachments(result.draft.id)).length, 1, 'only the judgment is stored as an upload');
        assert.equal((await getDraft(handle.db, result.draft.id))?.values.fullName, undefined);
      });

      it('refuses an agency code that is not in the database (agency_unknown)', async () => {
        for (const agency of ['XXX', "HNI'; drop table dossiers; --", 'hni']) {
          const result = await post(withJudgment({ agency }));
          assert.deepEqual(result.errors, [{ field: 'agency', key: 'agency_unknown' }], agency);
          assert.equal(result.complete, false);
        }
        const count = await handle.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(count.n, 0);
      });

      it('starts a new draft for a malformed or unknown draft id', async () => {
        for (const draftId of ['x'.repeat(100_000), "' or 1=1 --", 'A'.repeat(43)]) {
          const result = await post(exampleForm(YCTHA), draftId);
          assert.notEqual(result.draft.id, draftId);
          assert.match(result.draft.id, /^[A-Za-z0-9_-]{43}$/);
        }
      });
    });

    describe('removing an upload', () => {
      it('removes only that draft’s attachment, never another draft’s', async () => {
        const mine = await completeDraft(handle.db, YCTHA);
        const theirs = await completeDraft(handle.db, YCTHA);
        const [myAttachment] = mine.attachments;
        const [theirAttachment] = theirs.attachments;
        assert.ok(myAttachment && theirAttachment);

        const attempt = new FormData();
        attempt.set('removeAttachment', String(theirAttachment.id));
        const refused = await post(attempt, mine.id);
        assert.equal(refused.draft.id, mine.id);
        assert.deepEqual(refused.errors, []);
        assert.deepEqual((await storedAttachments(theirs.id)).map((r) => r.id), [theirAttachment.id], 'their file is untouched');
        assert.deepEqual((await storedAttachments(mine.id)).map((r) => r.id), [myAttachment.id]);

        const form = exampleForm(YCTHA);
        form.set('removeAttachment', String(myAttachment.id));
        const removed = await post(form, mine.id);
        assert.equal(removed.complete, false);
        assert.deepEqual(removed.draft.attachments, []);
        assert.equal(removed.draft.answers, null, 'the draft must be checked again before it can be submitted');
        assert.equal(removed.draft.values.fullName, 'Nguyễn Thị Lan', 'what was typed is kept');
        assert.deepEqual(await storedAttachments(mine.id), []);
        assert.deepEqual((await storedAttachments(theirs.id)).map((r) => r.id), [theirAttachment.id]);
      });

      // A removeAttachment id beyond bigint (or Infinity) must be ignored, not sent to the database.
      it('ignores an attachment id too large for a bigint', async () => {
        const mine = await completeDraft(handle.db, YCTHA);
        for (const id of ['99999999999999999999', '9'.repeat(400)]) {
          const form = exampleForm(YCTHA);
          form.set('removeAttachment', id);
          const result = await post(form, mine.id);
          assert.equal(result.draft.id, mine.id);
          assert.equal(result.draft.attachments.length, 1);
        }
      });
    });

    describe('which draft is continued', () => {
      it('starts a new draft when the id is another procedure’s draft, leaving that one alone', async () => {
        const other = await completeDraft(handle.db, YCTHA);
        const result = await post(exampleForm(XNKQ), other.id, XNKQ);
        assert.notEqual(result.draft.id, other.id);
        assert.equal(result.draft.procedureCode, 'XNKQ');
        assert.deepEqual(result.draft.attachments, []);
        const untouched = await getDraft(handle.db, other.id);
        assert.equal(untouched?.procedureCode, 'YCTHA');
        assert.deepEqual(untouched?.answers, other.answers);
        assert.equal(untouched?.attachments.length, 1);
      });

      it('starts a new draft when the id is an already-submitted draft', async () => {
        const submitted = await completeDraft(handle.db, YCTHA);
        const { dossierId } = await submitDraft(handle.db, submitted.id, { channel: 'online', publicUrl: PUBLIC_URL });

        const result = await post(exampleForm(YCTHA, { fullName: 'Người Khác' }, { related: pdfFile('khac.pdf') }), submitted.id);
        assert.notEqual(result.draft.id, submitted.id);
        assert.equal(result.draft.dossierId, null);
        assert.deepEqual(result.draft.attachments.map((a) => a.fileName), ['khac.pdf']);

        const old = await getDraft(handle.db, submitted.id);
        assert.equal(old?.dossierId, dossierId);
        assert.equal(old?.answers?.fullName, 'Nguyễn Thị Lan');
        const dossierFiles = await handle.db.selectFrom('attachments').select('file_name').where('dossier_id', '=', dossierId).execute();
        assert.deepEqual(dossierFiles.map((f) => f.file_name), ['judgmentCopy.pdf']);
      });

      it('records the locale of a new draft', async () => {
        const result = await post(exampleForm(XNKQ), undefined, XNKQ, 'en');
        assert.equal(result.draft.locale, 'en');
        assert.equal((await getDraft(handle.db, result.draft.id))?.locale, 'en');
      });
    });
  });
}
