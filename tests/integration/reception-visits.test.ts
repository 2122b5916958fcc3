import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { seedDemoVisits } from '../../db/seed/reception-demo.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import {
  createVisit,
  getVisit,
  listVisits,
  updateVisit,
  visitsOfDossier,
  VisitCursorError,
  VisitError,
  type ReceptionActor,
  type VisitInput,
} from '../../src/server/reception-visits.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

/** Tuesday 1 December 2026, 15:00 in Vietnam. */
const NOW = new Date('2026-12-01T08:00:00Z');

const refused = (reason: VisitError['reason'], fields?: Record<string, string>) => (err: unknown) => {
  assert.ok(err instanceof VisitError, String(err));
  assert.equal(err.reason, reason);
  if (fields) assert.deepEqual(err.fields, fields);
  return true;
};

let counter = 0;
async function insertDossier(db: Kysely<Database>, procedure: string, agency = 'HNI'): Promise<string> {
  counter++;
  const code = generateDossierCode(1, '2026-11-20');
  await db
    .insertInto('dossiers')
    .values({
      code,
      procedure_code: procedure,
      agency_code: agency,
      status: 'submitted',
      channel: 'counter',
      locale: 'vi',
      applicant_name: 'Người Nộp',
      applicant_id_number: '001090000001',
      applicant_phone: '0912345678',
      applicant_email: null,
      applicant_address: 'Hà Nội',
      data: '{}',
      pin_hash: 'x',
      idempotency_key: `visit-test-${counter}-${Math.random()}`,
    })
    .execute();
  return code;
}

for (const target of testDatabases) {
  describe(`reception log on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    const who: Record<string, ReceptionActor> = {};
    let n = 0;
    async function account(role: ReceptionActor['role'], agency: string | null): Promise<ReceptionActor> {
      n++;
      const email = `visit.${n}@thads.gov.vn`;
      const { id } = await db
        .insertInto('staff_users')
        .values({ email, full_name: `Cán Bộ ${n}`, role, agency_code: agency, password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, email, role, agency_code: agency, ip: '203.0.113.9' };
    }
    const valid = (over: VisitInput = {}): VisitInput => ({
      agency_code: 'HNI',
      visited_on: '2026-11-30',
      visited_time: '09:15',
      kind: 'regular',
      citizen_name: 'Trần Thị Bích',
      citizen_id_number: '001185000123',
      citizen_address: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội',
      citizen_phone: '0987 654 321',
      headcount: '1',
      subject: 'Khiếu nại việc kê biên nhà ở',
      category: 'complaint',
      outcome: 'guided',
      received_by: String(who.reception!.id),
      ...over,
    });
    const audits = (action: string) => db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      who.reception = await account('reception', 'HNI');
      who.head = await account('head', 'HNI');
      who.officer = await account('officer', 'HNI');
      who.kv1Reception = await account('reception', 'HNI-KV1');
      who.hcmReception = await account('reception', 'HCM');
      who.central = await account('admin', null);
    });
    after(async () => closeAndDrop(handle));

    it('records a visit, audited without the citizen’s identity', async () => {
      const id = await createVisit(db, who.reception!, valid(), NOW);
      const visit = await getVisit(db, who.officer!, id);
      assert.ok(visit);
      assert.equal(visit.citizen_name, 'Trần Thị Bích');
      assert.equal(visit.citizen_phone, '0987654321');
      assert.equal(visit.visited_at.toISOString(), '2026-11-30T02:15:00.000Z');
      assert.equal(visit.received_by_name, 'Cán Bộ 1');
      assert.deepEqual(visit.chain.map((c) => c.id), [id]);
      const [entry] = await audits('reception.visit_created');
      assert.equal(entry!.entity_id, String(id));
      assert.equal(entry!.actor_id, who.reception!.id);
      assert.equal(entry!.agency_code, 'HNI');
      const logged = JSON.stringify(entry!.after);
      assert.equal(logged.includes('Bích'), false);
      assert.equal(logged.includes('001185000123'), false);
      assert.equal(logged.includes('Hàng Bài'), false);
      assert.deepEqual(entry!.after, {
        agency: 'HNI',
        visitedAt: '2026-11-30T02:15:00.000Z',
        kind: 'regular',
        headcount: 1,
        category: 'complaint',
        outcome: 'guided',
        dossierCode: null,
        earlierVisitId: null,
        receivedBy: who.reception!.id,
      });
    });

    it('names each bad field', async () => {
      await assert.rejects(
        createVisit(
          db,
          who.reception!,
          {
            agency_code: 'HNI',
            visited_on: '2026-12-02',
            visited_time: '25:00',
            kind: 'weekly',
            citizen_name: '',
            citizen_id_number: '12345',
            citizen_address: 'HN',
            citizen_phone: '12',
            headcount: '7',
            subject: '',
            category: 'complaint',
            outcome: 'petition_received',
            received_by: String(who.reception!.id),
          },
          NOW,
        ),
        refused('invalid', {
          visited_on: 'future',
          visited_time: 'time',
          kind: 'choice',
          citizen_name: 'required',
          citizen_id_number: 'id_number',
          citizen_address: 'too_short',
          citizen_phone: 'phone',
          representatives: 'representatives',
          subject: 'required',
          dossier_code: 'dossier_required',
        }),
      );
      await assert.rejects(createVisit(db, who.reception!, valid({ subject: 'ý'.repeat(2001) }), NOW), refused('invalid', { subject: 'too_long' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ outcome: 'forwarded' }), NOW), refused('invalid', { forwarded_to: 'required' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ outcome: 'refused' }), NOW), refused('invalid', { refusal_reason: 'required' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ visited_on: '2026-12-01', visited_time: '16:00' }), NOW), refused('invalid', { visited_time: 'future' }));
    });

    it('checks the dossier, the agency and the staff member against the database', async () => {
      const ycth = await insertDossier(db, 'YCTHA');
      const hcmComplaint = await insertDossier(db, 'KN', 'HCM');
      await assert.rejects(createVisit(db, who.reception!, valid({ outcome: 'petition_received', dossier_code: ycth }), NOW), refused('invalid', { dossier_code: 'dossier_kind' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ outcome: 'petition_received', dossier_code: hcmComplaint }), NOW), refused('invalid', { dossier_code: 'dossier_unknown' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ agency_code: 'HCM' }), NOW), refused('invalid', { agency_code: 'scope' }));
      await assert.rejects(createVisit(db, who.reception!, valid({ received_by: String(who.hcmReception!.id) }), NOW), refused('invalid', { received_by: 'choice' }));
      // A provincial agency records for its regional office; the office's reception is one of its staff.
      const id = await createVisit(db, who.reception!, valid({ agency_code: 'HNI-KV1', received_by: String(who.kv1Reception!.id) }), NOW);
      assert.equal((await getVisit(db, who.kv1Reception!, id))?.agency_code, 'HNI-KV1');
    });

    it('links a petition and a repeat visit, and shows the chain from any of its visits', async () => {
      const code = await insertDossier(db, 'KN');
      const first = await createVisit(db, who.head!, valid({ kind: 'head_periodic', citizen_name: 'Lê Văn Chiến', subject: 'Khiếu nại quyết định cưỡng chế', received_by: String(who.head!.id), visited_on: '2026-11-02' }), NOW);
      await assert.rejects(
        createVisit(db, who.reception!, valid({ earlier_visit_id: String(first), visited_on: '2026-11-01' }), NOW),
        refused('invalid', { earlier_visit_id: 'visit_not_earlier' }),
      );
      await assert.rejects(createVisit(db, who.hcmReception!, valid({ agency_code: 'HCM', received_by: String(who.hcmReception!.id), earlier_visit_id: String(first) }), NOW), refused('invalid', { earlier_visit_id: 'visit_unknown' }));
      const second = await createVisit(
        db,
        who.reception!,
        valid({ citizen_name: 'Lê Văn Chiến', earlier_visit_id: String(first), outcome: 'petition_received', dossier_code: code.toLowerCase().replaceAll('-', ' '), visited_on: '2026-11-16' }),
        NOW,
      );
      const third = await createVisit(db, who.reception!, valid({ citizen_name: 'Lê Văn Chiến', earlier_visit_id: String(second), visited_on: '2026-11-27' }), NOW);
      // Same minute as the one before it: still after it (recorded later), and an edit keeps it so.
      const sameMinute = await createVisit(db, who.reception!, valid({ earlier_visit_id: String(third), visited_on: '2026-11-27' }), NOW);
      await updateVisit(db, who.reception!, third, valid({ citizen_name: 'Lê Văn Chiến', earlier_visit_id: String(second), visited_on: '2026-11-27' }), NOW);
      await assert.rejects(updateVisit(db, who.reception!, third, valid({ earlier_visit_id: String(sameMinute), visited_on: '2026-11-27' }), NOW), refused('invalid', { earlier_visit_id: 'visit_not_earlier' }));
      const fromFirst = await getVisit(db, who.officer!, first);
      assert.deepEqual(fromFirst?.chain.map((c) => c.id), [first, second, third, sameMinute]);
      const fromSecond = await getVisit(db, who.officer!, second);
      assert.equal(fromSecond?.dossier_code, code);
      assert.equal(fromSecond?.dossier_procedure, 'KN');
      assert.deepEqual((await visitsOfDossier(db, who.officer!, code)).map((v) => v.id), [second]);
      assert.deepEqual(await visitsOfDossier(db, who.hcmReception!, code), []);
      assert.deepEqual(fromSecond?.chain.map((c) => c.id), [first, second, third, sameMinute]);
      // Moving a visit before the one that follows it would loop the chain.
      await assert.rejects(updateVisit(db, who.reception!, second, valid({ earlier_visit_id: String(first), visited_on: '2026-11-28' }), NOW), refused('invalid', { visited_on: 'before_later' }));
    });

    it('edits a visit, audited with the fields changed', async () => {
      const id = await createVisit(db, who.reception!, valid({ citizen_name: 'Phạm Quang Dũng' }), NOW);
      await updateVisit(db, who.head!, id, valid({ citizen_name: 'Phạm Quang Dũng', outcome: 'forwarded', forwarded_to: 'Tòa án nhân dân khu vực 1 Hà Nội' }), NOW);
      const visit = await getVisit(db, who.reception!, id);
      assert.equal(visit?.outcome, 'forwarded');
      assert.equal(visit?.forwarded_to, 'Tòa án nhân dân khu vực 1 Hà Nội');
      const entries = (await audits('reception.visit_updated')).filter((e) => e.entity_id === String(id));
      assert.equal(entries.length, 1);
      assert.deepEqual((entries[0]!.after as { changed: string[] }).changed, ['outcome', 'forwarded_to']);
      assert.equal((entries[0]!.before as { outcome: string }).outcome, 'guided');
      assert.equal(entries[0]!.actor_id, who.head!.id);
    });

    it('lets reception and heads write; officers and administrators only read', async () => {
      await assert.rejects(createVisit(db, who.officer!, valid(), NOW), refused('forbidden'));
      await assert.rejects(createVisit(db, who.central!, valid(), NOW), refused('forbidden'));
      const id = await createVisit(db, who.reception!, valid(), NOW);
      await assert.rejects(updateVisit(db, who.officer!, id, valid(), NOW), refused('forbidden'));
      await assert.rejects(updateVisit(db, who.hcmReception!, id, valid(), NOW), refused('not_found'));
      assert.equal(await getVisit(db, who.hcmReception!, id), undefined);
      assert.equal((await getVisit(db, who.central!, id))?.id, id);
      // A regional office does not see its provincial agency's visits.
      assert.equal(await getVisit(db, who.kv1Reception!, id), undefined);
    });

    it('searches without diacritics, by ID number and matter, filters, and pages by keyset', async () => {
      const hcm = (over: VisitInput) => createVisit(db, who.hcmReception!, valid({ agency_code: 'HCM', received_by: String(who.hcmReception!.id), ...over }), NOW);
      const ids: number[] = [];
      ids.push(await hcm({ citizen_name: 'Nguyễn Thị Hoa', visited_on: '2026-11-03', subject: 'Hỏi thủ tục yêu cầu thi hành án', category: 'guidance' }));
      ids.push(await hcm({ citizen_name: 'Đỗ Văn Đức', citizen_id_number: '079200004444', visited_on: '2026-11-05', kind: 'head_adhoc' }));
      ids.push(await hcm({ citizen_name: 'Nguyễn Văn Hòa', visited_on: '2026-11-05', visited_time: '09:15', subject: 'Kiến nghị về việc trả tiền', category: 'recommendation', outcome: 'refused', refusal_reason: 'Đã được trả lời bằng văn bản' }));
      ids.push(await hcm({ citizen_name: 'Vũ Thị Lan', visited_on: '2026-11-20', headcount: '6', representatives: 'Vũ Thị Lan, Vũ Văn Nam' }));
      const names = async (filter: Parameters<typeof listVisits>[2]) => (await listVisits(db, who.hcmReception!, filter)).rows.map((r) => r.citizen_name);
      assert.deepEqual(await names({}), ['Vũ Thị Lan', 'Nguyễn Văn Hòa', 'Đỗ Văn Đức', 'Nguyễn Thị Hoa']);
      assert.deepEqual(await names({ q: 'nguyen hoa' }), ['Nguyễn Văn Hòa', 'Nguyễn Thị Hoa']);
      assert.deepEqual(await names({ q: 'do van duc' }), ['Đỗ Văn Đức']);
      assert.deepEqual(await names({ q: '079200004444' }), ['Đỗ Văn Đức']);
      assert.deepEqual(await names({ q: 'tra tien' }), ['Nguyễn Văn Hòa']);
      assert.deepEqual(await names({ q: '100%' }), []);
      assert.deepEqual(await names({ from: '2026-11-05', to: '2026-11-05' }), ['Nguyễn Văn Hòa', 'Đỗ Văn Đức']);
      assert.deepEqual(await names({ kind: 'head_adhoc' }), ['Đỗ Văn Đức']);
      assert.deepEqual(await names({ outcome: 'refused' }), ['Nguyễn Văn Hòa']);
      const seen: (string | null)[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof listVisits>> = await listVisits(db, who.hcmReception!, { pageSize: 1, cursor });
        seen.push(...page.rows.map((r) => r.citizen_name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 4);
      assert.deepEqual(seen, ['Vũ Thị Lan', 'Nguyễn Văn Hòa', 'Đỗ Văn Đức', 'Nguyễn Thị Hoa']);
      await assert.rejects(listVisits(db, who.hcmReception!, { cursor: 'not-a-cursor' }), VisitCursorError);
      // Scope: Hà Nội's staff see none of these; the central administrator sees them.
      assert.equal((await listVisits(db, who.reception!, { q: 'do van duc' })).rows.length, 0);
      assert.deepEqual((await listVisits(db, who.central!, { q: 'do van duc' })).rows.map((r) => r.id), [ids[1]]);
    });

    it('keeps a denouncer’s identity from staff who did not receive them, and out of their searches', async () => {
      const id = await createVisit(db, who.reception!, valid({ citizen_name: 'Hoàng Minh Tố', category: 'denunciation', subject: 'Tố cáo hành vi của chấp hành viên' }), NOW);
      const asOfficer = await getVisit(db, who.officer!, id);
      assert.equal(asOfficer?.identityHidden, true);
      assert.equal(asOfficer?.citizen_name, null);
      assert.equal(asOfficer?.citizen_id_number, null);
      assert.equal(asOfficer?.citizen_address, null);
      assert.equal(asOfficer?.values.citizen_name, '');
      assert.equal((await listVisits(db, who.officer!, { q: 'hoang minh to' })).rows.length, 0);
      assert.equal((await listVisits(db, who.officer!, {})).rows.find((r) => r.id === id)?.citizen_name, null);
      assert.equal((await getVisit(db, who.head!, id))?.citizen_name, 'Hoàng Minh Tố');
      assert.equal((await getVisit(db, who.reception!, id))?.citizen_name, 'Hoàng Minh Tố');
      assert.deepEqual((await listVisits(db, who.head!, { q: 'hoang minh to' })).rows.map((r) => r.id), [id]);
    });

    it('seeds demo visits: a group, a chain of repeat visits, one linked to the dossier given', async () => {
      const code = await insertDossier(db, 'KN');
      const ids = await seedDemoVisits(db, { now: NOW, staffIds: { reception: who.reception!.id, head: who.head!.id }, dossierCode: code });
      assert.equal(ids.length, 8);
      const visits = await Promise.all(ids.map((id) => getVisit(db, who.head!, id)));
      assert.deepEqual(visits.filter((v) => v!.headcount >= 5).map((v) => v!.representatives), ['Vũ Thị Lan, Trần Văn Nam']);
      assert.deepEqual(visits.filter((v) => v!.dossier_code).map((v) => v!.dossier_code), [code]);
      assert.deepEqual(visits[0]!.chain.map((c) => c.id), [ids[0], ids[4], ids[6]]);
      assert.equal(visits[0]!.visited_at.toISOString(), '2026-10-22T02:10:00.000Z');
    });
  });
}
