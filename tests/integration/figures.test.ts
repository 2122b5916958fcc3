import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import type { DossierStatus } from '../../src/server/dossiers/lifecycle.ts';
import { agencyFigures } from '../../src/server/figures.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

/** Vietnam's wall clock → the instant (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

let counter = 0;

for (const target of testDatabases) {
  describe(`agency figures on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let staffId: number;

    interface Petition {
      procedure?: string;
      agency?: string;
      submitted: string;
      /** Statuses of the complaint and denunciation lifecycles (inserted directly: no transition needed here). */
      status: string;
      due?: string;
      parent?: string;
    }
    async function dossier(p: Petition): Promise<{ id: number; code: string }> {
      counter++;
      return db
        .insertInto('dossiers')
        .values({
          code: generateDossierCode(1, '2026-11-01'),
          procedure_code: p.procedure ?? 'KN',
          agency_code: p.agency ?? 'HNI',
          status: p.status as DossierStatus,
          channel: 'online',
          locale: 'vi',
          applicant_name: `Người Khiếu Nại ${counter}`,
          applicant_id_number: '001090000001',
          applicant_phone: '0912345678',
          applicant_email: null,
          applicant_address: 'Hà Nội',
          data: JSON.stringify(p.parent ? { parentDossierCode: p.parent } : {}),
          pin_hash: 'x',
          idempotency_key: `figures-${counter}-${Math.random()}`,
          submitted_at: vn(p.submitted),
          due_date: p.due ?? null,
        })
        .returning(['id', 'code'])
        .executeTakeFirstOrThrow();
    }
    async function event(dossierId: number, action: string, toStatus: string, at: Date, data?: Record<string, unknown>) {
      await db
        .insertInto('dossier_events')
        .values({ dossier_id: dossierId, at, actor_kind: 'staff', actor_id: staffId, action, from_status: null, to_status: toStatus, data: data ? JSON.stringify(data) : null })
        .execute();
    }
    async function visit(agency: string, at: string, headcount = 1, dossierId: number | null = null, earlier: number | null = null): Promise<number> {
      const row = await db
        .insertInto('reception_visits')
        .values({
          agency_code: agency,
          visited_at: vn(at),
          kind: 'regular',
          citizen_name: 'Công Dân',
          citizen_id_number: null,
          citizen_address: 'Hà Nội',
          citizen_phone: null,
          headcount,
          representatives: headcount >= 5 ? 'Người Đại Diện' : null,
          subject: 'Khiếu nại',
          category: 'complaint',
          outcome: dossierId ? 'petition_received' : 'guided',
          dossier_id: dossierId,
          forwarded_to: null,
          refusal_reason: null,
          received_by: staffId,
          earlier_visit_id: earlier,
          created_by: staffId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      staffId = (await db.insertInto('staff_users').values({ email: 'tiepdan@thads.gov.vn', full_name: 'Tiếp Dân', role: 'reception', agency_code: 'HNI', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id;

      // Petitions of Hà Nội (and its regional office KV1) in November 2026, and some that must not count.
      const p0 = await dossier({ submitted: '2026-10-20T09:00:00', status: 'decided' }); // before the period: a first complaint
      const p1 = await dossier({ submitted: '2026-11-02T09:00:00', status: 'decided', due: '2026-11-25' });
      await event(p1.id, 'accept', 'accepted', vn('2026-11-04T09:00:00'));
      await event(p1.id, 'decide', 'decided', vn('2026-11-24T10:00:00'), { decidedOn: '2026-11-24' });
      const p2 = await dossier({ submitted: '2026-11-05T09:00:00', status: 'accepted', parent: p0.code }); // second complaint about P0
      await event(p2.id, 'accept', 'accepted', vn('2026-11-09T09:00:00'));
      const p3 = await dossier({ submitted: '2026-11-06T09:00:00', status: 'transferred', parent: p1.code }); // second complaint about P1, sent up
      await event(p3.id, 'transfer', 'transferred', vn('2026-11-07T09:00:00'));
      // Extended: the due date recorded with the conclusion (22nd) rules, not the dossier's first one (20th).
      const p4 = await dossier({ procedure: 'TC', agency: 'HNI-KV1', submitted: '2026-11-08T09:00:00', status: 'concluded', due: '2026-11-20' });
      await event(p4.id, 'conclude', 'concluded', vn('2026-11-21T15:00:00'), { dueDate: '2026-11-22' });
      // Concluded at 06:00 on the 26th in Vietnam (still the 25th in UTC): one day late.
      const p5 = await dossier({ procedure: 'TC', submitted: '2026-11-12T09:00:00', status: 'closed', due: '2026-11-25' });
      await event(p5.id, 'conclude', 'concluded', vn('2026-11-26T06:00:00'));
      const p6 = await dossier({ submitted: '2026-11-14T09:00:00', status: 'verifying' });
      await dossier({ submitted: '2026-11-15T09:00:00', status: 'not_accepted' }); // P7
      const p8 = await dossier({ submitted: '2026-11-16T09:00:00', status: 'withdrawn' }); // withdrawn after acceptance
      await event(p8.id, 'accept', 'accepted', vn('2026-11-18T09:00:00'));
      const p9 = await dossier({ submitted: '2026-11-20T10:30:00', status: 'submitted' }); // from a repeat visit on P6's matter
      await dossier({ submitted: '2026-11-01T00:00:00', status: 'submitted' }); // P13: the period's first instant
      await dossier({ procedure: 'TC', agency: 'HNI-KV1', submitted: '2026-11-30T23:59:00', status: 'submitted' }); // P14: its last minute
      await dossier({ submitted: '2026-12-01T00:05:00', status: 'submitted' }); // after
      await dossier({ agency: 'HCM', submitted: '2026-11-10T09:00:00', status: 'decided' }); // another agency
      await dossier({ procedure: 'YCTHA', submitted: '2026-11-10T09:00:00', status: 'submitted' }); // not a petition

      const v1 = await visit('HNI', '2026-11-03T09:00:00', 1, p6.id);
      await visit('HNI-KV1', '2026-11-10T14:00:00', 6);
      await visit('HNI', '2026-10-31T23:30:00', 3); // before
      await visit('HNI', '2026-11-30T23:50:00', 2);
      await visit('HCM', '2026-11-15T09:00:00', 4); // another agency
      await visit('HNI', '2026-12-01T00:10:00', 5); // after
      await visit('HNI', '2026-11-20T10:00:00', 1, p9.id, v1); // repeat of V1
    });
    after(async () => closeAndDrop(handle));

    it('counts visits, petitions, cases, authority, acceptance and resolution as written out by hand', async () => {
      assert.deepEqual(await agencyFigures(db, 'HNI', { from: '2026-11-01', to: '2026-11-30' }), {
        agencyCode: 'HNI',
        from: '2026-11-01',
        to: '2026-11-30',
        visits: 4, // V1, the group of 6, the one at 23:50 on the 30th, the repeat visit
        citizens: 10, // 1 + 6 + 2 + 1
        petitions: 11, // P1–P9, P13, P14
        complaints: 8,
        denunciations: 3, // P4, P5, P14
        cases: 9, // {P1, P3} {P2 (with P0)} {P4} {P5} {P6, P9} {P7} {P8} {P13} {P14}
        withinAuthority: 10,
        outsideAuthority: 1, // P3
        accepted: 6, // P1, P2, P4, P5, P6, P8
        resolved: 3, // P1, P4, P5
        resolvedOnTime: 2, // P1, P4
        resolvedRate: 0.5,
        onTimeRate: 2 / 3,
      });
    });

    it('counts a regional office alone, and an empty period as zeros without rates', async () => {
      const kv1 = await agencyFigures(db, 'HNI-KV1', { from: '2026-11-01', to: '2026-11-30' });
      assert.deepEqual(
        [kv1.visits, kv1.citizens, kv1.petitions, kv1.cases, kv1.accepted, kv1.resolved, kv1.resolvedOnTime, kv1.resolvedRate, kv1.onTimeRate],
        [1, 6, 2, 2, 1, 1, 1, 1, 1],
      );
      const empty = await agencyFigures(db, 'HNI', { from: '2025-01-01', to: '2025-01-31' });
      assert.deepEqual(
        [empty.visits, empty.citizens, empty.petitions, empty.cases, empty.accepted, empty.resolved, empty.resolvedRate, empty.onTimeRate],
        [0, 0, 0, 0, 0, 0, null, null],
      );
    });

    it('refuses a period that is not one', async () => {
      await assert.rejects(agencyFigures(db, 'HNI', { from: '2026-11-30', to: '2026-11-01' }), RangeError);
      await assert.rejects(agencyFigures(db, 'HNI', { from: '2026-02-30', to: '2026-03-01' }), RangeError);
    });
  });
}
