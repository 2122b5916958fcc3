import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createStaffUser, type StaffRole } from '../../src/server/auth/staff.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { assignOfficer, receiveDossier, recordResult, returnResult, takeStaffAction } from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import type { StaffActor } from '../../src/server/dossiers/transition.ts';
import { listFeedback, sendFeedback } from '../../src/server/survey/feedback.ts';
import { satisfactionFigures } from '../../src/server/survey/figures.ts';
import { openInvitationToken, readSurveyToken } from '../../src/server/survey/invitation.ts';
import { submitSurvey, surveyByToken, type SurveyInput } from '../../src/server/survey/responses.ts';
import { listResponses, readResponse, SurveyAccessError, type SurveyReader } from '../../src/server/survey/staff-access.ts';
import { closeAndDrop, completeDraft, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// Survey links of these tests are signed under a key of their own (never $DATA_DIR/secret.key).
process.env.SECRET_KEY = randomBytes(32).toString('base64');

const XNKQ = procedureByCode('XNKQ')!;
const DAY = 86_400_000;
/** 09:00 in Vietnam on `date`. */
const at = (date: string, time = '09:00') => new Date(`${date}T${time}:00+07:00`);

/** A complete answer for an online one-stop dossier (every question but the optional one). */
const fullAnswers: SurveyInput = {
  answers: { on_time: '1', agencies_contacted: '0', contacts_needed: '1', information_accurate: '1', staff_attitude: '5', official_fees_only: '1', process_overall: '4', online_service: '4', outcome: '2' },
  helpedBy: 'family',
  comment: '  Cán bộ hướng dẫn tận tình.  ',
};

for (const target of testDatabases) {
  describe(`satisfaction survey on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const staff: Record<string, StaffActor & { staffId: number }> = {};
    const reader = (key: string): SurveyReader => {
      const s = staff[key]!;
      return { id: s.staffId, email: s.email!, role: s.role, agencyCode: s.agencyCode, ip: '203.0.113.9' };
    };

    before(async () => {
      handle = await openSeeded(target);
      const accounts: [string, StaffRole, string | null][] = [
        ['reception', 'reception', 'HNI'],
        ['officer', 'officer', 'HNI'],
        ['head', 'head', 'HNI'],
        ['headHCM', 'head', 'HCM'],
        ['admin', 'admin', null],
      ];
      for (const [n, [key, role, agencyCode]] of accounts.entries()) {
        const email = `${key.toLowerCase()}@thads.example.gov.vn`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode, password: `mật khẩu dài thứ ${n} năm 2026` });
        staff[key] = { role, staffId: id, agencyCode, email, ip: '203.0.113.9' };
      }
    });
    after(async () => closeAndDrop(handle));

    /** An online XNKQ dossier of Hà Nội, taken to `returned` on `returnedOn` by the services staff use. */
    async function returnedDossier(returnedOn: string): Promise<number> {
      const draft = await completeDraft(handle.db, XNKQ, { overrides: { agency: 'HNI', email: 'nguoi-nop@example.com' } });
      const start = at(returnedOn).getTime() - 10 * DAY;
      const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: new Date(start) });
      await receiveDossier(handle.db, dossierId, staff.reception!, { publicUrl: PUBLIC_URL, now: new Date(start + DAY) });
      await assignOfficer(handle.db, dossierId, staff.head!, { publicUrl: PUBLIC_URL, now: new Date(start + DAY), officerId: staff.officer!.staffId });
      await recordResult(handle.db, dossierId, staff.officer!, { publicUrl: PUBLIC_URL, now: new Date(start + 2 * DAY), file: { name: 'ket-qua.pdf', bytes: pdfBytes('kq') } });
      await returnResult(handle.db, dossierId, staff.reception!, { publicUrl: PUBLIC_URL, now: at(returnedOn) });
      return dossierId;
    }

    /** The survey token in the `returned` mail of a dossier. */
    async function mailedToken(dossierId: number): Promise<string> {
      const mail = await handle.db.selectFrom('mail_outbox').selectAll().where('dossier_id', '=', dossierId).where('kind', '=', 'returned').executeTakeFirstOrThrow();
      const match = /http:\/\/portal\.test\/khao-sat\/([0-9]+\.[0-9]+\.[A-Za-z0-9_-]{43})/.exec(mail.text_body);
      assert.ok(match, `no survey link in: ${mail.text_body}`);
      return match[1]!;
    }
    const responsesOf = (dossierId: number) => handle.db.selectFrom('survey_responses').selectAll().where('dossier_id', '=', dossierId).execute();

    it('the returned mail and the tracking page carry the same link, which a finished response uses up', async () => {
      const id = await returnedDossier('2026-11-20');
      const token = await mailedToken(id);
      const now = at('2026-11-21');
      assert.equal(await openInvitationToken(handle.db, id, now), token);
      // The link expires 30 days after the invitation: 20 December 2026, 09:00 in Vietnam.
      assert.deepEqual(readSurveyToken(token, undefined, now), { ok: true, id });

      const open = await surveyByToken(handle.db, token, now);
      assert.equal(open.state, 'open');
      // Opening the page and sending an incomplete form use nothing up.
      const incomplete = await submitSurvey(handle.db, token, { ...fullAnswers, answers: { ...fullAnswers.answers, outcome: '', staff_attitude: '7' }, helpedBy: '' }, now);
      assert.deepEqual(incomplete, {
        ok: false,
        state: 'problems',
        problems: [
          { field: 'staff_attitude', problem: 'invalid' },
          { field: 'outcome', problem: 'required' },
          { field: 'helpedBy', problem: 'required' },
        ],
      });
      assert.equal((await responsesOf(id)).length, 0);

      const done = await submitSurvey(handle.db, token, fullAnswers, now);
      assert.equal(done.ok, true);
      const [row] = await responsesOf(id);
      assert.equal(row!.agency_code, 'HNI');
      assert.equal(row!.procedure_code, 'XNKQ');
      assert.equal(row!.lifecycle_kind, 'one-stop');
      assert.equal(row!.channel, 'online');
      assert.equal(row!.helped_by, 'family');
      assert.equal(row!.comment, 'Cán bộ hướng dẫn tận tình.');
      assert.equal(row!.criteria_from, '2025-07-01');
      const answers = await handle.db.selectFrom('survey_answers').select(['criterion_id', 'aspect', 'value']).where('response_id', '=', row!.id).orderBy('criterion_id').execute();
      assert.deepEqual(answers, [
        { criterion_id: 'agencies_contacted', aspect: 'process', value: 0 },
        { criterion_id: 'contacts_needed', aspect: 'process', value: 1 },
        { criterion_id: 'information_accurate', aspect: 'process', value: 1 },
        { criterion_id: 'official_fees_only', aspect: 'process', value: 1 },
        { criterion_id: 'on_time', aspect: 'process', value: 1 },
        { criterion_id: 'online_service', aspect: 'process', value: 4 },
        { criterion_id: 'outcome', aspect: 'outcome', value: 2 },
        { criterion_id: 'process_overall', aspect: 'process', value: 4 },
        { criterion_id: 'staff_attitude', aspect: 'process', value: 5 },
      ]);

      // The second try is refused, and the tracking page no longer offers the link.
      assert.deepEqual(await submitSurvey(handle.db, token, { ...fullAnswers, helpedBy: 'none' }, now), { ok: false, state: 'answered' });
      assert.deepEqual(await surveyByToken(handle.db, token, now), { state: 'answered' });
      assert.equal(await openInvitationToken(handle.db, id, now), null);
      assert.equal((await responsesOf(id)).length, 1);
    });

    it('an expired link is refused and stores nothing; a tampered one is not a link', async () => {
      const id = await returnedDossier('2026-10-01');
      const token = await mailedToken(id);
      const expiry = at('2026-10-31');
      assert.equal((await surveyByToken(handle.db, token, new Date(expiry.getTime() - 60_000))).state, 'open');
      assert.deepEqual(await surveyByToken(handle.db, token, expiry), { state: 'expired' });
      assert.deepEqual(await submitSurvey(handle.db, token, fullAnswers, expiry), { ok: false, state: 'expired' });
      assert.equal(await openInvitationToken(handle.db, id, expiry), null);
      assert.equal((await responsesOf(id)).length, 0);
      const [, expires, mac] = token.split('.');
      assert.deepEqual(await submitSurvey(handle.db, `${id + 1}.${expires}.${mac}`, fullAnswers, at('2026-10-02')), { ok: false, state: 'invalid' });
      assert.deepEqual(await surveyByToken(handle.db, 'khong-phai-duong-dan', at('2026-10-02')), { state: 'invalid' });
    });

    it('closing a complaint invites to the survey, in the closing mail only; the complaint is asked its own questions', async () => {
      const KN = procedureByCode('KN')!;
      const draft = await completeDraft(handle.db, KN, { overrides: { agency: 'HNI' } });
      const { dossierId: id } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-02') });
      const act = (action: Parameters<typeof takeStaffAction>[2], who: string, day: string, extra: Record<string, unknown> = {}) =>
        takeStaffAction(handle.db, id, action, staff[who]!, { publicUrl: PUBLIC_URL, now: at(day), ...extra });
      await act('accept', 'head', '2026-11-03');
      await act('verify', 'head', '2026-11-04', { officerId: staff.officer!.staffId });
      await act('decide', 'head', '2026-11-20', {
        number: '12/QĐ-GQKN',
        findings: 'Quyết định bị khiếu nại ban hành khi chưa hết thời hạn tự nguyện thi hành án.',
        legalBasis: 'Điều 45 Luật Thi hành án dân sự.',
        conclusion: 'right',
        remedy: 'annul',
        file: { name: 'quyet-dinh.pdf', bytes: pdfBytes('qđ') },
      });
      assert.equal(await openInvitationToken(handle.db, id, at('2026-11-21')), null, 'decided is not closed');
      await act('close', 'reception', '2026-11-23');
      const mails = await handle.db.selectFrom('mail_outbox').select(['subject', 'text_body']).where('dossier_id', '=', id).orderBy('id').execute();
      const withLink = mails.filter((m) => m.text_body.includes('/khao-sat/'));
      assert.deepEqual(withLink.map((m) => m.subject.split(' – ')[0]), ['Kết thúc hồ sơ khiếu nại']);
      const token = await openInvitationToken(handle.db, id, at('2026-11-24'));
      assert.ok(token && withLink[0]!.text_body.includes(`http://portal.test/khao-sat/${token}`));
      const survey = await surveyByToken(handle.db, token, at('2026-11-24'));
      assert.ok(survey.state === 'open');
      assert.deepEqual(survey.questions.map((q) => q.id), ['on_time', 'contacts_needed', 'information_accurate', 'staff_attitude', 'process_overall', 'online_service', 'feedback_handling', 'outcome']);
    });

    it('a dossier not yet returned has no survey on its tracking page', async () => {
      const draft = await completeDraft(handle.db, XNKQ, { overrides: { agency: 'HNI' } });
      const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: at('2026-11-25') });
      assert.equal(await openInvitationToken(handle.db, dossierId, at('2026-11-25')), null);
    });

    it('five submits at once write one response and one set of answers', async () => {
      const id = await returnedDossier('2026-11-10');
      const token = await mailedToken(id);
      const results = await Promise.all([0, 1, 2, 3, 4].map((i) => submitSurvey(handle.db, token, { ...fullAnswers, comment: `lần ${i}` }, at('2026-11-11'))));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal(results.filter((r) => !r.ok && r.state === 'answered').length, 4);
      const rows = await responsesOf(id);
      assert.equal(rows.length, 1);
      const answers = await handle.db.selectFrom('survey_answers').select('criterion_id').where('response_id', '=', rows[0]!.id).execute();
      assert.equal(answers.length, 9);
    });

    it('officers and reception cannot read individual responses; heads read their agency, audited', async () => {
      const id = await returnedDossier('2026-11-05');
      const done = await submitSurvey(handle.db, await mailedToken(id), fullAnswers, at('2026-11-06'));
      assert.ok(done.ok);
      const responseId = done.responseId;
      for (const key of ['officer', 'reception']) {
        await assert.rejects(listResponses(handle.db, reader(key)), SurveyAccessError);
        await assert.rejects(readResponse(handle.db, reader(key), responseId), SurveyAccessError);
      }
      // The head of another province sees nothing of Hà Nội's, and cannot ask for it.
      assert.equal(await readResponse(handle.db, reader('headHCM'), responseId), null);
      await assert.rejects(listResponses(handle.db, reader('headHCM'), { agencyCode: 'HNI' }), SurveyAccessError);

      const auditBefore = await handle.db.selectFrom('audit_log').select('id').where('action', 'like', 'survey.%').execute();
      const one = await readResponse(handle.db, reader('head'), responseId);
      assert.equal(one!.comment, 'Cán bộ hướng dẫn tận tình.');
      const list = await listResponses(handle.db, reader('head'), { criterionId: 'outcome', values: [1, 2] });
      assert.ok(list.rows.some((r) => r.id === responseId));
      assert.ok(list.rows.every((r) => r.agencyCode === 'HNI'));
      const central = await listResponses(handle.db, reader('admin'), { agencyCode: 'HNI', limit: 1 });
      assert.equal(central.rows.length, 1);
      assert.notEqual(central.next, null);
      const audit = await handle.db.selectFrom('audit_log').selectAll().where('action', 'like', 'survey.%').orderBy('id').execute();
      assert.equal(audit.length - auditBefore.length, 3);
      const newest = audit.slice(-3);
      assert.deepEqual(newest.map((a) => [a.action, a.actor_id, a.entity_id]), [
        ['survey.response_viewed', staff.head!.staffId, String(responseId)],
        ['survey.responses_viewed', staff.head!.staffId, null],
        ['survey.responses_viewed', staff.admin!.staffId, null],
      ]);
    });

    it('general feedback keeps no personal data and names what is wrong', async () => {
      assert.deepEqual(await sendFeedback(handle.db, { agencyCode: 'NOPE', topic: '', rating: '9', message: ' ' }, 'vi'), {
        ok: false,
        problems: [
          { field: 'agency', problem: 'invalid' },
          { field: 'topic', problem: 'required' },
          { field: 'rating', problem: 'invalid' },
          { field: 'message', problem: 'required' },
        ],
      });
      // Found by the fuzzer: NULs alone are no message (they are dropped on the way to the table, which needs one).
      assert.deepEqual(await sendFeedback(handle.db, { agencyCode: '', topic: 'portal', rating: '', message: '\u0000 \u0000' }, 'vi'), {
        ok: false,
        problems: [{ field: 'message', problem: 'required' }],
      });
      assert.deepEqual(await sendFeedback(handle.db, { agencyCode: 'DNG', topic: 'portal', rating: '', message: 'Trang tra cứu dễ dùng.' }, 'en'), { ok: true });
      const rows = await handle.db.selectFrom('general_feedback').select(['agency_code', 'topic', 'rating', 'message', 'locale']).execute();
      assert.deepEqual(rows, [{ agency_code: 'DNG', topic: 'portal', rating: null, message: 'Trang tra cứu dễ dùng.', locale: 'en' }]);

      // Read by the same readers as the responses: Hà Nội's head sees Hà Nội's (its regional office's too).
      await sendFeedback(handle.db, { agencyCode: 'HNI-KV1', topic: 'staff', rating: '2', message: 'Chờ lâu.' }, 'vi');
      await sendFeedback(handle.db, { agencyCode: '', topic: 'suggestion', rating: '', message: 'Thêm hướng dẫn bằng video.' }, 'vi');
      const messages = async (key: string) => (await listFeedback(handle.db, reader(key))).rows.map((r) => r.message);
      assert.deepEqual(await messages('head'), ['Chờ lâu.']);
      assert.deepEqual(await messages('admin'), ['Thêm hướng dẫn bằng video.', 'Chờ lâu.', 'Trang tra cứu dễ dùng.']);
      await assert.rejects(listFeedback(handle.db, reader('officer')), SurveyAccessError);
      await assert.rejects(listFeedback(handle.db, reader('reception')), SurveyAccessError);
      const audit = await handle.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'survey.feedback_viewed').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.actor_id), [staff.head!.staffId, staff.admin!.staffId]);
    });
  });

  describe(`satisfaction figures on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
      // The fixture, written out by hand: [agency, submitted (Vietnam), channel, helped by, answers].
      const fixture: [string, string, 'online' | 'counter', 'none' | 'staff' | 'family' | 'other', Record<string, number>][] = [
        ['HNI', '2026-11-01T08:00', 'online', 'none', { staff_attitude: 5, process_overall: 4, outcome: 1, on_time: 1, contacts_needed: 0 }],
        ['HNI', '2026-11-02T10:00', 'online', 'staff', { staff_attitude: 4, process_overall: 3, outcome: 2, on_time: 1, contacts_needed: 2 }],
        ['HNI-KV1', '2026-11-15T14:00', 'counter', 'family', { staff_attitude: 2, process_overall: 5, outcome: 5, on_time: 0, contacts_needed: 1 }],
        ['HNI', '2026-11-30T23:30', 'counter', 'none', { staff_attitude: 5, outcome: 4, on_time: 1, contacts_needed: 2 }],
        // Outside: the next day, and another province.
        ['HNI', '2026-12-01T00:10', 'online', 'none', { staff_attitude: 1, outcome: 1 }],
        ['HCM', '2026-11-10T09:00', 'online', 'other', { staff_attitude: 1, outcome: 1 }],
      ];
      let i = 0;
      for (const [agency, when, channel, helped, answers] of fixture) {
        const dossier = await handle.db
          .insertInto('dossiers')
          .values({
            code: generateDossierCode(1, '2026-10-01', () => i % 32),
            procedure_code: 'XNKQ',
            agency_code: agency,
            status: 'returned',
            channel,
            locale: 'vi',
            applicant_name: 'Người nộp thử',
            applicant_id_number: '001090000001',
            applicant_phone: '0912000000',
            applicant_email: null,
            applicant_address: 'Hà Nội',
            data: '{}',
            pin_hash: 'x',
            idempotency_key: `fixture-${i++}`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const response = await handle.db
          .insertInto('survey_responses')
          .values({ dossier_id: dossier.id, agency_code: agency, procedure_code: 'XNKQ', lifecycle_kind: 'one-stop', channel, helped_by: helped, comment: null, criteria_from: '2025-07-01', submitted_at: new Date(`${when}:00+07:00`) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await handle.db
          .insertInto('survey_answers')
          .values(Object.entries(answers).map(([criterion_id, value]) => ({ response_id: response.id, criterion_id, aspect: criterion_id === 'outcome' ? ('outcome' as const) : ('process' as const), value })))
          .execute();
      }
    });
    after(async () => closeAndDrop(handle));

    const r4 = (w: [number, number] | null) => w && w.map((v) => Math.round(v * 10_000) / 10_000);

    it('Hà Nội with its regional office in November 2026, by hand', async () => {
      const f = await satisfactionFigures(handle.db, { agencyCode: 'HNI', from: '2026-11-01', to: '2026-11-30' });
      assert.equal(f.responses, 4);
      // Process scale answers: staff 5, 4, 2, 5 and overall 4, 3, 5 → satisfied 5 of 7.
      assert.deepEqual({ ...f.process, wilson: r4(f.process.wilson) }, { n: 7, satisfied: 5, share: 5 / 7, wilson: [0.3589, 0.9178] });
      // Outcome: 1, 2, 5, 4 → 2 of 4.
      assert.deepEqual({ ...f.outcome, wilson: r4(f.outcome.wilson) }, { n: 4, satisfied: 2, share: 0.5, wilson: [0.15, 0.85] });
      // Overall: 7 of 11.
      assert.deepEqual({ ...f.overall, wilson: r4(f.overall.wilson) }, { n: 11, satisfied: 7, share: 7 / 11, wilson: [0.3538, 0.8483] });
      const staffAttitude = f.criteria.find((c) => c.criterionId === 'staff_attitude')!;
      assert.deepEqual([staffAttitude.n, staffAttitude.satisfied, staffAttitude.share], [4, 3, 0.75]);
      const online = f.criteria.find((c) => c.criterionId === 'online_service')!;
      assert.deepEqual(online, { criterionId: 'online_service', aspect: 'process', n: 0, satisfied: 0, share: null, wilson: null });
      assert.deepEqual(f.distributions.find((d) => d.criterionId === 'contacts_needed')!.counts, [
        { value: 0, n: 1 },
        { value: 1, n: 1 },
        { value: 2, n: 2 },
      ]);
      assert.deepEqual(f.distributions.find((d) => d.criterionId === 'on_time')!.counts, [
        { value: 1, n: 3 },
        { value: 0, n: 1 },
      ]);
      assert.deepEqual(f.helpedBy, [
        { value: 'none', n: 2 },
        { value: 'staff', n: 1 },
        { value: 'family', n: 1 },
        { value: 'other', n: 0 },
      ]);
      assert.deepEqual(f.channel, [
        { value: 'online', n: 2 },
        { value: 'counter', n: 2 },
      ]);
    });

    it('the heads\' drill-down lists the responses behind a figure', async () => {
      const id = await createStaffUser(handle.db, { email: 'head@figures.example.gov.vn', fullName: 'Thủ trưởng', role: 'head', agencyCode: 'HNI', password: 'một mật khẩu đủ dài 2026' });
      const head: SurveyReader = { id, email: 'head@figures.example.gov.vn', role: 'head', agencyCode: 'HNI' };
      const november = { from: '2026-11-01', to: '2026-11-30' };
      const when = async (filter: Parameters<typeof listResponses>[2]) => (await listResponses(handle.db, head, { ...november, ...filter })).rows.map((r) => r.submittedAt.toISOString());
      // Outcome satisfied: 2 of 4 — the regional office's 15/11 (level 5) and the 30/11 response (level 4).
      assert.deepEqual(await when({ aspect: 'outcome', values: [4, 5] }), ['2026-11-30T16:30:00.000Z', '2026-11-15T07:00:00.000Z']);
      assert.deepEqual(await when({ criterionId: 'staff_attitude', values: [1, 2] }), ['2026-11-15T07:00:00.000Z']);
      assert.deepEqual(await when({ helpedBy: 'none' }), ['2026-11-30T16:30:00.000Z', '2026-11-01T01:00:00.000Z']);
      assert.deepEqual(await when({ channel: 'counter' }), ['2026-11-30T16:30:00.000Z', '2026-11-15T07:00:00.000Z']);
    });

    it('all agencies, and an empty period', async () => {
      const all = await satisfactionFigures(handle.db, { from: '2026-11-01', to: '2026-12-01' });
      assert.equal(all.responses, 6);
      assert.deepEqual([all.outcome.n, all.outcome.satisfied], [6, 2]);
      const none = await satisfactionFigures(handle.db, { agencyCode: 'DNG', from: '2026-11-01', to: '2026-11-30' });
      assert.equal(none.responses, 0);
      assert.deepEqual(none.overall, { n: 0, satisfied: 0, share: null, wilson: null });
    });
  });
}
