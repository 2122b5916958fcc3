import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { todayInVietnam, type WorkingCalendar } from '../../src/server/calendar.ts';
import { procedureByCode, rulesFor } from '../../src/server/catalog/index.ts';
import type { Procedure } from '../../src/server/catalog/types.ts';
import { deadlineReport, isOverdue } from '../../src/server/dossiers/deadline-report.ts';
import type { StaffRole } from '../../src/server/dossiers/lifecycle.ts';
import {
  ActionInputError,
  apologise,
  approveResult,
  assignOfficer,
  availableActions,
  receiveDossier,
  recordResult,
  refuseDossier,
  rejectDossier,
  requestSupplement,
  returnResult,
  sendBackDraft,
  submitDraftResult,
  takeStaffAction,
  type ActionProblem,
} from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { findTrackedDossier, sendSupplement } from '../../src/server/dossiers/tracking.ts';
import { TransitionError, type StaffActor } from '../../src/server/dossiers/transition.ts';
import { closeAndDrop, completeDraft, HTML_BYTES, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const YCTHA = procedureByCode('YCTHA')!;
const XNKQ = procedureByCode('XNKQ')!;

/** 09:00 (or `hour`) in Vietnam on the day `date`. */
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);

const isProblem = (problem: ActionProblem) => (err: unknown) => err instanceof ActionInputError && err.problem === problem;
const isTransitionError = (reason: TransitionError['reason']) => (err: unknown) => err instanceof TransitionError && err.reason === reason;

for (const target of testDatabases) {
  describe(`staff actions on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let calendar: WorkingCalendar;
    const staff: Record<string, StaffActor> = {};

    before(async () => {
      handle = await openSeeded(target);
      calendar = await loadCalendar(handle.db);
      const accounts: [key: string, role: StaffRole, agency: string, password: string][] = [
        ['reception', 'reception', 'HNI', 'quầy-một-cửa-2026!'],
        ['officerA', 'officer', 'HNI', 'Chấp hành viên số 1 đây'],
        ['officerB', 'officer', 'HNI', 'officer-bravo-7731'],
        ['head', 'head', 'HNI', 'thủ trưởng đơn vị #9'],
        ['officerHCM', 'officer', 'HCM', 'Sài Gòn mưa chiều 42'],
        ['officerOff', 'officer', 'HNI', 'đã nghỉ việc từ lâu 0'],
      ];
      for (const [key, role, agencyCode, password] of accounts) {
        const email = `${key.toLowerCase()}@thads.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode, password });
        staff[key] = { role, staffId: id, agencyCode, email, ip: '203.0.113.7' };
      }
      await handle.db.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', staff.officerOff!.staffId!).execute();
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const actor = (key: string): StaffActor => staff[key]!;
    const idOf = (key: string): number => staff[key]!.staffId!;

    async function submitAt(now: Date, procedure: Procedure = YCTHA, overrides: Record<string, unknown> = {}) {
      const draft = await completeDraft(handle.db, procedure, { overrides });
      return submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now });
    }
    const row = (id: number) => handle.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = (id: number) => handle.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
    const mails = (id: number) => handle.db.selectFrom('mail_outbox').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
    const audits = (code: string) => handle.db.selectFrom('audit_log').selectAll().where('entity_id', '=', code).orderBy('id').execute();
    /** Everything an action could have written, to check a refused action wrote nothing. */
    async function footprint(id: number, code: string) {
      const r = await row(id);
      return { status: r.status, due: r.due_date, assigned: r.assigned_to, events: (await events(id)).length, mails: (await mails(id)).length, audits: (await audits(code)).length };
    }

    /** A dossier submitted on `submitted` and received the next day (09:00 in Vietnam, by reception). */
    async function receivedDossier(submitted: string, received: string, procedure: Procedure = YCTHA) {
      const dossier = await submitAt(at(submitted), procedure, procedure === YCTHA ? {} : { agency: 'HNI' });
      await receiveDossier(handle.db, dossier.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, now: at(received) });
      return dossier;
    }

    /** The head assigns the dossier to `officer`. */
    async function assign(id: number, officer = 'officerA') {
      await assignOfficer(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf(officer) });
    }

    it('runs the whole path: receive, supplement request, supplement, receive again, assign, reassign, result, return', async () => {
      const dossier = await submitAt(at('2026-02-12', 10));
      const id = dossier.dossierId;

      // Received on Friday 13/02/2026: Tết (14–22/02/2026) is skipped, five working days end on Friday 27/02.
      const received = await receiveDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-02-13'), internalNote: 'Đủ giấy tờ.' });
      assert.deepEqual([received.from, received.to, received.dueDate], ['submitted', 'received', '2026-02-27']);
      assert.equal(calendar.addWorkingDays('2026-02-13', 5), '2026-02-27');
      assert.equal(calendar.workingDaysBetween('2026-02-13', '2026-02-27'), 5);
      let r = await row(id);
      assert.equal(r.status, 'received');
      assert.equal(r.due_date, '2026-02-27');
      assert.equal(new Date(r.received_at!).toISOString(), at('2026-02-13').toISOString());
      const receiveEvent = (await events(id)).at(-1)!;
      assert.equal(receiveEvent.id, received.eventId);
      assert.deepEqual(
        [receiveEvent.action, receiveEvent.from_status, receiveEvent.to_status, receiveEvent.actor_kind, receiveEvent.actor_id, receiveEvent.internal_note],
        ['receive', 'submitted', 'received', 'staff', idOf('reception'), 'Đủ giấy tờ.'],
      );
      assert.deepEqual(receiveEvent.data, {
        receivedOn: '2026-02-13',
        dueDate: '2026-02-27',
        timeLimit: { days: 5, unit: 'working' },
        rulesEffectiveFrom: rulesFor(YCTHA, '2026-02-13').effectiveFrom,
      });
      const [audit] = await audits(dossier.code);
      assert.equal(audit?.action, 'dossier.receive');
      assert.equal(audit?.entity_type, 'dossier');
      assert.equal(audit?.agency_code, 'HNI');
      assert.equal(audit?.actor_id, idOf('reception'));
      assert.equal(audit?.actor_email, 'reception@thads.example.gov.vn');
      assert.equal(audit?.ip, '203.0.113.7');
      // Submitted Thursday 12/02 at 10:00: reception's completeness check was due Friday 13/02, and ends with the receipt.
      assert.deepEqual(audit?.before, { status: 'submitted', received_at: null, due_date: null, check_due_date: '2026-02-13' });
      assert.deepEqual(audit?.after, { status: 'received', received_at: at('2026-02-13').toISOString(), due_date: '2026-02-27', check_due_date: null });
      const receivedMail = (await mails(id)).at(-1)!;
      assert.equal(receivedMail.kind, 'received');
      assert.equal(receivedMail.subject, `Đã tiếp nhận hồ sơ ${dossier.code}: ${YCTHA.name.vi}`);
      assert.match(receivedMail.text_body, /^Ngày hẹn trả kết quả: 27\/02\/2026$/m);
      assert.match(receivedMail.text_body, /^Thời hạn giải quyết: 5 ngày làm việc$/m);
      assert.match(receivedMail.text_body, /^Ngày tiếp nhận: 13\/02\/2026$/m);
      assert.ok(!receivedMail.text_body.includes('Đủ giấy tờ'), 'the internal note stays internal');
      assert.ok(!receivedMail.text_body.includes(dossier.pin), 'no PIN after the first mail');

      // The deadline explains itself.
      let report = await deadlineReport(handle.db, id, '2026-02-24');
      assert.deepEqual(report.timeLimit, { days: 5, unit: 'working' });
      assert.equal(report.rulesEffectiveFrom, '2015-07-01');
      assert.equal(report.receivedOn, '2026-02-13');
      assert.equal(report.dueDate, '2026-02-27');
      assert.deepEqual([report.workingDaysUsed, report.workingDaysLeft, report.overdue, report.dueSoon], [2, 3, false, false]);
      assert.deepEqual(
        report.holidaysSkipped.map((d) => d.date),
        ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'],
      );
      assert.ok(report.holidaysSkipped.every((d) => /Tết/.test(d.name.vi)));
      assert.deepEqual(report.pauses, []);
      assert.deepEqual(report.redatings, []);
      report = await deadlineReport(handle.db, id, '2026-02-26');
      assert.deepEqual([report.workingDaysUsed, report.workingDaysLeft, report.overdue, report.dueSoon], [4, 1, false, true]);
      report = await deadlineReport(handle.db, id, '2026-02-27');
      assert.deepEqual([report.workingDaysLeft, report.overdue, report.dueSoon], [0, false, true], 'the last day is still on time');
      report = await deadlineReport(handle.db, id, '2026-03-03');
      assert.deepEqual([report.workingDaysUsed, report.workingDaysLeft, report.workingDaysOverdue, report.overdue, report.dueSoon], [7, 0, 2, true, false]);

      // A supplement request stops the clock.
      const request = 'Bổ sung bản sao bản án có chứng thực (trang 2 không đọc được).';
      await assert.rejects(requestSupplement(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason: '  ' }), isProblem('reason_required'));
      const requested = await requestSupplement(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason: `  ${request} `, now: at('2026-02-23') });
      assert.deepEqual([requested.from, requested.to], ['received', 'awaiting_supplement']);
      r = await row(id);
      assert.equal(r.status, 'awaiting_supplement');
      assert.equal(r.due_date, null, 'the clock is paused');
      const requestEvent = (await events(id)).at(-1)!;
      assert.equal(requestEvent.public_note, request);
      assert.deepEqual(requestEvent.data, { previousDueDate: '2026-02-27' });
      assert.deepEqual((await audits(dossier.code)).at(-1)?.before, { status: 'received', due_date: '2026-02-27' });
      assert.deepEqual((await audits(dossier.code)).at(-1)?.after, { status: 'awaiting_supplement', due_date: null });
      const requestMail = (await mails(id)).at(-1)!;
      assert.equal(requestMail.kind, 'supplement_requested');
      assert.ok(requestMail.text_body.includes(request));
      assert.match(requestMail.text_body, /tính lại từ đầu/);
      report = await deadlineReport(handle.db, id, '2026-02-25');
      assert.deepEqual([report.dueDate, report.workingDaysUsed, report.workingDaysLeft, report.overdue, report.dueSoon], [null, null, null, false, false]);
      assert.deepEqual(report.pauses, [{ from: '2026-02-23', to: null, reason: request }]);

      // The citizen sends the documents on Wednesday 25/02: back to reception, still without a due date, and
      // reception's completeness check runs again (due Thursday 26/02).
      const tracked = await findTrackedDossier(handle.db, dossier.code, dossier.pin);
      assert.equal(tracked?.supplementRequest, request);
      assert.deepEqual(
        await sendSupplement(handle.db, tracked!, { files: [{ name: 'ban-an.pdf', bytes: pdfBytes('bản án') }], note: '', publicUrl: PUBLIC_URL, now: at('2026-02-25') }),
        [],
      );
      r = await row(id);
      assert.deepEqual([r.status, r.due_date, r.check_due_date], ['submitted', null, '2026-02-26']);
      report = await deadlineReport(handle.db, id, '2026-02-27');
      assert.deepEqual(
        [report.completenessCheck?.since, report.completenessCheck?.dueOn, report.completenessCheck?.overdue, report.completenessCheck?.workingDaysOverdue],
        ['2026-02-25', '2026-02-26', true, 1],
      );

      // A new receipt on Thursday 26/02 starts the time limit again from zero: five working days end on Thursday 05/03.
      const again = await receiveDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-02-26') });
      assert.equal(again.dueDate, '2026-03-05');
      r = await row(id);
      assert.deepEqual([r.due_date, r.check_due_date], ['2026-03-05', null]);
      report = await deadlineReport(handle.db, id, '2026-02-26');
      assert.equal(report.receivedOn, '2026-02-26');
      assert.equal(report.completenessCheck, null);
      assert.equal(report.workingDaysUsed, 0, 'nothing of the first receipt is carried over');
      assert.equal(report.workingDaysLeft, 5);
      assert.deepEqual(report.pauses, [{ from: '2026-02-23', to: '2026-02-25', reason: request }]);

      // Assignment is internal: an event and an audit entry, but no mail.
      const mailsBefore = (await mails(id)).length;
      const assigned = await assignOfficer(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerA') });
      assert.deepEqual([assigned.action, assigned.from, assigned.to], ['assign', 'received', 'in_progress']);
      assert.equal((await row(id)).assigned_to, idOf('officerA'));
      assert.deepEqual((await events(id)).at(-1)?.data, { officerId: idOf('officerA'), previousOfficerId: null });
      assert.deepEqual((await audits(dossier.code)).at(-1)?.after, { status: 'in_progress', assigned_to: idOf('officerA') });
      await assert.rejects(
        assignOfficer(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerA') }),
        isProblem('officer_unchanged'),
      );
      const reassigned = await assignOfficer(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerB') });
      assert.deepEqual([reassigned.action, reassigned.from, reassigned.to], ['reassign', 'in_progress', 'in_progress']);
      assert.equal((await row(id)).assigned_to, idOf('officerB'));
      assert.deepEqual((await audits(dossier.code)).at(-1)?.before, { status: 'in_progress', assigned_to: idOf('officerA') });
      assert.equal((await mails(id)).length, mailsBefore, 'assignment sends no mail');
      const publicTimeline = (await findTrackedDossier(handle.db, dossier.code, dossier.pin))!.timeline.map((e) => e.action);
      assert.ok(!publicTimeline.includes('assign') && !publicTimeline.includes('reassign'));

      // The enforcement decision is the head's (YCTHA): the officer cannot record it as ready, only submit a draft.
      const result = { name: 'quyet-dinh.pdf', bytes: pdfBytes('quyết định thi hành án') };
      await assert.rejects(recordResult(handle.db, id, actor('officerB'), { publicUrl: PUBLIC_URL, file: result }), isTransitionError('not_allowed'));
      // Only the assigned officer submits the draft, with a real PDF, JPEG or PNG.
      const draftOf = (key: string, file: { name: string; bytes: Uint8Array } | null, day = '2026-03-02') =>
        submitDraftResult(handle.db, id, actor(key), { publicUrl: PUBLIC_URL, file, note: 'Quyết định thi hành án đã được ban hành.', now: at(day) });
      await assert.rejects(draftOf('officerA', result), isTransitionError('not_allowed'));
      await assert.rejects(draftOf('officerB', null), isProblem('file_missing'));
      await assert.rejects(draftOf('officerB', { name: '', bytes: new Uint8Array(0) }), isProblem('file_missing'));
      await assert.rejects(draftOf('officerB', { name: 'x.pdf', bytes: HTML_BYTES }), isProblem('file.type'));
      assert.equal((await row(id)).status, 'in_progress');
      const mailsBeforeDraft = (await mails(id)).length;
      const firstDraft = await draftOf('officerB', { name: 'du-thao-1.pdf', bytes: pdfBytes('dự thảo 1') });
      assert.deepEqual([firstDraft.from, firstDraft.to], ['in_progress', 'awaiting_approval']);
      assert.equal((await mails(id)).length, mailsBeforeDraft, 'a draft is internal: no mail');
      // The head sends it back with what to change (a reason is required), and it is the officer's again.
      await assert.rejects(
        sendBackDraft(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, reason: ' ' }),
        isProblem('reason_required'),
      );
      await assert.rejects(approveResult(handle.db, id, actor('officerB'), { publicUrl: PUBLIC_URL }), isTransitionError('not_allowed'), 'the officer does not sign');
      const sentBack = await sendBackDraft(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, reason: 'Ghi rõ thời hạn tự nguyện thi hành.', now: at('2026-03-03') });
      assert.deepEqual([sentBack.from, sentBack.to], ['awaiting_approval', 'in_progress']);
      assert.equal((await events(id)).at(-1)?.internal_note, 'Ghi rõ thời hạn tự nguyện thi hành.');
      assert.equal((await mails(id)).length, mailsBeforeDraft, 'sending back is internal too');
      // The second draft is approved: a copy of its bytes becomes the result, the officer's note reaches the citizen.
      await draftOf('officerB', result, '2026-03-03');
      const approved = await approveResult(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, now: at('2026-03-04') });
      assert.deepEqual([approved.from, approved.to], ['awaiting_approval', 'result_ready']);
      const attachment = await handle.db.selectFrom('attachments').selectAll().where('id', '=', approved.attachmentId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [attachment.dossier_id, attachment.event_id, attachment.document_id, attachment.file_name, attachment.content_type, attachment.draft_id],
        [id, approved.eventId, 'result', 'quyet-dinh.pdf', 'application/pdf', null],
      );
      assert.equal(attachment.sha256, createHash('sha256').update(result.bytes).digest('hex'));
      assert.deepEqual(Buffer.from(attachment.content), Buffer.from(result.bytes));
      assert.equal((await events(id)).at(-1)?.public_note, 'Quyết định thi hành án đã được ban hành.');
      assert.equal((await mails(id)).at(-1)?.kind, 'result_ready');
      // The citizen sees the signed result, never a draft, and not the internal steps.
      const afterApproval = (await findTrackedDossier(handle.db, dossier.code, dossier.pin))!;
      assert.deepEqual(afterApproval.results.map((a) => a.fileName), ['quyet-dinh.pdf']);
      assert.ok(!afterApproval.attachments.some((a) => a.documentId.startsWith('result')));
      assert.deepEqual(afterApproval.timeline.map((e) => e.action).slice(-2), ['receive', 'approve']);
      report = await deadlineReport(handle.db, id, '2099-01-01');
      assert.equal(report.stoppedOn, '2026-03-04', 'the clock stops when the head signs');
      assert.equal(report.overdue, false);

      // Reception returns the result; the dossier is closed.
      await assert.rejects(returnResult(handle.db, id, actor('officerB'), { publicUrl: PUBLIC_URL }), isTransitionError('not_allowed'));
      const returned = await returnResult(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-03-05') });
      assert.deepEqual([returned.from, returned.to], ['result_ready', 'returned']);
      r = await row(id);
      assert.equal(r.status, 'returned');
      assert.ok(r.closed_at instanceof Date);
      assert.deepEqual(await availableActions(handle.db, id, actor('reception')), []);

      assert.deepEqual(
        (await mails(id)).map((m) => m.kind),
        ['submitted', 'received', 'supplement_requested', 'supplement_received', 'received', 'result_ready', 'returned'],
      );
      assert.deepEqual(
        (await events(id)).map((e) => e.action),
        ['submit', 'receive', 'request_supplement', 'supplement', 'receive', 'assign', 'reassign', 'submit_draft', 'send_back', 'submit_draft', 'approve', 'return_result'],
      );
      const trail = await audits(dossier.code);
      assert.deepEqual(
        trail.map((a) => a.action),
        [
          'dossier.receive',
          'dossier.request_supplement',
          'dossier.receive',
          'dossier.assign',
          'dossier.reassign',
          'dossier.submit_draft',
          'dossier.send_back',
          'dossier.submit_draft',
          'dossier.approve',
          'dossier.return_result',
        ],
        'every staff action is audited; the citizen’s supplement is on the timeline only',
      );
      assert.ok(trail.every((a) => a.entity_type === 'dossier' && a.agency_code === 'HNI' && a.actor_id !== null && a.ip === '203.0.113.7'));
    });

    it('applies the rules in force on the day of receipt, not of submission', async () => {
      // XNKQ: 5 working days until 30 June 2026, 3 from 1 July 2026 (Decree 152/2026).
      const before = await submitAt(at('2026-06-29'), XNKQ, { agency: 'HNI' });
      const oldRules = await receiveDossier(handle.db, before.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-06-30') });
      assert.equal(oldRules.dueDate, '2026-07-07');

      const across = await submitAt(at('2026-06-30'), XNKQ, { agency: 'HNI' });
      const newRules = await receiveDossier(handle.db, across.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-07-01') });
      assert.equal(newRules.dueDate, '2026-07-06');
      const report = await deadlineReport(handle.db, across.dossierId, '2026-07-02');
      assert.deepEqual(report.timeLimit, { days: 3, unit: 'working' });
      assert.equal(report.rulesEffectiveFrom, '2026-07-01');
      assert.deepEqual([report.workingDaysUsed, report.workingDaysLeft], [1, 2]);
      assert.equal(report.dueSoon, true);
      // No e-mail address in this example: nothing queued, the actions still go through.
      assert.equal((await mails(across.dossierId)).length, 0);
    });

    it('refuses a dossier only with a reason, and tells the citizen the reasons', async () => {
      const dossier = await submitAt(at('2026-03-02'));
      const id = dossier.dossierId;
      const untouched = await footprint(id, dossier.code);
      for (const reason of ['', '   \n ']) {
        await assert.rejects(refuseDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason }), isProblem('reason_required'));
      }
      await assert.rejects(refuseDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason: 'x'.repeat(2001) }), isProblem('reason_too_long'));
      await assert.rejects(
        refuseDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason: 'Lý do', internalNote: 'y'.repeat(2001) }),
        isProblem('note_too_long'),
      );
      await assert.rejects(refuseDossier(handle.db, id, actor('officerA'), { publicUrl: PUBLIC_URL, reason: 'Lý do' }), isTransitionError('not_allowed'));
      assert.deepEqual(await footprint(id, dossier.code), untouched, 'a refused action writes nothing');

      const reason = 'Vụ việc không thuộc thẩm quyền của Thi hành án dân sự thành phố Hà Nội.\nĐề nghị gửi tới cơ quan đang thi hành vụ việc.';
      const refused = await refuseDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason });
      assert.deepEqual([refused.from, refused.to], ['submitted', 'refused']);
      const r = await row(id);
      assert.equal(r.status, 'refused');
      assert.ok(r.closed_at instanceof Date);
      assert.equal((await events(id)).at(-1)?.public_note, reason);
      const mail = (await mails(id)).at(-1)!;
      assert.equal(mail.kind, 'refused');
      assert.equal(mail.subject, `Từ chối tiếp nhận hồ sơ ${dossier.code}: ${YCTHA.name.vi}`);
      assert.match(mail.text_body, /^Vụ việc không thuộc thẩm quyền/m);
      assert.match(mail.text_body, /^Đề nghị gửi tới cơ quan đang thi hành vụ việc\.$/m);
      assert.equal((await audits(dossier.code)).at(-1)?.action, 'dossier.refuse');
      // A 2000-character reason is the most allowed.
      const long = await submitAt(at('2026-03-02'));
      await refuseDossier(handle.db, long.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, reason: 'x'.repeat(2000) });
      assert.equal((await row(long.dossierId)).status, 'refused');
    });

    it('rejects a dossier in progress only with a reason, and only by the head', async () => {
      const dossier = await receivedDossier('2026-03-02', '2026-03-03');
      const id = dossier.dossierId;
      await assignOfficer(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, officerId: idOf('officerA') });
      const untouched = await footprint(id, dossier.code);
      await assert.rejects(rejectDossier(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, reason: '' }), isProblem('reason_required'));
      await assert.rejects(rejectDossier(handle.db, id, actor('officerA'), { publicUrl: PUBLIC_URL, reason: 'Lý do' }), isTransitionError('not_allowed'));
      await assert.rejects(rejectDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, reason: 'Lý do' }), isTransitionError('not_allowed'));
      assert.deepEqual(await footprint(id, dossier.code), untouched);

      const reason = 'Bản án đã được thi hành xong theo xác nhận ngày 10/01/2026.';
      const rejected = await rejectDossier(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, reason });
      assert.deepEqual([rejected.from, rejected.to], ['in_progress', 'rejected']);
      const mail = (await mails(id)).at(-1)!;
      assert.equal(mail.kind, 'rejected');
      assert.ok(mail.text_body.includes(reason));
      assert.ok((await row(id)).closed_at instanceof Date);
      assert.deepEqual((await audits(dossier.code)).at(-1)?.after, { status: 'rejected' });
    });

    it('allows one apology with a new date; made on or after the due date it is late', async () => {
      // Received Monday 02/03/2026: due Monday 09/03/2026.
      const dossier = await receivedDossier('2026-02-27', '2026-03-02');
      const id = dossier.dossierId;
      assert.equal((await row(id)).due_date, '2026-03-09');
      const reason = 'Cần xác minh thêm thông tin tài sản tại ngân hàng.';
      const attempt = (key: string, day: string, newDueDate: string, why = reason) =>
        apologise(handle.db, id, actor(key), { publicUrl: PUBLIC_URL, reason: why, newDueDate, now: at(day) });

      const untouched = await footprint(id, dossier.code);
      await assert.rejects(attempt('officerA', '2026-03-06', '2026-03-14'), isProblem('date_invalid'), 'a Saturday');
      await assert.rejects(attempt('officerA', '2026-03-06', '2026-03-09'), isProblem('date_invalid'), 'not after the due date');
      await assert.rejects(attempt('officerA', '2026-03-06', '2026-03-05'), isProblem('date_invalid'), 'before the due date');
      await assert.rejects(attempt('officerA', '2026-03-06', '2026-02-30'), isProblem('date_invalid'), 'no such day');
      await assert.rejects(attempt('officerA', '2026-03-06', '13/03/2026'), isProblem('date_invalid'), 'not yyyy-mm-dd');
      await assert.rejects(attempt('officerA', '2026-03-06', '2026-03-13', ' '), isProblem('reason_required'));
      await assert.rejects(attempt('reception', '2026-03-06', '2026-03-13'), isTransitionError('not_allowed'), 'reception does not apologise');
      assert.deepEqual(await footprint(id, dossier.code), untouched);
      assert.ok((await availableActions(handle.db, id, actor('officerA'), at('2026-03-06'))).includes('apologise'));
      assert.ok((await availableActions(handle.db, id, actor('officerA'), at('2026-03-10'))).includes('apologise'), 'still owed once late');

      // Friday 06/03, the last working day before the due date: accepted.
      const apology = await attempt('officerA', '2026-03-06', '2026-03-13');
      assert.deepEqual([apology.from, apology.to, apology.previousDueDate, apology.newDueDate], ['received', 'received', '2026-03-09', '2026-03-13']);
      assert.equal((await row(id)).due_date, '2026-03-13');
      const event = (await events(id)).at(-1)!;
      assert.deepEqual([event.action, event.public_note], ['apologise', reason]);
      assert.deepEqual(event.data, { previousDueDate: '2026-03-09', newDueDate: '2026-03-13', late: false });
      const audit = (await audits(dossier.code)).at(-1)!;
      assert.equal(audit.action, 'dossier.apologise');
      assert.deepEqual([audit.before, audit.after], [{ status: 'received', due_date: '2026-03-09' }, { status: 'received', due_date: '2026-03-13' }]);
      const mail = (await mails(id)).at(-1)!;
      assert.equal(mail.kind, 'apologised');
      assert.ok(mail.text_body.includes(reason));
      assert.match(mail.text_body, /^Ngày hẹn trước đây: 09\/03\/2026$/m);
      assert.match(mail.text_body, /^Ngày hẹn trả kết quả mới: 13\/03\/2026$/m);

      // Only once per dossier, whoever asks.
      await assert.rejects(attempt('head', '2026-03-10', '2026-03-20'), isProblem('apology_used'));
      await assign(id);
      await assert.rejects(attempt('officerA', '2026-03-10', '2026-03-20'), isProblem('apology_used'), 'also once in progress');
      assert.equal((await row(id)).due_date, '2026-03-13');
      assert.ok(!(await availableActions(handle.db, id, actor('head'), at('2026-03-10'))).includes('apologise'));

      const report = await deadlineReport(handle.db, id, '2026-03-12');
      assert.deepEqual(report.redatings, [{ from: '2026-03-09', to: '2026-03-13', on: '2026-03-06', reason, late: false }]);
      assert.equal(report.dueDate, '2026-03-13');
      assert.deepEqual([report.workingDaysUsed, report.workingDaysLeft, report.overdue, report.late, report.apologyOwed], [8, 1, false, false, false]);
    });

    it('offers the apology still owed once a dossier is late, and counts the dossier late whatever the new date', async () => {
      // Received Monday 02/03/2026: due Monday 09/03/2026.
      const dossier = await receivedDossier('2026-02-27', '2026-03-02');
      const id = dossier.dossierId;
      const reason = 'Chờ kết quả xác minh tài sản.';
      const attempt = (day: string, newDueDate: string) =>
        apologise(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, reason, newDueDate, now: at(day) });
      let report = await deadlineReport(handle.db, id, '2026-03-11');
      assert.deepEqual([report.overdue, report.workingDaysOverdue, report.apologyOwed, report.late], [true, 2, true, true]);
      // Wednesday 11/03: the new date must be after today, not only after the old due date.
      await assert.rejects(attempt('2026-03-11', '2026-03-10'), isProblem('date_invalid'), 'a day already past');
      await assert.rejects(attempt('2026-03-11', '2026-03-11'), isProblem('date_invalid'), 'today');
      const late = await attempt('2026-03-11', '2026-03-16');
      assert.deepEqual([late.previousDueDate, late.newDueDate, late.late], ['2026-03-09', '2026-03-16', true]);
      assert.deepEqual((await events(id)).at(-1)?.data, { previousDueDate: '2026-03-09', newDueDate: '2026-03-16', late: true });
      report = await deadlineReport(handle.db, id, '2026-03-12');
      assert.deepEqual([report.dueDate, report.overdue, report.apologyOwed, report.late], ['2026-03-16', false, false, true]);
      assert.deepEqual(report.redatings, [{ from: '2026-03-09', to: '2026-03-16', on: '2026-03-11', reason, late: true }]);
      // On the due date itself the timely apology is already too late.
      const other = await receivedDossier('2026-02-27', '2026-03-02');
      const onTheDay = await apologise(handle.db, other.dossierId, actor('officerA'), { publicUrl: PUBLIC_URL, reason, newDueDate: '2026-03-12', now: at('2026-03-09') });
      assert.equal(onTheDay.late, true);
    });

    it('assigns only an active officer of the dossier’s agency or its provincial agency', async () => {
      const dossier = await receivedDossier('2026-03-02', '2026-03-03');
      const id = dossier.dossierId;
      const untouched = await footprint(id, dossier.code);
      for (const officerId of [idOf('officerHCM'), idOf('reception'), idOf('head'), idOf('officerOff'), 987_654, 0, -1, 1.5, Number.NaN]) {
        await assert.rejects(
          assignOfficer(handle.db, id, actor('head'), { publicUrl: PUBLIC_URL, officerId }),
          isProblem('officer_invalid'),
          String(officerId),
        );
      }
      assert.deepEqual(await footprint(id, dossier.code), untouched);

      // A regional office's dossier may go to an officer of the provincial agency.
      const regional = await submitAt(at('2026-03-02'), YCTHA, { agency: 'HNI-KV2' });
      await receiveDossier(handle.db, regional.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-03-03') });
      await assignOfficer(handle.db, regional.dossierId, actor('reception'), { publicUrl: PUBLIC_URL, officerId: idOf('officerB') });
      const r = await row(regional.dossierId);
      assert.deepEqual([r.agency_code, r.status, r.assigned_to], ['HNI-KV2', 'in_progress', idOf('officerB')]);
      assert.equal((await audits(regional.code)).at(-1)?.agency_code, 'HNI-KV2');
    });

    it('lists the actions each role may take now', async () => {
      const dossier = await submitAt(at('2026-03-02'));
      const id = dossier.dossierId;
      const list = (key: string, now = at('2026-03-03')) => availableActions(handle.db, id, actor(key), now);
      assert.deepEqual(await list('reception'), ['receive', 'request_supplement', 'refuse']);
      assert.deepEqual(await list('officerA'), ['request_supplement']);
      assert.deepEqual(await list('head'), []);
      assert.deepEqual(await list('officerHCM'), [], 'another agency sees no action');
      assert.deepEqual(await availableActions(handle.db, id, { role: 'citizen' }), []);
      assert.deepEqual(await availableActions(handle.db, id, { role: 'admin', staffId: 1, agencyCode: null }), []);
      assert.deepEqual(await availableActions(handle.db, 987_654_321, actor('reception')), []);

      await receiveDossier(handle.db, id, actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-03-03') });
      assert.deepEqual(await list('reception'), ['request_supplement', 'assign']);
      assert.deepEqual(await list('head'), ['assign', 'apologise']);
      assert.deepEqual(await list('officerA'), ['request_supplement', 'apologise']);
      await assign(id, 'officerA');
      assert.deepEqual(await list('head'), ['reassign', 'apologise', 'reject']);
      // YCTHA's result is the head's decision: the assigned officer drafts it.
      assert.deepEqual(await list('officerA'), ['request_supplement', 'apologise', 'submit_draft']);
      assert.deepEqual(await list('officerB'), ['request_supplement', 'apologise'], 'only the assigned officer drafts the result');
      assert.deepEqual(await list('reception'), ['request_supplement']);
      assert.deepEqual(await list('officerA', at('2026-03-10')), ['request_supplement', 'apologise', 'submit_draft'], 'the apology is still owed once late');
      await submitDraftResult(handle.db, id, actor('officerA'), { publicUrl: PUBLIC_URL, file: { name: 'du-thao.pdf', bytes: pdfBytes('dự thảo') }, now: at('2026-03-04') });
      assert.deepEqual(await list('head'), ['apologise', 'approve', 'send_back', 'reject']);
      assert.deepEqual(await list('officerA'), ['apologise']);
      assert.deepEqual(await list('reception'), []);

      // XNKQ's result is the officer's certificate: recorded directly.
      const certificate = await receivedDossier('2026-03-02', '2026-03-03', XNKQ);
      await assign(certificate.dossierId, 'officerA');
      assert.deepEqual(await availableActions(handle.db, certificate.dossierId, actor('officerA'), at('2026-03-04')), ['request_supplement', 'apologise', 'record_result']);
    });

    it('runs each action through one entry point, refusing the wrong one of assign and reassign', async () => {
      const dossier = await submitAt(at('2026-03-02'));
      const id = dossier.dossierId;
      await takeStaffAction(handle.db, id, 'receive', actor('reception'), { publicUrl: PUBLIC_URL, now: at('2026-03-03') });
      await assert.rejects(
        takeStaffAction(handle.db, id, 'reassign', actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerA') }),
        isTransitionError('not_allowed'),
      );
      await takeStaffAction(handle.db, id, 'assign', actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerA') });
      await assert.rejects(
        takeStaffAction(handle.db, id, 'assign', actor('head'), { publicUrl: PUBLIC_URL, officerId: idOf('officerB') }),
        isTransitionError('not_allowed'),
      );
      await assert.rejects(
        takeStaffAction(handle.db, id, 'record_result', actor('officerA'), { publicUrl: PUBLIC_URL, file: { name: 'kq.png', bytes: pdfBytes('kq') } }),
        isTransitionError('not_allowed'),
        'a decision of the head is not recorded by the officer',
      );
      await takeStaffAction(handle.db, id, 'submit_draft', actor('officerA'), { publicUrl: PUBLIC_URL, file: { name: 'kq.png', bytes: pdfBytes('kq') } });
      await takeStaffAction(handle.db, id, 'send_back', actor('head'), { publicUrl: PUBLIC_URL, reason: 'Sửa căn cứ.' });
      await takeStaffAction(handle.db, id, 'submit_draft', actor('officerA'), { publicUrl: PUBLIC_URL, file: { name: 'kq.png', bytes: pdfBytes('kq') } });
      await takeStaffAction(handle.db, id, 'approve', actor('head'), { publicUrl: PUBLIC_URL, note: 'Mời ông/bà đến nhận bản chính.' });
      const attachment = await handle.db.selectFrom('attachments').select(['file_name', 'content_type']).where('dossier_id', '=', id).where('document_id', '=', 'result').executeTakeFirstOrThrow();
      assert.deepEqual(attachment, { file_name: 'kq.pdf', content_type: 'application/pdf' }, 'the type comes from the bytes');
      assert.equal((await row(id)).status, 'result_ready');
      assert.equal((await events(id)).at(-1)?.public_note, 'Mời ông/bà đến nhận bản chính.', 'the head’s note replaces the officer’s');
    });

    it('reports overdue from the due date alone', () => {
      assert.equal(isOverdue(null, '2026-03-10'), false);
      assert.equal(isOverdue('2026-03-09', '2026-03-09'), false);
      assert.equal(isOverdue('2026-03-09', '2026-03-10'), true);
      assert.equal(isOverdue('2026-03-09', '2026-03-08'), false);
    });
  });
}
