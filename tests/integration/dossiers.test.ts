import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import type { Locale, Procedure } from '../../src/server/catalog/types.ts';
import { processApplication } from '../../src/server/dossiers/application.ts';
import { checkSymbol, isValidDossierCode } from '../../src/server/dossiers/code.ts';
import { createDraft, getDraft, newDraftId } from '../../src/server/dossiers/drafts.ts';
import { verifyPin } from '../../src/server/dossiers/pin.ts';
import { DraftNotReadyError, submitDraft, type SubmitResult } from '../../src/server/dossiers/submit.ts';
import { findDossierByCodeAndPin, findTrackedDossier, sendSupplement, withdrawDossier, type TrackedDossier } from '../../src/server/dossiers/tracking.ts';
import { transition, TransitionError, type Actor } from '../../src/server/dossiers/transition.ts';
import { closeAndDrop, completeDraft, exampleForm, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';
import { YCTHA_EXAMPLE_ANSWERS } from '../helpers/example-answers.ts';

const YCTHA = procedureByCode('YCTHA')!;
const XNKQ = procedureByCode('XNKQ')!;

/** A code of the same shape with another random part (and a matching check symbol): well-formed, but never issued. */
function anotherCode(code: string): string {
  const symbols = code.replaceAll('-', '');
  const changed = symbols.charAt(8) === '7' ? '8' : '7';
  const body = symbols.slice(0, 8) + changed + symbols.slice(9, 13);
  const full = body + checkSymbol(body);
  return `${full.slice(0, 2)}-${full.slice(2, 8)}-${full.slice(8)}`;
}

/** A PIN that is not `pin`. */
const wrongPin = (pin: string) => pin.slice(0, 5) + String((Number(pin.charAt(5)) + 1) % 10);

const isTransitionError = (reason: TransitionError['reason']) => (err: unknown) =>
  err instanceof TransitionError && err.reason === reason;

for (const target of testDatabases) {
  describe(`dossiers on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const submit = (draftId: string, now?: Date) =>
      submitDraft(handle.db, draftId, { channel: 'online', publicUrl: PUBLIC_URL, ...(now ? { now } : {}) });

    /** A dossier made from the procedure's example with its required documents. */
    async function submitExample(procedure: Procedure = YCTHA, locale: Locale = 'vi') {
      const draft = await completeDraft(handle.db, procedure, { locale });
      const result = await submit(draft.id);
      return { draft, result };
    }

    const count = async (table: 'dossiers' | 'dossier_events' | 'mail_outbox' | 'attachments', dossierId?: number) => {
      let query = handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (dossierId !== undefined) query = query.where('dossier_id', '=', dossierId);
      return (await query.executeTakeFirstOrThrow()).n;
    };
    const events = (dossierId: number) =>
      handle.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
    const mails = (dossierId: number) =>
      handle.db.selectFrom('mail_outbox').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
    const dossierRow = (dossierId: number) =>
      handle.db.selectFrom('dossiers').selectAll().where('id', '=', dossierId).executeTakeFirstOrThrow();

    describe('submitting a draft', () => {
      it('creates one dossier with a valid code, a hashed PIN, the attachments, a submit event and the mail', async () => {
        const draft = await completeDraft(handle.db, YCTHA, { locale: 'vi' });
        // 18:30 UTC on 23 November is 01:30 on 24 November in Vietnam: the code carries Vietnam's date.
        const now = new Date('2026-11-23T18:30:00Z');
        const result = await submit(draft.id, now);

        assert.equal(result.created, true);
        assert.equal(result.mailed, true);
        assert.match(result.pin, /^\d{6}$/);
        assert.ok(isValidDossierCode(result.code), result.code);
        assert.match(result.code, /^01-261124-[0-9A-HJKMNP-TV-Z]{6}$/, 'Hà Nội is agency number 01');

        const row = await dossierRow(result.dossierId);
        assert.equal(row.code, result.code);
        assert.equal(row.status, 'submitted');
        assert.equal(row.procedure_code, 'YCTHA');
        assert.equal(row.agency_code, 'HNI');
        assert.equal(row.channel, 'online');
        assert.equal(row.locale, 'vi');
        assert.equal(row.applicant_name, 'Nguyễn Thị Lan');
        assert.equal(row.applicant_id_number, '001188012345');
        assert.equal(row.applicant_phone, '0912345678');
        assert.equal(row.applicant_email, 'lan.nguyen@example.com');
        assert.equal(row.idempotency_key, draft.id);
        assert.equal(row.received_at, null);
        assert.equal(row.closed_at, null);
        assert.equal(new Date(row.submitted_at).toISOString(), '2026-11-23T18:30:00.000Z');
        assert.deepEqual(row.data, draft.answers);
        assert.deepEqual(row.data, YCTHA_EXAMPLE_ANSWERS);
        assert.notEqual(row.pin_hash, result.pin, 'the PIN is stored hashed');
        assert.match(row.pin_hash, /^hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/, 'as an HMAC under the server key, with its own salt');
        assert.equal(await verifyPin(row.pin_hash, result.pin), true);
        assert.equal(await verifyPin(row.pin_hash, wrongPin(result.pin)), false);

        const files = await handle.db.selectFrom('attachments').selectAll().where('dossier_id', '=', result.dossierId).execute();
        assert.deepEqual(files.map((f) => f.id), draft.attachments.map((a) => a.id));
        assert.equal(files[0]?.sha256, createHash('sha256').update(pdfBytes('judgmentCopy.pdf')).digest('hex'));

        const [event, ...moreEvents] = await events(result.dossierId);
        assert.equal(moreEvents.length, 0);
        assert.equal(event?.action, 'submit');
        assert.equal(event?.from_status, null);
        assert.equal(event?.to_status, 'submitted');
        assert.equal(event?.actor_kind, 'citizen');
        assert.equal(event?.actor_id, null);

        const [mail, ...moreMails] = await mails(result.dossierId);
        assert.equal(moreMails.length, 0);
        assert.equal(mail?.kind, 'submitted');
        assert.equal(mail?.status, 'pending');
        assert.equal(mail?.to_address, 'lan.nguyen@example.com');
        assert.equal(mail?.subject, `Đã nhận hồ sơ ${result.code}: Yêu cầu thi hành án`);
        assert.ok(mail?.text_body.includes(result.code), 'the mail gives the code');
        assert.ok(mail?.text_body.includes(result.pin), 'the mail gives the PIN');
        assert.ok(mail?.text_body.includes(`${PUBLIC_URL}/`), 'the mail links to the portal');

        const submitted = await getDraft(handle.db, draft.id);
        assert.equal(submitted?.dossierId, result.dossierId);
        assert.equal(submitted?.pin, result.pin, 'kept with the draft for the confirmation page');
      });

      it('writes the mail in English for an English draft', async () => {
        const { result } = await submitExample(YCTHA, 'en');
        const [mail] = await mails(result.dossierId);
        assert.equal(mail?.subject, `Application ${result.code} received: Request enforcement of a judgment`);
        assert.equal((await dossierRow(result.dossierId)).locale, 'en');
      });

      it('queues no mail when the applicant gave no e-mail address', async () => {
        const { result } = await submitExample(XNKQ);
        assert.equal(result.created, true);
        assert.equal(result.mailed, false);
        assert.equal(await count('mail_outbox', result.dossierId), 0);
        assert.equal((await dossierRow(result.dossierId)).applicant_email, null);
        assert.equal(await count('dossier_events', result.dossierId), 1);
      });

      it('is idempotent on the draft: a second submission returns the same dossier and creates nothing', async () => {
        const draft = await completeDraft(handle.db, YCTHA);
        const dossiersBefore = await count('dossiers');
        const first = await submit(draft.id);
        const second = await submit(draft.id);
        assert.equal(first.created, true);
        assert.equal(second.created, false);
        assert.equal(second.mailed, false);
        assert.equal(second.dossierId, first.dossierId);
        assert.equal(second.code, first.code);
        assert.equal(second.pin, first.pin, 'until the confirmation page has shown it, the draft answers with the same PIN');
        assert.equal(await count('dossiers'), dossiersBefore + 1);
        assert.equal(await count('dossier_events', first.dossierId), 1);
        assert.equal(await count('mail_outbox', first.dossierId), 1);
      });

      it('makes one dossier of two concurrent submissions of the same draft', async () => {
        const draft = await completeDraft(handle.db, YCTHA);
        const dossiersBefore = await count('dossiers');
        const results = await Promise.all([submit(draft.id), submit(draft.id)]);
        assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
        assert.equal(results[0]?.code, results[1]?.code);
        assert.equal(results[0]?.dossierId, results[1]?.dossierId);
        assert.equal(await count('dossiers'), dossiersBefore + 1);
        const dossierId = results[0]!.dossierId;
        assert.equal(await count('dossier_events', dossierId), 1);
        assert.equal(await count('mail_outbox', dossierId), 1);
        const row = await dossierRow(dossierId);
        const created = results.find((r) => r.created)!;
        assert.equal(await verifyPin(row.pin_hash, created.pin), true, 'the PIN shown is the one stored');
      });

      it('makes 50 dossiers with 50 distinct codes from 50 concurrent submissions', async () => {
        const drafts = [];
        for (let i = 0; i < 50; i++) drafts.push(await completeDraft(handle.db, YCTHA, { overrides: { fullName: `Người Nộp ${i}` } }));
        const dossiersBefore = await count('dossiers');
        const results: SubmitResult[] = await Promise.all(drafts.map((d) => submit(d.id)));
        assert.ok(results.every((r) => r.created));
        assert.equal(new Set(results.map((r) => r.code)).size, 50);
        assert.equal(new Set(results.map((r) => r.dossierId)).size, 50);
        assert.ok(results.every((r) => isValidDossierCode(r.code)));
        assert.equal(await count('dossiers'), dossiersBefore + 50);
        const rows = await handle.db
          .selectFrom('dossiers')
          .select(['idempotency_key', 'applicant_name', 'code'])
          .where('idempotency_key', 'in', drafts.map((d) => d.id))
          .execute();
        assert.equal(rows.length, 50);
        for (const [i, draft] of drafts.entries()) {
          const row = rows.find((r) => r.idempotency_key === draft.id);
          assert.equal(row?.applicant_name, `Người Nộp ${i}`, 'each dossier holds its own draft’s answers');
          assert.equal(row?.code, results[i]?.code);
        }
      });

      it('refuses a draft that is not ready: missing, never validated, with errors, or expired', async () => {
        const dossiersBefore = await count('dossiers');
        await assert.rejects(submit(newDraftId()), DraftNotReadyError, 'unknown id');
        await assert.rejects(submit('not a draft id'), DraftNotReadyError, 'malformed id');

        const blank = await createDraft(handle.db, 'YCTHA', 'vi');
        await assert.rejects(submit(blank), DraftNotReadyError, 'never filled in');

        const invalid = await processApplication(handle.db, {
          procedure: YCTHA,
          locale: 'vi',
          draftId: undefined,
          form: exampleForm(YCTHA, { cccd: '123' }),
        });
        assert.equal(invalid.complete, false);
        await assert.rejects(submit(invalid.draft.id), DraftNotReadyError, 'answers with errors');

        // A draft that was complete, then posted again with an error, is no longer ready.
        const spoiled = await completeDraft(handle.db, YCTHA);
        await processApplication(handle.db, { procedure: YCTHA, locale: 'vi', draftId: spoiled.id, form: exampleForm(YCTHA, { phone: 'abc' }) });
        await assert.rejects(submit(spoiled.id), DraftNotReadyError, 'complete, then spoiled');

        const expired = await completeDraft(handle.db, YCTHA);
        await handle.db.updateTable('dossier_drafts').set({ expires_at: new Date('2026-12-31T17:00:00Z') }).where('id', '=', expired.id).execute();
        await assert.rejects(submit(expired.id, new Date('2026-12-31T17:00:00Z')), DraftNotReadyError, 'expired at that very moment');
        await assert.rejects(submit(expired.id, new Date('2027-01-01T09:00:00Z')), DraftNotReadyError, 'expired');

        assert.equal(await count('dossiers'), dossiersBefore);
      });
    });

    it('keeps a draft for 24 hours', async () => {
      const id = await createDraft(handle.db, 'YCTHA', 'vi', new Date('2026-11-23T03:00:00Z'));
      const row = await handle.db.selectFrom('dossier_drafts').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(new Date(row.expires_at).toISOString(), '2026-11-24T03:00:00.000Z');
    });

    describe('tracking a dossier', () => {
      let submitted: SubmitResult;
      before(async () => {
        submitted = await submit((await completeDraft(handle.db, YCTHA)).id, new Date('2026-11-30T02:15:00Z'));
      });

      it('finds it by code and PIN, with the submit entry on its timeline', async () => {
        const tracked = await findTrackedDossier(handle.db, submitted.code, submitted.pin);
        assert.ok(tracked);
        assert.equal(tracked.id, submitted.dossierId);
        assert.equal(tracked.code, submitted.code);
        assert.equal(tracked.procedureCode, 'YCTHA');
        assert.equal(tracked.status, 'submitted');
        assert.deepEqual(tracked.agency, { code: 'HNI', name_vi: 'Thi hành án dân sự thành phố Hà Nội', name_en: 'Hanoi City Civil Judgment Enforcement' });
        assert.deepEqual(
          tracked.timeline.map((e) => [e.action, e.toStatus, e.note]),
          [['submit', 'submitted', null]],
        );
        assert.equal(tracked.submittedAt, '2026-11-30T02:15:00.000Z');
        assert.equal(tracked.receivedAt, null);
        assert.equal(tracked.dueDate, null);
        assert.deepEqual(tracked.attachments.map((a) => a.documentId), ['judgmentCopy']);
        assert.equal(tracked.supplementRequest, null);
        assert.equal(tracked.canWithdraw, true);
        assert.equal(tracked.canSupplement, false);
      });

      it('accepts the code typed in lower case with spaces, and the PIN with a space', async () => {
        const typed = ` ${submitted.code.toLowerCase().replaceAll('-', ' ')} `;
        const spacedPin = `${submitted.pin.slice(0, 3)} ${submitted.pin.slice(3)}`;
        const tracked = await findTrackedDossier(handle.db, typed, spacedPin);
        assert.equal(tracked?.id, submitted.dossierId);
      });

      it('returns null for a wrong PIN, an unknown code and a malformed code', async () => {
        assert.equal(await findTrackedDossier(handle.db, submitted.code, wrongPin(submitted.pin)), null);
        assert.equal(await findTrackedDossier(handle.db, submitted.code, ''), null);

        const unknown = anotherCode(submitted.code);
        assert.notEqual(unknown, submitted.code);
        assert.ok(isValidDossierCode(unknown), 'well-formed, so it is looked up');
        assert.equal(await findTrackedDossier(handle.db, unknown, submitted.pin), null);

        const symbols = submitted.code.replaceAll('-', '');
        const badCheck = symbols.slice(0, 13) + (symbols.charAt(13) === 'A' ? 'B' : 'A');
        for (const malformed of [badCheck, 'ABC', '', `${submitted.code}X`, "01-261123-' or 1=1"]) {
          assert.equal(await findTrackedDossier(handle.db, malformed, submitted.pin), null, malformed);
        }
      });

      describe('with a PIN hash of the argon2id form stored before', () => {
        // Written by the previous hashPin (argon2id, memoryCost 19456, timeCost 2, parallelism 1) for the PIN 004217.
        const LEGACY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$DyvQ1w0KtD5Qm0LJ+j6o4w$AagebZhKCBDIYzdDBhlnCbKhSPd3ygHf690Vb9Xp3Zs';
        const PIN = '004217';
        const storedHash = async (id: number) =>
          (await handle.db.selectFrom('dossiers').select('pin_hash').where('id', '=', id).executeTakeFirstOrThrow()).pin_hash;
        async function legacyDossier() {
          const { result } = await submitExample();
          await handle.db.updateTable('dossiers').set({ pin_hash: LEGACY_HASH }).where('id', '=', result.dossierId).execute();
          return result;
        }

        it('finds it by code and PIN, rewrites the hash in the HMAC form, and finds it again by the same PIN', async () => {
          const dossier = await legacyDossier();
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, PIN), dossier.dossierId);
          const rekeyed = await storedHash(dossier.dossierId);
          assert.match(rekeyed, /^hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
          assert.equal(await verifyPin(rekeyed, PIN), true);

          assert.equal((await findTrackedDossier(handle.db, dossier.code, '004 217'))?.id, dossier.dossierId);
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, '004218'), null);
          assert.equal(await storedHash(dossier.dossierId), rekeyed, 'a hash of the HMAC form is not rewritten');
        });

        it('leaves the hash alone on a wrong PIN', async () => {
          const dossier = await legacyDossier();
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, '004218'), null);
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, '000000'), null);
          assert.equal(await storedHash(dossier.dossierId), LEGACY_HASH);
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, PIN), dossier.dossierId, 'the right PIN still works after');
        });

        it('finds it on two look-ups at once, and keeps one HMAC hash that verifies', async () => {
          const dossier = await legacyDossier();
          const found = await Promise.all([findDossierByCodeAndPin(handle.db, dossier.code, PIN), findDossierByCodeAndPin(handle.db, dossier.code, PIN)]);
          assert.deepEqual(found, [dossier.dossierId, dossier.dossierId]);
          const rekeyed = await storedHash(dossier.dossierId);
          assert.match(rekeyed, /^hmac-sha256\$/);
          assert.equal(await verifyPin(rekeyed, PIN), true);
          assert.equal(await findDossierByCodeAndPin(handle.db, dossier.code, PIN), dossier.dossierId);
        });
      });
    });

    describe('changing status', () => {
      const reception: Actor = { role: 'reception', staffId: 1, agencyCode: 'HNI' };

      async function trackedExample(): Promise<{ result: SubmitResult; tracked: TrackedDossier }> {
        const { result } = await submitExample();
        const tracked = await findTrackedDossier(handle.db, result.code, result.pin);
        assert.ok(tracked);
        return { result, tracked };
      }

      it('lets the citizen withdraw once', async () => {
        const { result, tracked } = await trackedExample();
        await withdrawDossier(handle.db, tracked, PUBLIC_URL);

        const row = await dossierRow(result.dossierId);
        assert.equal(row.status, 'withdrawn');
        assert.ok(row.closed_at instanceof Date);
        const [, withdraw, ...rest] = await events(result.dossierId);
        assert.equal(rest.length, 0);
        assert.equal(withdraw?.action, 'withdraw');
        assert.equal(withdraw?.from_status, 'submitted');
        assert.equal(withdraw?.to_status, 'withdrawn');
        assert.equal(withdraw?.actor_kind, 'citizen');
        const sent = await mails(result.dossierId);
        assert.deepEqual(sent.map((m) => m.kind), ['submitted', 'withdrawn']);
        assert.equal(sent[1]?.subject, `Đã rút hồ sơ ${result.code}: Yêu cầu thi hành án`);
        assert.ok(!sent[1]?.text_body.includes(result.pin), 'only the first mail carries the PIN');

        const after = await findTrackedDossier(handle.db, result.code, result.pin);
        assert.equal(after?.status, 'withdrawn');
        assert.equal(after?.canWithdraw, false);
        assert.deepEqual(after?.timeline.map((e) => e.action), ['submit', 'withdraw']);

        await assert.rejects(withdrawDossier(handle.db, tracked, PUBLIC_URL), isTransitionError('not_allowed'));
        assert.equal(await count('dossier_events', result.dossierId), 2);
        assert.equal(await count('mail_outbox', result.dossierId), 2);
      });

      it('runs a supplement request and the citizen’s answer', async () => {
        const { result } = await trackedExample();
        const note = 'Bổ sung bản sao có chứng thực của Bản án số 125/2025/DS-ST.';
        const requested = await transition(handle.db, result.dossierId, 'request_supplement', reception, {
          publicNote: note,
          internalNote: 'Bản sao không rõ dấu.',
          publicUrl: PUBLIC_URL,
          now: new Date('2026-12-01T03:04:05Z'),
        });
        assert.equal(requested.from, 'submitted');
        assert.equal(requested.to, 'awaiting_supplement');
        const requestEvent = (await events(result.dossierId)).find((e) => e.id === requested.eventId);
        assert.equal(requestEvent?.actor_kind, 'staff');
        assert.equal(requestEvent?.actor_id, 1);
        assert.equal(requestEvent?.internal_note, 'Bản sao không rõ dấu.');

        const awaiting = await findTrackedDossier(handle.db, result.code, result.pin);
        assert.ok(awaiting);
        assert.equal(awaiting.status, 'awaiting_supplement');
        assert.equal(awaiting.canSupplement, true);
        assert.equal(awaiting.canWithdraw, true);
        assert.equal(awaiting.supplementRequest, note);
        assert.deepEqual(awaiting.timeline.at(-1), {
          at: '2026-12-01T03:04:05.000Z',
          action: 'request_supplement',
          toStatus: 'awaiting_supplement',
          note,
        });
        assert.ok(!JSON.stringify(awaiting).includes('không rõ dấu'), 'the internal note stays internal');

        // Nothing sent: refused, and nothing changes.
        const eventsBefore = await count('dossier_events', result.dossierId);
        const attachmentsBefore = await count('attachments', result.dossierId);
        assert.deepEqual(await sendSupplement(handle.db, awaiting, { files: [], note: 'x', publicUrl: PUBLIC_URL }), ['document_missing']);
        assert.deepEqual(
          await sendSupplement(handle.db, awaiting, { files: [{ name: '', bytes: new Uint8Array(0) }], note: '', publicUrl: PUBLIC_URL }),
          ['document_missing'],
        );
        assert.equal((await dossierRow(result.dossierId)).status, 'awaiting_supplement');
        assert.equal(await count('dossier_events', result.dossierId), eventsBefore);
        assert.equal(await count('attachments', result.dossierId), attachmentsBefore);

        const copy = pdfBytes('bản sao có chứng thực');
        const problems = await sendSupplement(handle.db, awaiting, {
          files: [{ name: 'ban-sao.pdf', bytes: copy }],
          note: '  Đã gửi bản sao có chứng thực.  ',
          publicUrl: PUBLIC_URL,
        });
        assert.deepEqual(problems, []);

        const row = await dossierRow(result.dossierId);
        assert.equal(row.status, 'submitted');
        assert.equal(row.closed_at, null);
        const supplementEvent = (await events(result.dossierId)).at(-1);
        assert.equal(supplementEvent?.action, 'supplement');
        assert.equal(supplementEvent?.from_status, 'awaiting_supplement');
        assert.equal(supplementEvent?.to_status, 'submitted');
        assert.equal(supplementEvent?.public_note, 'Đã gửi bản sao có chứng thực.');
        const added = await handle.db
          .selectFrom('attachments')
          .selectAll()
          .where('dossier_id', '=', result.dossierId)
          .where('document_id', '=', 'supplement')
          .execute();
        assert.equal(added.length, 1);
        assert.equal(added[0]?.event_id, supplementEvent?.id);
        assert.equal(added[0]?.content_type, 'application/pdf');
        assert.equal(added[0]?.size_bytes, copy.byteLength);
        assert.equal(added[0]?.sha256, createHash('sha256').update(copy).digest('hex'));
        assert.equal(added[0]?.draft_id, null);

        const sent = await mails(result.dossierId);
        const received = sent.filter((m) => m.kind === 'supplement_received');
        assert.equal(received.length, 1);
        assert.equal(received[0]?.status, 'pending');
        assert.equal(received[0]?.subject, `Đã nhận tài liệu bổ sung cho hồ sơ ${result.code}: Yêu cầu thi hành án`);

        const back = await findTrackedDossier(handle.db, result.code, result.pin);
        assert.equal(back?.status, 'submitted');
        assert.equal(back?.canSupplement, false);
        assert.equal(back?.supplementRequest, null);
        assert.deepEqual(back?.timeline.map((e) => e.action), ['submit', 'request_supplement', 'supplement']);
        assert.deepEqual(back?.attachments.map((a) => a.documentId), ['judgmentCopy', 'supplement']);
      });

      it('refuses a supplement that is not a PDF, JPEG or PNG, storing nothing', async () => {
        const { result } = await trackedExample();
        await transition(handle.db, result.dossierId, 'request_supplement', reception, { publicNote: 'Bổ sung', publicUrl: PUBLIC_URL });
        const awaiting = (await findTrackedDossier(handle.db, result.code, result.pin))!;
        const problems = await sendSupplement(handle.db, awaiting, {
          files: [
            { name: 'ok.pdf', bytes: pdfBytes() },
            { name: 'x.pdf', bytes: new TextEncoder().encode('<html>') },
          ],
          note: '',
          publicUrl: PUBLIC_URL,
        });
        assert.deepEqual(problems, ['file.type']);
        assert.equal((await dossierRow(result.dossierId)).status, 'awaiting_supplement');
        assert.equal(await count('attachments', result.dossierId), 1, 'not even the good file of the post');
      });

      it('refuses staff of another agency (other_agency) and a citizen receiving (not_allowed)', async () => {
        const { result } = await trackedExample();
        const elsewhere: Actor = { role: 'reception', staffId: 2, agencyCode: 'HCM' };
        await assert.rejects(
          transition(handle.db, result.dossierId, 'request_supplement', elsewhere, { publicNote: 'x', publicUrl: PUBLIC_URL }),
          isTransitionError('other_agency'),
        );
        await assert.rejects(
          transition(handle.db, result.dossierId, 'receive', { role: 'citizen' }, { publicUrl: PUBLIC_URL }),
          isTransitionError('not_allowed'),
        );
        await assert.rejects(
          transition(handle.db, 987_654_321, 'receive', reception, { publicUrl: PUBLIC_URL }),
          isTransitionError('not_found'),
        );
        assert.equal((await dossierRow(result.dossierId)).status, 'submitted');
        assert.equal(await count('dossier_events', result.dossierId), 1);

        const received = await transition(handle.db, result.dossierId, 'receive', reception, { publicUrl: PUBLIC_URL });
        assert.deepEqual([received.from, received.to], ['submitted', 'received']);
        const tracked = await findTrackedDossier(handle.db, result.code, result.pin);
        assert.equal(tracked?.canWithdraw, false, 'a received dossier can no longer be withdrawn');
        await assert.rejects(withdrawDossier(handle.db, tracked!, PUBLIC_URL), isTransitionError('not_allowed'));
      });
    });
  });
}
