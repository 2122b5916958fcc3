import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { demoStaff } from '../../db/seed/demo.ts';
import { DEFAULT_HISTORY_SEED, generateHistory, type HistoryInput } from '../../db/seed/history/generate.ts';
import { finishedHistoryDossiers, HISTORY_KEY_PREFIX, seedDemoHistory, type HistoryReport } from '../../db/seed/history/index.ts';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { levelsOf, surveyCriteriaOn } from '../../src/server/catalog/survey-criteria.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';
import { satisfactionFigures } from '../../src/server/survey/figures.ts';
import { deadlineReport } from '../../src/server/dossiers/deadline-report.ts';
import { closedStatuses, ruleOf, type DossierAction, type DossierStatus } from '../../src/server/dossiers/lifecycle.ts';
import { SEALED_APPLICANT_NAME } from '../../src/server/denouncers/vault.ts';
import { checkCccd } from '../../src/server/validation/cccd.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// The denouncers' identities of these tests are sealed under a key of their own (never $DATA_DIR/secret.key).
process.env.SECRET_KEY ??= randomBytes(32).toString('base64');

/** Tuesday 1 December 2026, 12:00 in Vietnam: the seed's clock. */
const NOW = new Date('2026-12-01T05:00:00Z');
const TODAY = '2026-12-01';

for (const target of testDatabases) {
  describe(`demo history (${target.name})`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let input: HistoryInput;
    let report: HistoryReport;

    before(async () => {
      handle = await openSeeded(target);
      const ids: Record<string, number> = {};
      for (const s of demoStaff.filter((s) => s.agencyCode === 'HNI')) {
        ids[s.role] = await createStaffUser(handle.db, { email: s.email, fullName: s.fullName, role: s.role, agencyCode: s.agencyCode, password: s.password });
      }
      input = { now: NOW, calendar: await loadCalendar(handle.db), staff: { reception: ids.reception!, officer: ids.officer!, head: ids.head! }, takenCodes: new Set() };
      report = (await seedDemoHistory(handle.db, { now: NOW }))!;
    });
    after(() => closeAndDrop(handle));

    const history = () =>
      handle.db
        .selectFrom('dossiers')
        .selectAll()
        .where('idempotency_key', 'like', `${HISTORY_KEY_PREFIX}%`)
        .orderBy('id')
        .execute();

    it('is deterministic: the same seed gives the same codes, another seed others, and the database holds those codes', async () => {
      const codes = (seed: number) => generateHistory({ ...input, seed }).dossiers.map((d) => d.timeline.row.code);
      const first = codes(DEFAULT_HISTORY_SEED);
      assert.deepEqual(codes(DEFAULT_HISTORY_SEED), first);
      assert.notDeepEqual(codes(7), first);
      assert.deepEqual((await history()).map((r) => r.code), first);
      // A start three hours later the same day has every dossier of this one, code for code (and those filed since).
      const later = new Set(generateHistory({ ...input, now: new Date(NOW.getTime() + 3 * 3_600_000) }).dossiers.map((d) => d.timeline.row.code));
      assert.deepEqual(first.filter((c) => !later.has(c)), []);
    });

    it('is added once: a second start adds nothing', async () => {
      const before = (await history()).length;
      const count = async (table: 'survey_responses' | 'survey_answers' | 'general_feedback') =>
        Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const surveys = [await count('survey_responses'), await count('survey_answers'), await count('general_feedback')];
      assert.equal(await seedDemoHistory(handle.db, { now: new Date(NOW.getTime() + 86_400_000) }), null);
      assert.equal((await history()).length, before);
      assert.deepEqual([await count('survey_responses'), await count('survey_answers'), await count('general_feedback')], surveys);
      assert.equal(report.dossiers, before);
    });

    it('has every dossier in a status its lifecycle reaches through its events, in order', async () => {
      const rows = await history();
      const events = await handle.db
        .selectFrom('dossier_events')
        .select(['dossier_id', 'action', 'from_status', 'to_status', 'actor_kind'])
        .where('dossier_id', 'in', rows.map((r) => r.id))
        .orderBy('dossier_id')
        .orderBy('id')
        .execute();
      const byDossier = Map.groupBy(events, (e) => Number(e.dossier_id));
      for (const row of rows) {
        const kind = procedureByCode(row.procedure_code)!.kind;
        let status: DossierStatus | null = null;
        for (const e of byDossier.get(Number(row.id)) ?? []) {
          const rule = ruleOf(kind, e.action as DossierAction);
          assert.ok(rule, `${row.code}: ${e.action} is no ${kind} action`);
          assert.equal(e.from_status, status, `${row.code}: ${e.action} starts where the previous event ended`);
          assert.ok(status === null ? rule.from.length === 0 : rule.from.includes(status), `${row.code}: ${e.action} from ${status}`);
          assert.equal(e.to_status, rule.to ?? status);
          const byCitizen = e.actor_kind === 'citizen';
          assert.ok(byCitizen ? rule.by.includes('citizen') : rule.by.some((r) => r !== 'citizen'), `${row.code}: ${e.action} by ${e.actor_kind}`);
          status = e.to_status as DossierStatus;
        }
        assert.equal(row.status, status, `${row.code}: its status is its last event's`);
        assert.equal(row.closed_at !== null, closedStatuses.has(row.status), `${row.code}: closed_at set exactly when closed`);
      }
    });

    it('counts late exactly the dossiers meant to be late, by the deadline report (every one off the plain path, a sample of the rest)', async () => {
      const intended = new Map(generateHistory(input).dossiers.map((d) => [d.timeline.row.code, d]));
      const rows = await history();
      // Every dossier off the plain on-time path (re-dated, paused, refused, late…), and one in seven of the rest.
      const sample = rows.filter((r, i) => i % 7 === 0 || intended.get(r.code)!.path !== 'onTime');
      let late = 0;
      for (const row of sample) {
        const meant = intended.get(row.code)!;
        const got = await deadlineReport(handle.db, Number(row.id), TODAY);
        assert.equal(got.late, meant.late, `${row.code} (${meant.path}, ${row.status}): late ${got.late}, meant ${meant.late}`);
        if (got.late) late++;
      }
      assert.ok(late > 100, `late dossiers checked: ${late}`);
    });

    it('counts due dates across Tết with the calendar: 5 working days from Friday 13 February 2026 end on 27 February', async () => {
      const received = await handle.db
        .selectFrom('dossier_events')
        .innerJoin('dossiers', 'dossiers.id', 'dossier_events.dossier_id')
        .select(['dossier_events.data'])
        .where('dossiers.procedure_code', '=', 'YCTHA')
        .where('dossier_events.action', '=', 'receive')
        .where('dossiers.idempotency_key', 'like', `${HISTORY_KEY_PREFIX}%`)
        .execute();
      const onTheDay = received.map((r) => r.data as { receivedOn: string; dueDate: string }).filter((d) => d.receivedOn === '2026-02-13');
      assert.ok(onTheDay.length > 0);
      for (const d of onTheDay) assert.equal(d.dueDate, '2026-02-27');
    });

    it('has the intended mix: about 250 one-stop dossiers a month, 60 % online, mostly requests for enforcement, some late', async () => {
      const rows = (await history()).filter((r) => procedureByCode(r.procedure_code)!.kind === 'one-stop');
      const months = Map.groupBy(rows, (r) => new Date(new Date(r.submitted_at).getTime() + 7 * 3_600_000).toISOString().slice(0, 7));
      const expected = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
      for (const m of expected) {
        const n = months.get(m)?.length ?? 0;
        // February is the Tết month: fewer.
        assert.ok(m === '2026-02' ? n >= 100 && n <= 220 : n >= 180 && n <= 360, `${m}: ${n} one-stop dossiers`);
      }
      const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
      const online = share((r) => r.channel === 'online');
      assert.ok(online > 0.55 && online < 0.68, `online share ${online}`);
      const requests = share((r) => r.procedure_code === 'YCTHA');
      assert.ok(requests > 0.45 && requests < 0.6, `requests for enforcement ${requests}`);
      const returned = share((r) => r.status === 'returned');
      assert.ok(returned > 0.7 && returned < 0.9, `returned ${returned}`);
      assert.ok(rows.some((r) => r.status === 'refused') && rows.some((r) => r.status === 'rejected') && rows.some((r) => r.status === 'withdrawn'));
      const overdueNow = rows.filter((r) => ['received', 'in_progress', 'awaiting_approval'].includes(r.status) && r.due_date !== null && r.due_date < TODAY);
      assert.ok(overdueNow.length > 0, 'some are overdue now');
      const actions = await handle.db
        .selectFrom('dossier_events')
        .select(['action', 'data'])
        .where('action', 'in', ['apologise', 'supplement', 'decide'])
        .where('dossier_id', 'in', rows.map((r) => r.id))
        .execute();
      const apologies = actions.filter((a) => a.action === 'apologise').map((a) => (a.data as { late: boolean }).late);
      assert.ok(apologies.includes(true) && apologies.includes(false), 'timely and late apologies');
      assert.ok(actions.filter((a) => a.action === 'supplement').length > 100, 'supplements');
    });

    it('decides complaints mostly on time, a few late, and logs visits in Hà Nội, complaints filed at the counter among them', async () => {
      const petitions = (await history()).filter((r) => r.procedure_code === 'KN' || r.procedure_code === 'TC');
      assert.ok(petitions.length > 200 && petitions.every((p) => p.agency_code.startsWith('HNI')));
      const decisions = await handle.db
        .selectFrom('dossier_events')
        .select('data')
        .where('action', 'in', ['decide', 'conclude'])
        .where('dossier_id', 'in', petitions.map((p) => p.id))
        .execute();
      const late = decisions.filter((d) => {
        const data = d.data as { decidedOn: string; dueDate: string };
        return data.decidedOn > data.dueDate;
      }).length;
      assert.ok(decisions.length > 100 && late > 0 && late / decisions.length < 0.15, `${late} of ${decisions.length} decided late`);
      const seconds = petitions.filter((p) => (p.data as { round?: string }).round === 'second');
      assert.ok(seconds.length > 5, `${seconds.length} second complaints`);
      for (const second of seconds) {
        const data = second.data as { parentDossierCode: string; firstDecisionReceivedOn: string; lastDayToComplain: string };
        const first = petitions.find((p) => p.code === data.parentDossierCode);
        assert.equal(first?.procedure_code, 'KN', `${second.code}: its first complaint`);
        const decision = await handle.db.selectFrom('dossier_events').select('data').where('dossier_id', '=', first.id).where('action', '=', 'decide').executeTakeFirstOrThrow();
        const facts = decision.data as { decidedOn: string; final: boolean };
        assert.equal(facts.final, false);
        assert.equal(data.firstDecisionReceivedOn, facts.decidedOn);
        const filedOn = new Date(new Date(second.submitted_at).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
        assert.ok(filedOn > facts.decidedOn && filedOn <= data.lastDayToComplain, `${second.code}: filed on ${filedOn}, decided ${facts.decidedOn}`);
      }
      const visits = await handle.db.selectFrom('reception_visits').select(['dossier_id', 'outcome', 'agency_code']).execute();
      assert.ok(visits.length > 200 && visits.every((v) => v.agency_code === 'HNI'));
      const filed = visits.filter((v) => v.outcome === 'petition_received');
      assert.ok(filed.length > 20);
      for (const v of filed) {
        const dossier = petitions.find((p) => p.id === v.dossier_id);
        assert.equal(dossier?.procedure_code, 'KN');
        assert.equal(dossier?.channel, 'counter');
      }
    });

    it('keeps identities fake but valid, and denouncers’ identities sealed in the vault', async () => {
      const rows = await history();
      for (const r of rows.filter((r) => r.procedure_code !== 'TC')) {
        const data = r.data as { dateOfBirth: string };
        assert.equal(checkCccd(r.applicant_id_number, data.dateOfBirth).ok, true, `${r.code}: ${r.applicant_id_number}`);
        assert.ok(r.applicant_email === null || r.applicant_email.endsWith('@demo.thads.vn'));
      }
      const denunciations = rows.filter((r) => r.procedure_code === 'TC');
      assert.ok(denunciations.length > 20 && denunciations.every((r) => r.applicant_name === SEALED_APPLICANT_NAME && !('fullName' in (r.data as object))));
      const sealed = await handle.db.selectFrom('denouncer_identities').select('dossier_id').execute();
      assert.equal(sealed.length, denunciations.length);
    });

    it('lists the returned and closed dossiers, for their survey responses', async () => {
      const listed = await finishedHistoryDossiers(handle.db);
      const rows = await history();
      assert.equal(listed.length, rows.filter((r) => r.status === 'returned' || r.status === 'closed').length);
      assert.deepEqual(listed.map((d) => d.id).sort((a, b) => a - b), report.finished.map((d) => d.id).sort((a, b) => a - b));
      assert.ok(listed.every((d) => d.finishedAt >= d.submittedAt && d.finishedAt <= NOW));
    });

    const responses = () =>
      handle.db
        .selectFrom('survey_responses as r')
        .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
        .select(['r.id', 'r.dossier_id', 'r.agency_code', 'r.procedure_code', 'r.lifecycle_kind', 'r.channel', 'r.helped_by', 'r.comment', 'r.criteria_from', 'r.submitted_at'])
        .select(['d.code', 'd.status', 'd.closed_at', 'd.channel as dossier_channel', 'd.agency_code as dossier_agency', 'd.procedure_code as dossier_procedure'])
        .orderBy('r.id')
        .execute();

    it('answers the survey of about four in ten finished dossiers, once each, within ten days of closing and never after the clock', async () => {
      const rows = await responses();
      const finished = await finishedHistoryDossiers(handle.db);
      assert.equal(report.responses, rows.length);
      const share = rows.length / finished.length;
      assert.ok(share > 0.35 && share < 0.45, `answered ${share}`);
      assert.equal(new Set(rows.map((r) => r.dossier_id)).size, rows.length, 'at most one response a dossier');
      for (const r of rows) {
        assert.ok(r.status === 'returned' || r.status === 'closed', `${r.code}: answered while ${r.status}`);
        const closed = new Date(r.closed_at!).getTime();
        const submitted = new Date(r.submitted_at).getTime();
        assert.ok(submitted > closed && submitted <= closed + 10 * 86_400_000, `${r.code}: submitted ${(submitted - closed) / 86_400_000} days after closing`);
        assert.ok(submitted <= NOW.getTime(), `${r.code}: submitted after the clock`);
        // The facts the statistics group by, copied from the dossier as submitSurvey copies them.
        assert.deepEqual([r.agency_code, r.procedure_code, r.channel, r.lifecycle_kind], [r.dossier_agency, r.dossier_procedure, r.dossier_channel, procedureByCode(r.dossier_procedure)!.kind]);
        // Every dossier of the year closed under the set of 1 July 2025.
        assert.equal(r.criteria_from, '2025-07-01');
      }
      const helped = Map.groupBy(rows, (r) => `${r.channel}:${r.helped_by}`);
      assert.equal(helped.get('online:staff'), undefined, 'nobody of the agency sits beside an online applicant');
      assert.ok((helped.get('counter:staff')?.length ?? 0) > 50 && (helped.get('online:family')?.length ?? 0) > 50);
      const none = rows.filter((r) => r.helped_by === 'none').length / rows.length;
      assert.ok(none > 0.6 && none < 0.8, `helped by nobody ${none}`);
      const comments = rows.filter((r) => r.comment !== null);
      assert.ok(comments.length / rows.length > 0.1 && comments.length / rows.length < 0.2, `${comments.length} comments`);
      assert.ok(comments.every((r) => !/@|\d{6,}/.test(r.comment!)), 'no e-mail addresses or numbers in comments');
    });

    it('answers exactly the questions the form asks: the required ones, sometimes the optional one, values of their kind', async () => {
      const rows = await responses();
      const answers = await handle.db.selectFrom('survey_answers').selectAll().orderBy('response_id').execute();
      const byResponse = Map.groupBy(answers, (a) => Number(a.response_id));
      let optional = 0;
      for (const r of rows) {
        const kind = procedureByCode(r.procedure_code)!.kind;
        const set = surveyCriteriaOn(todayInVietnam(new Date(r.closed_at!)));
        const asked = set.criteria.filter((c) => c.appliesTo.includes(kind) && (c.channel === undefined || c.channel === r.channel));
        const given = byResponse.get(Number(r.id)) ?? [];
        for (const a of given) {
          const criterion = asked.find((c) => c.id === a.criterion_id);
          assert.ok(criterion, `${r.code}: ${a.criterion_id} is not asked of a ${r.channel} ${kind} dossier`);
          assert.equal(a.aspect, criterion.aspect);
          assert.ok(levelsOf(criterion.kind).some((l) => l.value === a.value), `${r.code}: ${a.criterion_id} = ${a.value}`);
        }
        for (const c of asked.filter((c) => !c.optional)) assert.ok(given.some((a) => a.criterion_id === c.id), `${r.code}: ${c.id} unanswered`);
        assert.equal(given.some((a) => a.criterion_id === 'online_service'), r.channel === 'online', `${r.code}: online service rated by online dossiers only`);
        if (given.some((a) => a.criterion_id === 'feedback_handling')) optional++;
      }
      assert.ok(optional > 0 && optional < rows.length / 3, `${optional} answered the optional question`);
      const counts = answers.filter((a) => a.criterion_id === 'agencies_contacted');
      assert.ok(counts.filter((a) => a.value <= 1).length / counts.length > 0.9, 'other agencies contacted: mostly none or one');
      const fees = answers.filter((a) => a.criterion_id === 'official_fees_only');
      assert.ok(fees.filter((a) => a.value === 1).length / fees.length > 0.9, 'only the official fees: mostly yes');
    });

    it('rates the handling mostly satisfied (less when late) and the outcome low from those who lost their complaint', async () => {
      const figures = await satisfactionFigures(handle.db, { from: '2025-12-01', to: TODAY });
      assert.ok(figures.process.share! > 0.75 && figures.process.share! < 0.92, `process index ${figures.process.share}`);
      assert.ok(figures.outcome.share! > 0.6 && figures.outcome.share! < 0.9, `outcome index ${figures.outcome.share}`);
      assert.ok(figures.responses > 1_000, `${figures.responses} responses`);
      const intended = new Map(generateHistory(input).dossiers.map((d) => [d.timeline.row.code, d]));
      const rows = await responses();
      const scale = await handle.db
        .selectFrom('survey_answers')
        .select(['response_id', 'criterion_id', 'value'])
        .where('criterion_id', 'in', ['staff_attitude', 'process_overall', 'outcome'])
        .execute();
      const satisfied = (filter: (code: string, criterion: string) => boolean) => {
        const picked = scale.filter((a) => filter(rows.find((r) => Number(r.id) === Number(a.response_id))!.code, a.criterion_id));
        return { n: picked.length, share: picked.filter((a) => a.value >= 4).length / picked.length };
      };
      const late = satisfied((code, c) => c !== 'outcome' && intended.get(code)!.late);
      const onTime = satisfied((code, c) => c !== 'outcome' && !intended.get(code)!.late);
      assert.ok(late.n > 30 && late.share < 0.7 && onTime.share > 0.8, `late ${late.share} (${late.n}), on time ${onTime.share}`);
      const conclusion = (code: string) => (intended.get(code)!.timeline.events.find((e) => e.action === 'decide')?.data as { conclusion?: string } | undefined)?.conclusion;
      const lost = satisfied((code, c) => c === 'outcome' && conclusion(code) === 'wrong');
      assert.ok(lost.n > 10 && lost.share < 0.35, `lost complaints' outcome ${lost.share} (${lost.n})`);
    });

    it('is deterministic: the responses are the ones generated again from the same seed and clock', async () => {
      const generated = generateHistory(input);
      const rows = await responses();
      const answers = await handle.db.selectFrom('survey_answers').select(['response_id', 'criterion_id', 'value']).orderBy('response_id').orderBy('criterion_id').execute();
      const byResponse = Map.groupBy(answers, (a) => Number(a.response_id));
      const stored = rows.map((r) => ({
        code: r.code,
        at: new Date(r.submitted_at).toISOString(),
        helped: r.helped_by,
        answers: (byResponse.get(Number(r.id)) ?? []).map((a) => `${a.criterion_id}=${a.value}`).join(','),
      }));
      const again = generated.responses.map((p) => ({
        code: generated.dossiers[p.dossierRef]!.timeline.row.code,
        at: p.row.submitted_at.toISOString(),
        helped: p.row.helped_by,
        answers: p.answers.map((a) => `${a.criterion_id}=${a.value}`).sort().join(','),
      }));
      assert.deepEqual(stored, again);
      assert.notDeepEqual(generateHistory({ ...input, seed: 7 }).responses.length, 0);
    });

    it('adds about thirty general feedback messages over the year, without personal data', async () => {
      const feedback = await handle.db.selectFrom('general_feedback').selectAll().orderBy('created_at').execute();
      assert.ok(feedback.length >= 25 && feedback.length <= 30, `${feedback.length} messages`);
      assert.equal(report.feedback, feedback.length);
      const first = new Date(feedback[0]!.created_at).getTime();
      const last = new Date(feedback[feedback.length - 1]!.created_at).getTime();
      assert.ok(first >= Date.parse('2025-12-02T00:00:00+07:00') && last <= NOW.getTime() && last - first > 200 * 86_400_000, 'spread over the year');
      assert.ok(feedback.every((f) => !/@|\d{6,}/.test(f.message)));
      assert.ok(feedback.some((f) => f.agency_code === null) && feedback.some((f) => f.agency_code === 'HNI'));
    });
  });
}
