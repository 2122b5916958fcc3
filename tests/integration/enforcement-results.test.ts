import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { EnforcementError, type EnforcementActor } from '../../src/server/enforcement-results/access.ts';
import { enforcementResultFigures } from '../../src/server/enforcement-results/figures.ts';
import { commitImport, getImport, previewImport } from '../../src/server/enforcement-results/import.ts';
import { listTargets, setTargets } from '../../src/server/enforcement-results/targets.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const PASSWORD = 'mật-khẩu-rất-dài-2026';
const TODAY = '2026-12-01';
const HEADER = 'agency_code,statistical_year,period_end,cases_total,cases_with_conditions,cases_without_conditions,cases_completed,money_total,money_with_conditions,money_completed';
const upload = (name: string, ...rows: string[]) => ({ name, bytes: new TextEncoder().encode([HEADER, ...rows].join('\n') + '\n') });
/** An audit entry's JSON column, as either driver returns it. */
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
const refused = (reason: EnforcementError['reason']) => (err: unknown) => {
  assert.ok(err instanceof EnforcementError, String(err));
  assert.equal(err.reason, reason);
  return true;
};

for (const target of testDatabases) {
  describe(`enforcement results on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let dngHead: EnforcementActor;
    let hniHead: EnforcementActor;
    let kv1Head: EnforcementActor;
    let central: EnforcementActor;
    let dngReception: EnforcementActor;
    let dngOfficer: EnforcementActor;
    let n = 0;

    async function account(role: EnforcementActor['role'], agencyCode: string | null): Promise<EnforcementActor> {
      n++;
      const email = `thongke.${n}@thads.gov.vn`;
      const id = await createStaffUser(db, { email, fullName: `Cán Bộ Số ${n}`, role, agencyCode, password: PASSWORD });
      return { id, email, role, agency_code: agencyCode, ip: '203.0.113.9' };
    }
    const audits = (action: string) => db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const stored = () => db.selectFrom('enforcement_results').selectAll().orderBy('agency_code').orderBy('period_end').execute();
    const imports = () => db.selectFrom('enforcement_result_imports').selectAll().execute();

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      dngHead = await account('head', 'DNG');
      hniHead = await account('head', 'HNI');
      kv1Head = await account('head', 'DNG-KV1');
      central = await account('admin', null);
      dngReception = await account('reception', 'DNG');
      dngOfficer = await account('officer', 'DNG');
    });
    after(async () => closeAndDrop(handle));

    it('a malformed file stores nothing and reports each problem with its line', async () => {
      const outcome = await previewImport(
        db,
        dngHead,
        upload('sai.csv', 'DNG,2026,31/08/2026,6000,4000,1900,2800,1000000000000,500000000000,200000000000', 'DNG-KV1,2026,01/10/2026,3000,2000,900,1300,300000000000,150000000000,57000000000', 'HNI,2026,31/08/2026,1,1,0,1,1,1,1'),
        { today: TODAY },
      );
      assert.equal(outcome.ok, false);
      assert.ok(!outcome.ok);
      assert.deepEqual(outcome.check.problems, [
        { line: 3, field: 'period_end', reason: 'outside_year' },
        { line: 4, field: 'agency_code', reason: 'scope' },
      ]);
      assert.deepEqual(await imports(), []);
      assert.deepEqual(await stored(), []);
      // A line that is not CSV (an unclosed quote), and a header without a column: nothing stored either.
      const broken = await previewImport(db, dngHead, upload('hong.csv', 'DNG,2026,"31/08/2026,6000,4000,1900,2800,1,1,1'), { today: TODAY });
      assert.ok(!broken.ok);
      assert.equal(broken.check.problems[0]!.reason, 'csv');
      const header = await previewImport(db, dngHead, { name: 'thieu-cot.csv', bytes: new TextEncoder().encode('agency_code,period_end\nDNG,31/08/2026\n') }, { today: TODAY });
      assert.ok(!header.ok);
      assert.equal(header.check.problems.filter((p) => p.reason === 'header').length, 8);
      assert.deepEqual(await imports(), []);
      assert.deepEqual(await stored(), []);
    });

    it('only heads and administrators import; reception and officers are refused before anything is stored', async () => {
      const file = upload('dng.csv', 'DNG,2026,31/08/2026,6000,4000,1900,2800,1000000000000,500000000000,200000000000');
      await assert.rejects(previewImport(db, dngReception, file, { today: TODAY }), refused('forbidden'));
      await assert.rejects(previewImport(db, dngOfficer, file, { today: TODAY }), refused('forbidden'));
      assert.deepEqual(await imports(), []);
    });

    it('preview, then commit once: a second commit is refused and writes nothing; the commit is audited', async () => {
      const outcome = await previewImport(
        db,
        dngHead,
        upload(
          'dng-2026-08.csv',
          'DNG,2026,31/03/2026,5000,3600,1300,1500,900000000000,400000000000,100000000000',
          'DNG,2026,31/08/2026,6.000,4.000,1.900,2.800,1.000.000.000.000,500.000.000.000,200.000.000.000',
          'DNG-KV1,2026,2026-08-31,3000,2000,900,1300,300000000000,150000000000,57000000000',
          'DNG-KV2,2026,31/07/2026,1000,0,1000,0,10000000000,0,0',
          'DNG,2025,30/09/2025,5500,3900,1500,3100,950000000000,450000000000,190000000000',
        ),
        { today: TODAY },
      );
      assert.ok(outcome.ok);
      // Previewed: nothing written yet; the preview shows the rows, all first snapshots.
      assert.deepEqual(await stored(), []);
      const preview = await getImport(db, dngHead, outcome.importId);
      assert.equal(preview.status, 'previewed');
      assert.equal(preview.rowCount, 5);
      assert.equal(preview.rows[1]!.values.cases_total, 6000);
      assert.equal(preview.rows[1]!.values.money_total, 1_000_000_000_000);
      assert.ok(preview.rows.every((r) => r.previous === null));

      assert.deepEqual(await commitImport(db, dngHead, outcome.importId), { rows: 5 });
      await assert.rejects(commitImport(db, dngHead, outcome.importId), refused('committed'));
      assert.equal((await stored()).length, 5);
      const entries = await audits('enforcement_results.import');
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.actor_email, dngHead.email);
      assert.equal(entries[0]!.entity_id, outcome.importId);
      assert.deepEqual(json(entries[0]!.after).byAgency, { DNG: 3, 'DNG-KV1': 1, 'DNG-KV2': 1 });
      assert.equal((await getImport(db, dngHead, outcome.importId)).status, 'committed');
    });

    it('two commits at once (a double click) write the import once', async () => {
      const outcome = await previewImport(db, central, upload('hni.csv', 'HNI,2026,31/08/2026,30000,22000,7500,18000,9000000000000,4000000000000,1800000000000'), { today: TODAY });
      assert.ok(outcome.ok);
      const results = await Promise.allSettled([commitImport(db, central, outcome.importId), commitImport(db, central, outcome.importId)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(refused('committed')(rejected.reason));
      assert.equal((await stored()).filter((r) => r.agency_code === 'HNI').length, 1);
      assert.equal((await audits('enforcement_results.import')).length, 2);
    });

    it('a head cannot see or commit another agency’s import', async () => {
      const outcome = await previewImport(db, central, upload('hni-2.csv', 'HNI,2026,30/06/2026,29000,21000,7500,15000,8000000000000,3500000000000,1500000000000'), { today: TODAY });
      assert.ok(outcome.ok);
      await assert.rejects(getImport(db, dngHead, outcome.importId), refused('not_found'));
      await assert.rejects(commitImport(db, dngHead, outcome.importId), refused('not_found'));
      await assert.rejects(commitImport(db, dngReception, outcome.importId), refused('forbidden'));
    });

    it('only a provincial head or an administrator sets targets; each change is audited with before and after', async () => {
      await assert.rejects(setTargets(db, dngReception, 2026, { DNG: { cases: '81,5', money: '40,1' } }), refused('forbidden'));
      await assert.rejects(setTargets(db, dngOfficer, 2026, { DNG: { cases: '81,5', money: '40,1' } }), refused('forbidden'));
      await assert.rejects(setTargets(db, kv1Head, 2026, { 'DNG-KV1': { cases: '70', money: '35' } }), refused('forbidden'));
      await assert.rejects(setTargets(db, hniHead, 2026, { DNG: { cases: '81,5', money: '40,1' } }), refused('forbidden'));
      await assert.rejects(setTargets(db, dngHead, 2026, { DNG: { cases: '101', money: '' }, 'DNG-KV1': { cases: 'abc', money: '35' } }), (err: unknown) => {
        assert.ok(err instanceof EnforcementError);
        assert.deepEqual(err.fields, { 'DNG.cases': 'percent', 'DNG.money': 'required', 'DNG-KV1.cases': 'percent' });
        return true;
      });
      assert.deepEqual(await db.selectFrom('enforcement_targets').selectAll().execute(), []);

      assert.deepEqual(await setTargets(db, dngHead, 2026, { DNG: { cases: '80', money: '40' }, 'DNG-KV1': { cases: '70', money: '35' }, 'DNG-KV2': { cases: '', money: '' } }), ['DNG', 'DNG-KV1']);
      assert.deepEqual(await setTargets(db, dngHead, 2026, { DNG: { cases: '81,5', money: '40,1 %' }, 'DNG-KV1': { cases: '70', money: '35' } }), ['DNG']);
      const entries = (await audits('enforcement_targets.set')).filter((e) => e.entity_id === 'DNG/2026');
      assert.equal(entries.length, 2);
      assert.deepEqual(json(entries[1]!.before), { cases: 80, money: 40 });
      assert.deepEqual(json(entries[1]!.after), { cases: 81.5, money: 40.1 });
      const listed = await listTargets(db, dngHead, 2026);
      assert.deepEqual(
        listed.map((r) => [r.agencyCode, r.casesTarget, r.moneyTarget]),
        [
          ['DNG', 8150, 4010],
          ['DNG-KV1', 7000, 3500],
          ['DNG-KV2', null, null],
          ['DNG-KV3', null, null],
        ],
      );
    });

    it('figures: the latest snapshot per agency and year, rates, targets, gaps and the province total', async () => {
      const f = await enforcementResultFigures(db, { agencyCode: 'DNG', year: 2026 });
      const pick = (r: (typeof f.agencies)[number]) => [r.agencyCode, r.periodEnd, r.cases.total, r.cases.withConditions, r.cases.withoutConditions, r.cases.completed, r.casesRate, r.casesTarget, r.casesGap, r.money.total, r.money.withConditions, r.money.completed, r.moneyRate, r.moneyTarget, r.moneyGap];
      assert.deepEqual(f.agencies.map(pick), [
        // 2800 / 4000 = 70 %, against 81,5: −11,5; 200 / 500 billion = 40 %, against 40,1: −0,1 (the 31/03 snapshot is not added).
        ['DNG', '2026-08-31', 6000, 4000, 1900, 2800, 70, 81.5, -11.5, 1_000_000_000_000, 500_000_000_000, 200_000_000_000, 40, 40.1, -0.1],
        // 1300 / 2000 = 65 % against 70: −5; 57 / 150 = 38 % against 35: +3.
        ['DNG-KV1', '2026-08-31', 3000, 2000, 900, 1300, 65, 70, -5, 300_000_000_000, 150_000_000_000, 57_000_000_000, 38, 35, 3],
        // Nothing with conditions: no rate; no target.
        ['DNG-KV2', '2026-07-31', 1000, 0, 1000, 0, null, null, null, 10_000_000_000, 0, 0, null, null, null],
      ]);
      assert.equal(f.provinces.length, 1);
      const p = f.provinces[0]!;
      assert.equal(p.agencies, 3);
      // 4100 / 6000 = 68,33 % against 81,5: −13,17; 257 / 650 billion = 39,54 % against 40,1: −0,56.
      assert.deepEqual(pick(p), ['DNG', '2026-07-31', 10000, 6000, 3800, 4100, 68.33, 81.5, -13.17, 1_310_000_000_000, 650_000_000_000, 257_000_000_000, 39.54, 40.1, -0.56]);

      const earlier = await enforcementResultFigures(db, { agencyCode: 'DNG', year: 2025 });
      assert.deepEqual(earlier.provinces.map((r) => [r.agencyCode, r.agencies, r.casesRate, r.moneyRate, r.casesTarget]), [['DNG', 1, 79.49, 42.22, null]]);

      // A regional office's filter: that office only, and its whole province's total.
      const office = await enforcementResultFigures(db, { agencyCode: 'DNG-KV1', year: 2026 });
      assert.deepEqual(office.agencies.map((r) => r.agencyCode), ['DNG-KV1']);
      assert.deepEqual(office.provinces.map((r) => [r.agencyCode, r.cases.completed]), [['DNG', 4100]]);

      // Everything: Hà Nội (its latest, 31/08) too, newest year first.
      const all = await enforcementResultFigures(db);
      assert.deepEqual(all.provinces.map((r) => [r.agencyCode, r.year, r.periodEnd, r.cases.completed]), [
        ['HNI', 2026, '2026-08-31', 18000],
        ['DNG', 2026, '2026-07-31', 4100],
        ['DNG', 2025, '2025-09-30', 3100],
      ]);
    });

    it('a later import of the same agency and period end replaces that snapshot, and the preview says so', async () => {
      const outcome = await previewImport(db, dngHead, upload('dng-sua.csv', 'DNG,2026,31/08/2026,6000,4000,1900,2900,1000000000000,500000000000,210000000000'), { today: TODAY });
      assert.ok(outcome.ok);
      const preview = await getImport(db, dngHead, outcome.importId);
      assert.equal(preview.rows[0]!.previous?.replaced, true);
      assert.equal(preview.rows[0]!.previous?.cases_completed, 2800);
      await commitImport(db, dngHead, outcome.importId);
      const dng = (await stored()).filter((r) => r.agency_code === 'DNG' && r.statistical_year === 2026);
      assert.deepEqual(dng.map((r) => [r.period_end, r.cases_completed, r.money_completed]), [
        ['2026-03-31', 1500, 100_000_000_000],
        ['2026-08-31', 2900, 210_000_000_000],
      ]);
      const f = await enforcementResultFigures(db, { agencyCode: 'DNG', year: 2026 });
      assert.equal(f.agencies[0]!.casesRate, 72.5);
    });
  });
}
