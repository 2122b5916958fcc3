import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import type { DossierStatus } from '../../src/server/dossiers/lifecycle.ts';
import { countByStatus, listQueue, QueueCursorError, type QueueFilter, type QueueRow, type QueueViewer } from '../../src/server/dossiers/queue.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, completeDraft, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

/** Monday 23 November 2026, 10:00 in Vietnam: "today" for the due-date filters. */
const NOW = new Date('2026-11-23T03:00:00Z');

async function insertStaff(db: Kysely<Database>, email: string, role: 'reception' | 'officer' | 'head' | 'admin', agencyCode: string | null, fullName = email) {
  const row = await db
    .insertInto('staff_users')
    .values({ email, full_name: fullName, role, agency_code: agencyCode, password_hash: 'not-a-real-hash' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface DossierSpec {
  agency?: string;
  name: string;
  idNumber?: string;
  status: DossierStatus;
  due?: string | null;
  procedure?: string;
  assignedTo?: number | null;
  /** A Date, or text (to store microseconds, which a JS Date cannot hold). */
  submittedAt?: Date | string;
}

let counter = 0;
async function insertDossier(db: Kysely<Database>, spec: DossierSpec): Promise<{ id: number; code: string }> {
  counter++;
  const code = generateDossierCode(1 + (counter % 90), '2026-11-20');
  const row = await db
    .insertInto('dossiers')
    .values({
      code,
      procedure_code: spec.procedure ?? 'YCTHA',
      agency_code: spec.agency ?? 'HNI',
      status: spec.status,
      channel: 'online',
      locale: 'vi',
      applicant_name: spec.name,
      applicant_id_number: spec.idNumber ?? String(1_000_000_000_00 + counter).padStart(12, '0'),
      applicant_phone: '0912345678',
      applicant_email: null,
      applicant_address: 'Hà Nội',
      data: '{}',
      pin_hash: 'not-a-real-hash',
      idempotency_key: `queue-test-${counter}-${Math.random()}`,
      submitted_at: spec.submittedAt ?? new Date(Date.UTC(2026, 10, 1, 0, counter)),
      received_at: spec.status === 'submitted' ? null : new Date(Date.UTC(2026, 10, 2)),
      due_date: spec.due ?? null,
      assigned_to: spec.assignedTo ?? null,
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  return row;
}

for (const target of testDatabases) {
  describe(`reception queue on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    const staff: Record<string, number> = {};
    const d: Record<string, { id: number; code: string }> = {};
    let realDossier: { id: number; code: string };
    let hni: QueueViewer;
    let kv1: QueueViewer;
    let hcm: QueueViewer;
    let central: QueueViewer;
    let officer1: QueueViewer;

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      staff.reception = await insertStaff(db, 'tiepnhan@hni.vn', 'reception', 'HNI');
      staff.officer1 = await insertStaff(db, 'cbv1@hni.vn', 'officer', 'HNI', 'Đỗ Chấp Hành');
      staff.officer2 = await insertStaff(db, 'cbv2@hni.vn', 'officer', 'HNI', 'Bùi Chấp Hành');
      staff.kv1 = await insertStaff(db, 'tiepnhan@kv1.vn', 'reception', 'HNI-KV1');
      staff.hcm = await insertStaff(db, 'tiepnhan@hcm.vn', 'reception', 'HCM');
      staff.central = await insertStaff(db, 'quantri@thads.vn', 'admin', null);
      hni = { role: 'reception', agencyCode: 'HNI', staffId: staff.reception };
      kv1 = { role: 'reception', agencyCode: 'HNI-KV1', staffId: staff.kv1 };
      hcm = { role: 'reception', agencyCode: 'HCM', staffId: staff.hcm };
      central = { role: 'admin', agencyCode: null, staffId: staff.central };
      officer1 = { role: 'officer', agencyCode: 'HNI', staffId: staff.officer1 };

      d.A = await insertDossier(db, { name: 'Nguyễn Văn Hùng', idNumber: '001079001234', status: 'received', due: '2026-11-20', assignedTo: staff.officer1 });
      d.B = await insertDossier(db, { name: 'Trần Thị Lan', status: 'in_progress', due: '2026-11-25', procedure: 'XNKQ', assignedTo: staff.officer2 });
      d.C = await insertDossier(db, { name: 'Lê Văn Nam', status: 'received', due: '2026-12-15' });
      d.D = await insertDossier(db, { name: 'Phạm Đức Anh', status: 'submitted' });
      d.E = await insertDossier(db, { name: 'Hoàng Thị Mai', status: 'result_ready', due: '2026-11-10' });
      d.F = await insertDossier(db, { agency: 'HNI-KV1', name: 'Vũ Văn Hùng', status: 'received', due: '2026-11-23' });
      d.G = await insertDossier(db, { agency: 'HCM', name: 'Nguyễn Văn Hùng', status: 'received', due: '2026-11-02' });
      d.H = await insertDossier(db, { name: 'Đặng Minh Đức', status: 'in_progress', due: '2026-11-22' });
      // One dossier made the way citizens make them, on Friday 20 November at 10:00: reception's completeness check
      // is due on Monday 23 (one working day), and overdue from Tuesday 24.
      const draft = await completeDraft(db, procedureByCode('YCTHA')!);
      const submitted = await submitDraft(db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now: new Date('2026-11-20T03:00:00Z') });
      realDossier = { id: submitted.dossierId, code: submitted.code };
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const ids = (rows: QueueRow[]) => rows.map((r) => r.id);
    const idSet = (rows: QueueRow[]) => new Set(ids(rows));
    const list = async (viewer: QueueViewer, filter: QueueFilter = {}) => (await listQueue(db, viewer, { now: NOW, pageSize: 100, ...filter })).rows;
    const same = (rows: QueueRow[], expected: { id: number }[], message?: string) =>
      assert.deepEqual(idSet(rows), new Set(expected.map((x) => x.id)), message);

    describe('scope', () => {
      it('shows an agency its own dossiers and its regional offices’, not another agency’s', async () => {
        same(await list(hni), [d.A!, d.B!, d.C!, d.D!, d.E!, d.F!, d.H!, realDossier]);
      });
      it('shows a regional office only its own', async () => {
        same(await list(kv1), [d.F!]);
        same(await list(hcm), [d.G!]);
      });
      it('shows a central administrator everything', async () => {
        same(await list(central), [d.A!, d.B!, d.C!, d.D!, d.E!, d.F!, d.G!, d.H!, realDossier]);
      });
      it('shows an account without an agency that is not an administrator nothing', async () => {
        same(await list({ role: 'officer', agencyCode: null, staffId: 0 }), []);
      });
    });

    describe('rows', () => {
      it('carry the columns of the queue, with the assignee’s name', async () => {
        const row = (await list(hni, { q: d.A!.code }))[0]!;
        assert.equal(row.id, d.A!.id);
        assert.equal(row.code, d.A!.code);
        assert.equal(row.procedure_code, 'YCTHA');
        assert.equal(row.agency_code, 'HNI');
        assert.equal(row.status, 'received');
        assert.equal(row.applicant_name, 'Nguyễn Văn Hùng');
        assert.ok(row.submitted_at instanceof Date);
        assert.ok(row.received_at instanceof Date);
        assert.equal(row.due_date, '2026-11-20');
        assert.equal(row.assigned_to, staff.officer1);
        assert.equal(row.assigned_name, 'Đỗ Chấp Hành');
        const unassigned = (await list(hni, { q: d.C!.code }))[0]!;
        assert.equal(unassigned.assigned_to, null);
        assert.equal(unassigned.assigned_name, null);
      });
    });

    describe('filters', () => {
      it('by status, one or several', async () => {
        same(await list(hni, { status: 'received' }), [d.A!, d.C!, d.F!]);
        same(await list(hni, { status: ['received', 'in_progress'] }), [d.A!, d.B!, d.C!, d.F!, d.H!]);
        same(await list(hni, { status: [] }), [d.A!, d.B!, d.C!, d.D!, d.E!, d.F!, d.H!, realDossier]);
        same(await list(hni, { status: 'withdrawn' }), []);
      });
      it('by procedure', async () => {
        same(await list(hni, { procedure: 'XNKQ' }), [d.B!]);
      });
      it('assigned to me', async () => {
        same(await list(officer1, { assignedToMe: true }), [d.A!]);
        same(await list(hni, { assignedToMe: true }), []);
      });
      it('overdue: pending dossiers whose due date has passed (not one due today, not one with its result ready)', async () => {
        same(await list(hni, { overdue: true }), [d.A!, d.H!]);
        same(await list(central, { overdue: true }), [d.A!, d.G!, d.H!]);
        same(await list(hni, { overdue: false }), [d.B!, d.C!, d.D!, d.E!, d.F!, realDossier]);
        // A day later, the one due today is overdue too, and so is the one waiting past its completeness check.
        same(await list(hni, { overdue: true, now: new Date('2026-11-24T03:00:00Z') }), [d.A!, d.F!, d.H!, realDossier]);
        same(await list(hni, { overdue: false, now: new Date('2026-11-24T03:00:00Z') }), [d.B!, d.C!, d.D!, d.E!]);
      });
      it('due within n working days, today included', async () => {
        // The one waiting to be received counts with its completeness check (due Monday 23).
        same(await list(hni, { dueWithinWorkingDays: 0 }), [d.F!, realDossier]);
        same(await list(hni, { dueWithinWorkingDays: 2 }), [d.F!, d.B!, realDossier]);
        // Friday 20 November: two working days ahead is Tuesday 24 (the weekend does not count); B (Wednesday 25) is not yet.
        same(await list(hni, { dueWithinWorkingDays: 2, now: new Date('2026-11-20T03:00:00Z') }), [d.A!, d.H!, d.F!, realDossier]);
        same(await list(hni, { dueWithinWorkingDays: 3, now: new Date('2026-11-20T03:00:00Z') }), [d.A!, d.H!, d.F!, d.B!, realDossier]);
        await assert.rejects(list(hni, { dueWithinWorkingDays: -1 }), RangeError);
        await assert.rejects(list(hni, { dueWithinWorkingDays: 1.5 }), RangeError);
      });
      it('combined', async () => {
        same(await list(hni, { status: 'in_progress', overdue: true }), [d.H!]);
        same(await list(hni, { procedure: 'YCTHA', q: 'hung' }), [d.A!, d.F!]);
      });
    });

    describe('search', () => {
      it('finds names without diacritics, in any case and word order', async () => {
        same(await list(hni, { q: 'nguyen van hung' }), [d.A!]);
        same(await list(hni, { q: 'NGUYEN VAN HUNG' }), [d.A!]);
        same(await list(hni, { q: 'hung nguyen' }), [d.A!]);
        same(await list(central, { q: 'nguyen van hung' }), [d.A!, d.G!]);
        same(await list(hni, { q: 'hùng' }), [d.A!, d.F!]);
        same(await list(hni, { q: '  dang   minh duc ' }), [d.H!], 'đ is folded to d');
        same(await list(hni, { q: 'Đặng' }), [d.H!]);
      });
      it('finds the dossier submitted through the portal by its applicant', async () => {
        const example = procedureByCode('YCTHA')!.example as Record<string, string>;
        const folded = example.fullName!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        assert.ok(ids(await list(hni, { q: folded })).includes(realDossier.id), folded);
        same(await list(hni, { q: example.cccd! }), [realDossier]);
      });
      it('finds part of an ID number', async () => {
        same(await list(hni, { q: '001079' }), [d.A!]);
      });
      it('finds a code typed in lower case, with spaces or without separators, exactly', async () => {
        const code = d.C!.code;
        same(await list(hni, { q: code.toLowerCase() }), [d.C!]);
        same(await list(hni, { q: code.replaceAll('-', ' ').toLowerCase() }), [d.C!]);
        same(await list(hni, { q: ` ${code.replaceAll('-', '')} ` }), [d.C!]);
        same(await list(hni, { q: realDossier.code.toLowerCase() }), [realDossier]);
      });
      it('does not find another agency’s dossier by its code', async () => {
        same(await list(hni, { q: d.G!.code }), []);
        same(await list(hcm, { q: d.G!.code }), [d.G!]);
      });
      it('treats % and _ as plain characters; an empty query filters nothing', async () => {
        same(await list(hni, { q: '%' }), []);
        same(await list(hni, { q: '_' }), []);
        same(await list(hni, { q: '   ' }), [d.A!, d.B!, d.C!, d.D!, d.E!, d.F!, d.H!, realDossier]);
      });
    });

    describe('order', () => {
      it('by what is owed first (the due date, or the completeness check), none last, then submission time', async () => {
        const rows = await list(hni);
        // F and the citizen's dossier are both owed on 23 November: F was submitted first (November 1).
        assert.deepEqual(ids(rows), [d.E!.id, d.A!.id, d.H!.id, d.F!.id, realDossier.id, d.B!.id, d.C!.id, d.D!.id]);
      });
      it('by submission time', async () => {
        const rows = await list(hni, { sort: 'submitted' });
        const times = rows.map((r) => r.submitted_at.getTime());
        assert.deepEqual(times, [...times].sort((a, b) => a - b));
        assert.equal(rows.at(-1)!.id, realDossier.id);
      });
    });

    describe('keyset pagination', () => {
      let dngIds: number[];
      const dng: QueueViewer = { role: 'reception', agencyCode: 'DNG', staffId: 0 };

      before(async () => {
        dngIds = [];
        const dues = ['2026-11-30', '2026-11-27', null, '2026-11-27', '2026-12-01', null, '2026-11-30'];
        for (let i = 0; i < 57; i++) {
          // Ties on due date and on submission time (down to the microsecond), and times a JS Date cannot hold.
          const submittedAt = i % 5 === 0 ? '2026-11-10T01:02:03.123456Z' : i % 5 === 1 ? '2026-11-10T01:02:03.123457Z' : new Date(Date.UTC(2026, 10, 10, 0, 0, i % 4));
          const row = await insertDossier(db, {
            agency: i % 3 === 0 ? 'DNG-KV1' : 'DNG',
            name: `Người Thứ ${i}`,
            status: i % 4 === 0 ? 'submitted' : 'received',
            due: dues[i % dues.length]!,
            submittedAt,
          });
          dngIds.push(row.id);
        }
      });

      async function allPages(filter: QueueFilter, pageSize: number) {
        const pages: QueueRow[][] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof listQueue>> = await listQueue(db, dng, { ...filter, now: NOW, pageSize, cursor });
          pages.push(page.rows);
          cursor = page.nextCursor;
          assert.ok(pages.length < 100, 'pagination ends');
        } while (cursor);
        return pages;
      }

      /** The expected order, computed here independently of the query. */
      async function expectedOrder(sort: 'due' | 'submitted'): Promise<number[]> {
        const rows = await db
          .selectFrom('dossiers')
          .select(['id', 'due_date'])
          .select((eb) => eb.fn('to_char', [eb.ref('submitted_at'), eb.val('YYYY-MM-DD HH24:MI:SS.US')]).as('t'))
          .where('agency_code', 'in', ['DNG', 'DNG-KV1'])
          .execute();
        const t = (r: (typeof rows)[number]) => String(r.t);
        return rows
          .sort((a, b) => {
            if (sort === 'due') {
              const da = a.due_date ?? '9999-12-31';
              const dbb = b.due_date ?? '9999-12-31';
              if (da !== dbb) return da < dbb ? -1 : 1;
            }
            if (t(a) !== t(b)) return t(a) < t(b) ? -1 : 1;
            return a.id - b.id;
          })
          .map((r) => r.id);
      }

      for (const sort of ['due', 'submitted'] as const) {
        for (const pageSize of [1, 7, 25, 57, 100]) {
          it(`covers every row exactly once, in order (sort ${sort}, ${pageSize} a page)`, async () => {
            const pages = await allPages({ sort }, pageSize);
            const seen = pages.flat().map((r) => r.id);
            assert.equal(seen.length, 57);
            assert.equal(new Set(seen).size, 57, 'no row twice');
            assert.deepEqual(new Set(seen), new Set(dngIds));
            assert.deepEqual(seen, await expectedOrder(sort));
            for (const page of pages.slice(0, -1)) assert.equal(page.length, pageSize);
            assert.ok(pages.at(-1)!.length >= 1 && pages.at(-1)!.length <= pageSize);
          });
        }
      }

      it('pages a filtered list the same way', async () => {
        const seen = (await allPages({ status: 'received', sort: 'due' }, 4)).flat();
        assert.ok(seen.every((r) => r.status === 'received'));
        assert.equal(seen.length, dngIds.length - Math.ceil(57 / 4));
      });

      it('has a default page size of 25 and a maximum of 100', async () => {
        const first = await listQueue(db, dng, { now: NOW });
        assert.equal(first.rows.length, 25);
        assert.ok(first.nextCursor);
        assert.equal((await listQueue(db, dng, { now: NOW, pageSize: 1000 })).rows.length, 57);
        assert.equal((await listQueue(db, dng, { now: NOW, pageSize: 0 })).rows.length, 1);
        assert.equal((await listQueue(db, dng, { now: NOW, pageSize: 57 })).nextCursor, null);
      });

      it('refuses a cursor that was tampered with or made for the other order', async () => {
        const { nextCursor } = await listQueue(db, dng, { now: NOW, pageSize: 5, sort: 'due' });
        assert.ok(nextCursor);
        await assert.rejects(listQueue(db, dng, { cursor: nextCursor, sort: 'submitted' }), QueueCursorError);
        const key = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8'));
        const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
        for (const bad of [
          'garbage!',
          'x',
          forged({ ...key, i: 'a' }),
          forged({ ...key, d: "2026-01-01'; drop table dossiers; --" }),
          forged({ ...key, t: 'yesterday' }),
          forged(null),
          'A'.repeat(1000),
        ]) {
          await assert.rejects(listQueue(db, dng, { cursor: bad }), QueueCursorError, bad);
        }
      });
    });

    describe('counts', () => {
      it('counts by status within the viewer’s scope, every status present', async () => {
        const counts = await countByStatus(db, hni);
        assert.deepEqual(counts, {
          submitted: 2,
          received: 3,
          refused: 0,
          awaiting_supplement: 0,
          in_progress: 2,
          awaiting_approval: 0,
          result_ready: 1,
          returned: 0,
          rejected: 0,
          withdrawn: 0,
          // Complaints' and denunciations' stages, none in this fixture.
          accepted: 0,
          not_accepted: 0,
          transferred: 0,
          filed_away: 0,
          verifying: 0,
          decided: 0,
          closed: 0,
          concluded: 0,
          tip: 0,
          tip_closed: 0,
        });
        assert.equal((await countByStatus(db, kv1)).received, 1);
        assert.equal((await countByStatus(db, hcm)).received, 1);
        const all = await countByStatus(db, central);
        const total = Object.values(all).reduce((a, b) => a + b, 0);
        const rows = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(total, Number(rows.n));
      });
    });
  });
}
