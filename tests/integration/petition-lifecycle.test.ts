/**
 * Complaints and denunciations through their own lifecycles: the submission is a transition from no status, each
 * stage's deadline comes from the dated petition rules, refusals write nothing, and the citizen follows it all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { deadlineReport } from '../../src/server/dossiers/deadline-report.ts';
import { noticeData } from '../../src/server/dossiers/notice-data.ts';
import { listQueue } from '../../src/server/dossiers/queue.ts';
import { ActionInputError, availableActions, takeStaffAction } from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { trackedDossier } from '../../src/server/dossiers/tracking.ts';
import { TransitionError, type StaffActor } from '../../src/server/dossiers/transition.ts';
import { closeAndDrop, completeDraft, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
const isProblem = (problem: string) => (err: unknown) => err instanceof ActionInputError && err.problem === problem;
const isRefused = (reason: string) => (err: unknown) => err instanceof TransitionError && err.reason === reason;

for (const target of testDatabases) {
  describe(`complaints and denunciations on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const staff: Record<string, StaffActor> = {};

    before(async () => {
      handle = await openSeeded(target);
      for (const [key, role] of [['reception', 'reception'], ['officer', 'officer'], ['head', 'head']] as const) {
        const email = `${key}@petitions.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode: 'HCM', password: `Sông Sài Gòn số ${key.length} ★ 2026` });
        staff[key] = { role, staffId: id, agencyCode: 'HCM', email };
      }
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const row = (id: number) => handle.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const events = (id: number) => handle.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
    const mails = (id: number) => handle.db.selectFrom('mail_outbox').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
    const act = (id: number, action: Parameters<typeof takeStaffAction>[2], who: string, day: string, extra: Record<string, unknown> = {}) =>
      takeStaffAction(handle.db, id, action, staff[who]!, { publicUrl: PUBLIC_URL, now: at(day), ...extra });

    it('a first complaint about coercion: accepted within 5 working days, decided within 30 days, extended once, closed', async () => {
      // The example complains about a coercive measure, to HCM, with an e-mail address.
      const draft = await completeDraft(handle.db, KN);
      const { dossierId: id, code } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-20', 10) });
      let r = await row(id);
      // Friday 20/11: five working days to accept end on Friday 27/11.
      assert.deepEqual([r.status, r.check_due_date, r.due_date], ['submitted', '2026-11-27', null]);
      assert.deepEqual((await events(id)).map((e) => [e.action, e.from_status, e.to_status]), [['submit', null, 'submitted']]);
      assert.deepEqual((await mails(id)).map((m) => m.kind), ['petition_submitted']);
      const first = (await mails(id))[0]!;
      assert.equal(first.subject, `Đã nhận đơn ${code}: Khiếu nại về thi hành án dân sự`);
      assert.match(first.text_body, /chậm nhất ngày 27\/11\/2026\./);
      assert.deepEqual(await availableActions(handle.db, id, staff.head!, at('2026-11-23')), ['accept', 'not_accept', 'transfer', 'file_away']);
      assert.deepEqual(await availableActions(handle.db, id, staff.reception!, at('2026-11-23')), ['transfer']);
      await assert.rejects(act(id, 'receive', 'reception', '2026-11-23'), isRefused('not_allowed'), 'a complaint is accepted, not received');
      await assert.rejects(act(id, 'accept', 'reception', '2026-11-23'), isRefused('not_allowed'));

      // Accepted Monday 23/11: thirty days to decide end on Wednesday 23/12.
      await act(id, 'accept', 'head', '2026-11-23');
      r = await row(id);
      assert.deepEqual([r.status, r.check_due_date, r.due_date], ['accepted', null, '2026-12-23']);
      const acceptMail = (await mails(id)).at(-1)!;
      assert.equal(acceptMail.kind, 'stage');
      assert.equal(acceptMail.subject, `Thụ lý giải quyết khiếu nại – hồ sơ ${code}: Khiếu nại về thi hành án dân sự`);
      assert.match(acceptMail.text_body, /^Thời hạn giải quyết: đến hết ngày 23\/12\/2026\.$/m);
      // The deadline report speaks of the time to decide (30 days for a coercive measure), not the time to accept.
      const accepted = await deadlineReport(handle.db, id, '2026-12-01');
      assert.deepEqual([accepted.timeLimit, accepted.receivedOn, accepted.dueDate, accepted.overdue], [{ days: 30, unit: 'calendar' }, '2026-11-23', '2026-12-23', false]);

      await assert.rejects(act(id, 'verify', 'head', '2026-11-24', { officerId: staff.reception!.staffId }), isProblem('officer_invalid'));
      await act(id, 'verify', 'head', '2026-11-24', { officerId: staff.officer!.staffId });
      assert.deepEqual([(await row(id)).status, (await row(id)).assigned_to], ['verifying', staff.officer!.staffId]);

      // One extension, at most 30 days past the due date (22/01/2027), a working day after today.
      await assert.rejects(act(id, 'extend', 'head', '2026-12-10', { reason: 'Cần đối thoại.', newDueDate: '2027-01-25' }), isProblem('date_invalid'), 'more than 30 days');
      await assert.rejects(act(id, 'extend', 'head', '2026-12-10', { reason: ' ', newDueDate: '2027-01-08' }), isProblem('reason_required'));
      await act(id, 'extend', 'head', '2026-12-10', { reason: 'Cần đối thoại với người phải thi hành án.', newDueDate: '2027-01-08' });
      assert.equal((await row(id)).due_date, '2027-01-08');
      const extended = await deadlineReport(handle.db, id, '2026-12-11');
      assert.deepEqual(extended.redatings, [{ from: '2026-12-23', to: '2027-01-08', on: '2026-12-10', reason: 'Cần đối thoại với người phải thi hành án.', late: false }]);
      await assert.rejects(act(id, 'extend', 'head', '2026-12-11', { reason: 'Lần nữa.', newDueDate: '2027-01-11' }), isProblem('extension_used'));
      assert.ok(!(await availableActions(handle.db, id, staff.head!, at('2026-12-11'))).includes('extend'));

      // The decision: its number, its mandatory contents and the signed file are required.
      const decision = { name: 'quyet-dinh-giai-quyet-khieu-nai.pdf', bytes: pdfBytes('quyết định') };
      const contents = {
        number: '7/QĐ-GQKN',
        findings: 'Chấp hành viên kê biên tài sản khi chưa hết thời hạn tự nguyện thi hành án.',
        legalBasis: 'Điều 45 và Điều 71 Luật Thi hành án dân sự.',
        conclusion: 'partly_right',
        remedy: 'amend',
        file: decision,
      };
      const without = (key: keyof typeof contents) => Object.fromEntries(Object.entries(contents).filter(([k]) => k !== key));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', without('number')), isProblem('number_missing'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', without('findings')), isProblem('findings_missing'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', { ...contents, legalBasis: '   ' }), isProblem('legal_basis_missing'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', without('conclusion')), isProblem('conclusion_missing'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', without('remedy')), isProblem('remedy_missing'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', { ...contents, remedy: 'keep' }), isProblem('remedy_mismatch'), 'a partly right complaint changes something');
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', { ...contents, conclusion: 'wrong' }), isProblem('remedy_mismatch'), 'a wrong one changes nothing');
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', { ...contents, findings: 'x'.repeat(2001) }), isProblem('decision_text_too_long'));
      await assert.rejects(act(id, 'decide', 'head', '2026-12-30', without('file')), isProblem('file_missing'));
      await assert.rejects(act(id, 'conclude', 'head', '2026-12-30', contents), isRefused('not_allowed'), 'complaints are decided');
      assert.equal((await events(id)).length, 4, 'a refused decision writes nothing');
      await act(id, 'decide', 'head', '2026-12-30', { ...contents, number: ' 7/QĐ-GQKN ', note: 'Hủy một phần quyết định cưỡng chế.' });
      const decided = (await events(id)).at(-1)!;
      assert.equal(decided.action, 'decide');
      assert.deepEqual(decided.data, {
        decidedOn: '2026-12-30',
        number: '7/QĐ-GQKN',
        conclusion: 'partly_right',
        round: 'first',
        final: false,
        dueDate: '2027-01-08',
        fileName: 'quyet-dinh-giai-quyet-khieu-nai.pdf',
        findings: 'Chấp hành viên kê biên tài sản khi chưa hết thời hạn tự nguyện thi hành án.',
        legalBasis: 'Điều 45 và Điều 71 Luật Thi hành án dân sự.',
        remedy: 'amend',
        // Fifteen days from the decision day.
        secondComplaintBy: '2027-01-14',
      });
      // The printed decision states what the law requires of it.
      const printed = (await noticeData(handle.db, id, 'quyet-dinh-khieu-nai'))!;
      assert.equal(printed.action, 'decide');
      assert.deepEqual(
        { ...printed.decision!, matter: printed.decision!.matter.map((m) => m.field.name) },
        {
          number: '7/QĐ-GQKN',
          round: 'first',
          final: false,
          conclusion: 'partly_right',
          remedy: 'amend',
          findings: 'Chấp hành viên kê biên tài sản khi chưa hết thời hạn tự nguyện thi hành án.',
          legalBasis: 'Điều 45 và Điều 71 Luật Thi hành án dân sự.',
          measures: null,
          secondComplaintBy: '2027-01-14',
          matter: ['subject', 'decisionOrAct', 'respondentRole', 'respondentName', 'whatIsWrong', 'request'],
        },
      );
      assert.equal(printed.text, 'Hủy một phần quyết định cưỡng chế.');
      const report = await deadlineReport(handle.db, id, '2027-02-01');
      assert.equal(report.stoppedOn, '2026-12-30', 'the clock stops at the decision');
      assert.equal(report.overdue, false);

      // The citizen sees the stages, the decision to download and the acceptance notice.
      const view = (await trackedDossier(handle.db, id))!;
      assert.equal(view.status, 'decided');
      assert.deepEqual(view.timeline.map((e) => e.action), ['submit', 'accept', 'verify', 'extend', 'decide']);
      assert.deepEqual(view.results.map((a) => a.fileName), ['quyet-dinh-giai-quyet-khieu-nai.pdf']);
      assert.deepEqual(view.notices.map((n) => n.slug), ['thu-ly-khieu-nai', 'quyet-dinh-khieu-nai']);

      await act(id, 'close', 'reception', '2027-01-05');
      r = await row(id);
      assert.equal(r.status, 'closed');
      assert.ok(r.closed_at instanceof Date);
      assert.deepEqual((await mails(id)).map((m) => m.kind), ['petition_submitted', 'stage', 'stage', 'stage', 'stage', 'stage']);
    });

    it('not accepted with its ground, or passed on: closed, with the notice, nothing written on a refused attempt', async () => {
      const draft = await completeDraft(handle.db, KN, { overrides: { round: 'second', firstDecisionNumber: '12/QĐ-THADS', firstDecisionReceivedOn: '2026-11-16' } });
      const { dossierId: id } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-20', 10) });
      // A second complaint: ten days to accept, from Friday 20/11 — Monday 30/11.
      assert.equal((await row(id)).check_due_date, '2026-11-30');
      await assert.rejects(act(id, 'not_accept', 'head', '2026-11-23', { reason: '' }), isProblem('reason_required'));
      assert.equal((await events(id)).length, 1);
      // The queue finds it among second complaints, not among first ones.
      const viewer = { role: 'head' as const, agencyCode: 'HCM', staffId: staff.head!.staffId! };
      const codes = async (round: 'first' | 'second') => (await listQueue(handle.db, viewer, { round, pageSize: 100 })).rows.map((q) => q.id);
      assert.ok((await codes('second')).includes(id));
      assert.ok(!(await codes('first')).includes(id));
      await act(id, 'not_accept', 'head', '2026-11-23', { reason: 'Đã hết thời hiệu khiếu nại (Điều 141).' });
      const r = await row(id);
      assert.deepEqual([r.status, r.check_due_date], ['not_accepted', null]);
      assert.deepEqual((await trackedDossier(handle.db, id))!.notices.map((n) => n.slug), ['khong-thu-ly']);
      await assert.rejects(act(id, 'accept', 'head', '2026-11-24'), isRefused('not_allowed'), 'closed');
    });

    it('a report without a real author: kept as a tip by reception, acted on by the head alone, its author told', async () => {
      const draft = await completeDraft(handle.db, TC, { overrides: { agency: 'HCM' } });
      const { dossierId: id } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02', 10) });
      await assert.rejects(act(id, 'treat_as_tip', 'reception', '2026-11-03', { reason: ' ' }), isProblem('reason_required'));
      await act(id, 'treat_as_tip', 'reception', '2026-11-03', { reason: 'Địa chỉ ghi trong đơn không có thật.' });
      let r = await row(id);
      assert.deepEqual([r.status, r.check_due_date, r.due_date, r.closed_at], ['tip', null, null, null]);
      // Not a denunciation any more: it is not accepted or verified, and only the head decides what becomes of it.
      assert.deepEqual(await availableActions(handle.db, id, staff.reception!, at('2026-11-04')), []);
      assert.deepEqual(await availableActions(handle.db, id, staff.head!, at('2026-11-04')), ['act_on_tip', 'file_tip']);
      await assert.rejects(act(id, 'accept', 'head', '2026-11-04'), isRefused('not_allowed'));
      await assert.rejects(act(id, 'act_on_tip', 'officer', '2026-11-04', { reason: 'Kiểm tra.' }), isRefused('not_allowed'));
      await act(id, 'act_on_tip', 'head', '2026-11-05', { reason: 'Đã chỉ đạo kiểm tra việc thu tiền tại Phòng THADS khu vực; kết quả được chấn chỉnh.' });
      r = await row(id);
      assert.equal(r.status, 'tip_closed');
      assert.ok(r.closed_at instanceof Date);
      const view = (await trackedDossier(handle.db, id))!;
      assert.deepEqual(view.timeline.map((e) => [e.action, e.note]), [
        ['submit', null],
        ['treat_as_tip', 'Địa chỉ ghi trong đơn không có thật.'],
        ['act_on_tip', 'Đã chỉ đạo kiểm tra việc thu tiền tại Phòng THADS khu vực; kết quả được chấn chỉnh.'],
      ]);
      assert.deepEqual((await mails(id)).map((m) => m.kind), ['petition_submitted', 'stage', 'stage']);
    });

    it('a denunciation: seven working days to accept, sixty days to conclude, concluded not decided', async () => {
      const draft = await completeDraft(handle.db, TC, { overrides: { agency: 'HCM' } });
      const { dossierId: id } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02', 10) });
      assert.equal((await row(id)).check_due_date, '2026-11-11');
      await act(id, 'accept', 'head', '2026-11-02');
      assert.equal((await row(id)).due_date, '2027-01-04', 'sixty days end on New Year’s Day: the next working day');
      await act(id, 'verify', 'head', '2026-11-03', { officerId: staff.officer!.staffId });
      await assert.rejects(act(id, 'decide', 'head', '2026-12-01', { number: '3/KL', conclusion: 'wrong', file: { name: 'kl.pdf', bytes: pdfBytes('kl') } }), isRefused('not_allowed'));
      const conclusion = {
        number: '3/KL',
        findings: 'Không có căn cứ xác định Chấp hành viên nhận tiền của đương sự.',
        legalBasis: 'Điều 35 Luật Tố cáo 2018.',
        conclusion: 'wrong',
        file: { name: 'ket-luan.pdf', bytes: pdfBytes('kết luận') },
      };
      await assert.rejects(act(id, 'conclude', 'head', '2026-12-01', conclusion), isProblem('measures_missing'));
      await act(id, 'conclude', 'head', '2026-12-01', { ...conclusion, remedy: 'keep', measures: 'Không xử lý; thông báo cho người bị tố cáo.' });
      assert.equal((await row(id)).status, 'concluded');
      const data = (await events(id)).at(-1)!.data as Record<string, unknown>;
      assert.equal(data.measures, 'Không xử lý; thông báo cho người bị tố cáo.');
      assert.equal(data.remedy, undefined, 'a conclusion keeps or annuls nothing');
      assert.equal(data.secondComplaintBy, undefined);
      // The public conclusion states the conduct reported, never who reported it.
      const printed = (await noticeData(handle.db, id, 'ket-luan-to-cao'))!;
      assert.deepEqual(printed.decision!.matter.map((m) => m.field.name), ['accusedName', 'accusedPosition', 'accusedWorkplace', 'conduct']);
      assert.deepEqual((await trackedDossier(handle.db, id))!.notices.map((n) => n.slug), ['thu-ly-to-cao', 'ket-luan-to-cao']);
    });
  });
}
