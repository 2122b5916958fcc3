// One-stop statistics against a hand-computed fixture (HNI, April–June 2026, seen on 15/06/2026):
//   A YCTHA  online  HNI      received Tue 28/04, due 05/05 (3 working days over 30/04–01/05 and the weekend), result
//                              05/05 (on the due date), returned 06/05                 → on time, 3 working days
//   B XNKQ   counter HNI      received 04/05, supplement asked 06/05 (clock stops, due cleared), sent 11/05,
//                              received again 12/05, due 15/05, result 15/05, returned 18/05 → on time, 3 (from 12/05)
//   C YCTHA  online  HNI      received 04/05, due 08/05, apology on 06/05 (in time) new date 20/05, result 19/05,
//                              returned 20/05                                             → on time, 11
//   D YCTHA  counter HNI-KV1  received 01/06, due 04/06, result 08/06, returned 09/06      → late, 5
//   E MGPTHA online  HNI      received 25/05, due 28/05, apology ON 28/05 (late) new date 03/06, result 02/06,
//                              returned 03/06                                             → late (late apology), 6
//   F DCHV   online  HNI      received 01/06, in progress, due 10/06                       → overdue now
//   G YCTHA  counter HNI-KV1  received 10/06, in progress, due 20/06                       → received only
//   H XNKQ   online  HNI      received 25/03 (before the period), due 30/03, result 30/03, returned 02/04
//                                                                                          → returned in April, on time, 3
//   I YCTHA  online  HCM      received 05/05, in progress, due 30/06                       → only when every agency is shown
//   J KN     online  HNI      a complaint                                                  → not a one-stop figure
// Expected (HNI): received 7 (online A C E F = 4, counter B D G = 3); returned 6 (A B C D E H); on time 4 (A B C H);
// late 2 (D E); overdue now 1 (F); average working days (3+3+11+5+6+3)/6 = 31/6.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { DossierStatus } from '../../src/server/dossiers/lifecycle.ts';
import type { Database } from '../../src/server/schema.ts';
import { oneStopFigureDossiers, oneStopStats, type OneStopFigure, type StatsFilter } from '../../src/server/stats/one-stop.ts';
import { loadCalendarExceptions, type CalendarExceptions } from '../../src/server/stats/working-days.ts';
import { listAgencies } from '../../src/server/agencies.ts';
import { statisticsData } from '../../src/server/stats/statistics.ts';
import { deadlineReport } from '../../src/server/dossiers/deadline-report.ts';
import { statisticsSections } from '../../src/loaders/statistics.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const TODAY = '2026-06-15';
const HNI: StatsFilter = { agencyCode: 'HNI', from: '2026-04-01', to: '2026-06-30' };
const ALL: StatsFilter = { ...HNI, agencyCode: null };
/** Vietnam's wall clock → the instant (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

interface Fixture {
  name: string;
  procedure: string;
  agency: string;
  channel: 'online' | 'counter';
  status: DossierStatus;
  received: string;
  due: string | null;
  closed?: string;
  /** [action, to_status, at, data] */
  events: [string, string, string, Record<string, unknown>?][];
}

const fixtures: Fixture[] = [
  { name: 'A', procedure: 'YCTHA', agency: 'HNI', channel: 'online', status: 'returned', received: '2026-04-28T10:00', due: '2026-05-05', closed: '2026-05-06T09:00',
    events: [['receive', 'received', '2026-04-28T10:00'], ['assign', 'in_progress', '2026-04-28T11:00'], ['record_result', 'result_ready', '2026-05-05T16:30'], ['return_result', 'returned', '2026-05-06T09:00']] },
  { name: 'B', procedure: 'XNKQ', agency: 'HNI', channel: 'counter', status: 'returned', received: '2026-05-12T09:00', due: '2026-05-15', closed: '2026-05-18T08:00',
    events: [['receive', 'received', '2026-05-04T08:00'], ['request_supplement', 'awaiting_supplement', '2026-05-06T10:00', { previousDueDate: '2026-05-07' }],
      ['supplement', 'submitted', '2026-05-11T14:00'], ['receive', 'received', '2026-05-12T09:00'], ['assign', 'in_progress', '2026-05-12T09:30'],
      ['record_result', 'result_ready', '2026-05-15T17:00'], ['return_result', 'returned', '2026-05-18T08:00']] },
  { name: 'C', procedure: 'YCTHA', agency: 'HNI', channel: 'online', status: 'returned', received: '2026-05-04T08:30', due: '2026-05-20', closed: '2026-05-20T10:00',
    events: [['receive', 'received', '2026-05-04T08:30'], ['assign', 'in_progress', '2026-05-04T09:00'],
      ['apologise', 'in_progress', '2026-05-06T15:00', { previousDueDate: '2026-05-08', newDueDate: '2026-05-20', late: false }],
      ['submit_draft', 'awaiting_approval', '2026-05-18T10:00'], ['approve', 'result_ready', '2026-05-19T11:00'], ['return_result', 'returned', '2026-05-20T10:00']] },
  { name: 'D', procedure: 'YCTHA', agency: 'HNI-KV1', channel: 'counter', status: 'returned', received: '2026-06-01T08:00', due: '2026-06-04', closed: '2026-06-09T08:00',
    events: [['receive', 'received', '2026-06-01T08:00'], ['assign', 'in_progress', '2026-06-01T09:00'], ['record_result', 'result_ready', '2026-06-08T10:00'], ['return_result', 'returned', '2026-06-09T08:00']] },
  { name: 'E', procedure: 'MGPTHA', agency: 'HNI', channel: 'online', status: 'returned', received: '2026-05-25T08:00', due: '2026-06-03', closed: '2026-06-03T15:00',
    events: [['receive', 'received', '2026-05-25T08:00'], ['assign', 'in_progress', '2026-05-25T09:00'],
      ['apologise', 'in_progress', '2026-05-28T16:00', { previousDueDate: '2026-05-28', newDueDate: '2026-06-03', late: true }],
      ['record_result', 'result_ready', '2026-06-02T10:00'], ['return_result', 'returned', '2026-06-03T15:00']] },
  { name: 'F', procedure: 'DCHV', agency: 'HNI', channel: 'online', status: 'in_progress', received: '2026-06-01T10:00', due: '2026-06-10',
    events: [['receive', 'received', '2026-06-01T10:00'], ['assign', 'in_progress', '2026-06-01T11:00']] },
  { name: 'G', procedure: 'YCTHA', agency: 'HNI-KV1', channel: 'counter', status: 'in_progress', received: '2026-06-10T10:00', due: '2026-06-20',
    events: [['receive', 'received', '2026-06-10T10:00'], ['assign', 'in_progress', '2026-06-10T11:00']] },
  { name: 'H', procedure: 'XNKQ', agency: 'HNI', channel: 'online', status: 'returned', received: '2026-03-25T08:00', due: '2026-03-30', closed: '2026-04-02T09:00',
    events: [['receive', 'received', '2026-03-25T08:00'], ['assign', 'in_progress', '2026-03-25T09:00'], ['record_result', 'result_ready', '2026-03-30T10:00'], ['return_result', 'returned', '2026-04-02T09:00']] },
  { name: 'I', procedure: 'YCTHA', agency: 'HCM', channel: 'online', status: 'in_progress', received: '2026-05-05T08:00', due: '2026-06-30',
    events: [['receive', 'received', '2026-05-05T08:00'], ['assign', 'in_progress', '2026-05-05T09:00']] },
  { name: 'J', procedure: 'KN', agency: 'HNI', channel: 'online', status: 'accepted', received: '2026-05-05T08:00', due: '2026-07-15', events: [['accept', 'accepted', '2026-05-05T08:00']] },
];

for (const target of testDatabases) {
  describe(`one-stop statistics on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let exceptions: CalendarExceptions;
    const codes = new Map<string, string>();
    const names = new Map<string, string>();

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      exceptions = await loadCalendarExceptions(db, TODAY);
      for (const [i, f] of fixtures.entries()) {
        const code = `01-260401-STAT${String(i).padStart(2, '0')}`;
        const submitted = f.events[0]![2];
        const row = await db
          .insertInto('dossiers')
          .values({
            code,
            procedure_code: f.procedure,
            agency_code: f.agency,
            status: f.status,
            channel: f.channel,
            locale: 'vi',
            applicant_name: `Người Nộp ${f.name}`,
            applicant_id_number: '001090000001',
            applicant_phone: '0912345678',
            applicant_email: null,
            applicant_address: 'Hà Nội',
            data: '{}',
            pin_hash: 'x',
            idempotency_key: `stats-${target.name}-${f.name}`,
            submitted_at: vn(submitted),
            received_at: vn(f.received),
            due_date: f.due,
            closed_at: f.closed ? vn(f.closed) : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        codes.set(f.name, code);
        names.set(code, f.name);
        for (const [action, to, at, data] of f.events) {
          await db
            .insertInto('dossier_events')
            .values({ dossier_id: row.id, at: vn(at), actor_kind: 'system', actor_id: null, action, from_status: null, to_status: to, data: data ? JSON.stringify(data) : null })
            .execute();
        }
      }
    });
    after(() => closeAndDrop(handle));

    it('counts received, online, returned, on time, late, overdue now and the average working days', async () => {
      const s = await oneStopStats(db, HNI, exceptions, TODAY);
      assert.deepEqual(s.total, {
        received: 7, online: 4, counter: 3, returned: 6, onTime: 4, late: 2, overdueNow: 1,
        workingDaysSum: 31, workingDaysCount: 6, averageWorkingDays: 31 / 6,
      });
    });

    it('splits by procedure, by agency (the regional office apart) and by month', async () => {
      const s = await oneStopStats(db, HNI, exceptions, TODAY);
      const pick = (c: { received: number; online: number; returned: number; onTime: number; late: number; overdueNow: number } | undefined) =>
        c && [c.received, c.online, c.returned, c.onTime, c.late, c.overdueNow];
      assert.deepEqual(pick(s.by.procedure.get('YCTHA')), [4, 2, 3, 2, 1, 0]);
      assert.deepEqual(pick(s.by.procedure.get('XNKQ')), [1, 0, 2, 2, 0, 0]);
      assert.deepEqual(pick(s.by.procedure.get('MGPTHA')), [1, 1, 1, 0, 1, 0]);
      assert.deepEqual(pick(s.by.procedure.get('DCHV')), [1, 1, 0, 0, 0, 1]);
      assert.equal(s.by.procedure.has('KN'), false);
      assert.deepEqual(pick(s.by.agency.get('HNI')), [5, 4, 5, 4, 1, 1]);
      assert.deepEqual(pick(s.by.agency.get('HNI-KV1')), [2, 0, 1, 0, 1, 0]);
      // Received by the month of receipt, results by the month of return; overdue now belongs to no month.
      assert.deepEqual(pick(s.by.month.get('2026-04')), [1, 1, 1, 1, 0, 0]);
      assert.deepEqual(pick(s.by.month.get('2026-05')), [3, 2, 3, 3, 0, 0]);
      assert.deepEqual(pick(s.by.month.get('2026-06')), [3, 1, 2, 0, 2, 0]);
      assert.equal(s.by.month.get('2026-05')!.workingDaysSum, 3 + 3 + 11);
    });

    it('every agency: HCM counted, regional offices under their provincial agency', async () => {
      const s = await oneStopStats(db, ALL, exceptions, TODAY);
      assert.equal(s.total.received, 8);
      assert.equal(s.total.online, 5);
      assert.equal(s.by.agency.get('HNI')!.received, 7);
      assert.equal(s.by.agency.get('HCM')!.received, 1);
      assert.equal(s.by.agency.has('HNI-KV1'), false);
    });

    it('the drill-down lists exactly the dossiers behind each count', async () => {
      const list = async (figure: OneStopFigure, group?: { dimension: 'procedure' | 'agency' | 'month'; key: string }) => {
        const r = await oneStopFigureDossiers(db, HNI, exceptions, TODAY, { figure, ...(group ? { group } : {}) }, { offset: 0, limit: 50 });
        const got = r.dossiers.map((d) => names.get(d.code)).sort();
        assert.equal(r.total, got.length);
        return got;
      };
      assert.deepEqual(await list('received'), ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
      assert.deepEqual(await list('online'), ['A', 'C', 'E', 'F']);
      assert.deepEqual(await list('counter'), ['B', 'D', 'G']);
      assert.deepEqual(await list('returned'), ['A', 'B', 'C', 'D', 'E', 'H']);
      assert.deepEqual(await list('onTime'), ['A', 'B', 'C', 'H']);
      assert.deepEqual(await list('late'), ['D', 'E']);
      assert.deepEqual(await list('overdueNow'), ['F']);
      assert.deepEqual(await list('late', { dimension: 'procedure', key: 'YCTHA' }), ['D']);
      assert.deepEqual(await list('returned', { dimension: 'month', key: '2026-04' }), ['H']);
      assert.deepEqual(await list('received', { dimension: 'agency', key: 'HNI-KV1' }), ['D', 'G']);
      const r = await oneStopFigureDossiers(db, HNI, exceptions, TODAY, { figure: 'returned' }, { offset: 0, limit: 50 });
      const days = Object.fromEntries(r.dossiers.map((d) => [names.get(d.code), d.working_days]));
      assert.deepEqual(days, { A: 3, B: 3, C: 11, D: 5, E: 6, H: 3 });
      // Paged: the second page of two holds the rest, and still knows the total.
      const page2 = await oneStopFigureDossiers(db, HNI, exceptions, TODAY, { figure: 'returned' }, { offset: 4, limit: 4 });
      assert.equal(page2.total, 6);
      assert.equal(page2.dossiers.length, 2);
    });

    it("judges each returned dossier as the dossier page's deadline report does", async () => {
      // The same rule twice (SQL for the figures, TypeScript for one dossier): they must agree on every fixture.
      const late = new Set((await oneStopFigureDossiers(db, HNI, exceptions, TODAY, { figure: 'late' }, { offset: 0, limit: 50 })).dossiers.map((d) => names.get(d.code)));
      const rows = await db.selectFrom('dossiers').select(['id', 'code']).where('status', '=', 'returned').execute();
      const reported = new Map<string, boolean>();
      for (const r of rows) reported.set(names.get(r.code)!, (await deadlineReport(db, r.id, TODAY)).late);
      assert.deepEqual(Object.fromEntries([...reported].sort()), { A: false, B: false, C: false, D: true, E: true, H: false });
      for (const [name, isLate] of reported) assert.equal(late.has(name), isLate, name);
    });

    it('the public page hides every count of 1–9 and what would reveal it; the staff page hides nothing', async () => {
      const data = await statisticsData(db, HNI, TODAY, { fresh: true });
      assert.equal(data.satisfaction.responses, 0, 'no survey answered: its section is left out');
      assert.deepEqual(data.enforcement, { year: 2026, figures: { agencies: [], provinces: [] } });
      const agencies = await listAgencies(db);
      const [publicOneStop] = statisticsSections('vi', 'public', HNI, data, agencies);
      const byProcedure = publicOneStop!.tables.find((t) => t.id === 'mot-cua-theo-thu-tuc')!;
      const total = byProcedure.rows.find((r) => r.isTotal)!;
      // Every count here is below 10: all hidden, and with them the shares and the average.
      for (const key of ['received', 'online', 'counter', 'returned', 'onTime', 'late', 'overdueNow', 'onlineShare', 'onTimeShare', 'averageDays']) {
        assert.deepEqual(total.cells[key], { value: null, hidden: true }, key);
      }
      // Zero is published: nobody is behind it.
      const registry = byProcedure.rows.find((r) => r.key === 'DCDS')!;
      assert.deepEqual(registry.cells.received, { value: 0 });
      const [staffOneStop] = statisticsSections('vi', 'staff', HNI, data, agencies);
      const staffTotal = staffOneStop!.tables.find((t) => t.id === 'mot-cua-theo-thu-tuc')!.rows.find((r) => r.isTotal)!;
      assert.equal(staffTotal.cells.received!.value, 7);
      assert.match(staffTotal.cells.onTime!.href!, /^\/can-bo\/thong-ke\/ho-so\?.*chi-tieu=oneStop.onTime/);
    });
  });
}
