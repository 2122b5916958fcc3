/**
 * The authorization matrix of the back office, written out by hand (not read from lifecycle.ts, the table under
 * test): every staff action × every status × every role, on a procedure whose result the head signs (YCTHA) and on
 * one whose result is the officer's certificate (XNKQ); then, for each allowed case, the dossier's agency seen from
 * the actor (own, a regional office of its own, another province's, and — from a regional office — its provincial
 * agency's). An action must go through exactly when the table below says so; `availableActions` must offer exactly
 * those.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import type { DossierStatus, StaffRole } from '../../src/server/dossiers/lifecycle.ts';
import { availableActions, staffActionNames, takeStaffAction, type StaffActionInput, type StaffActionName } from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { transition, TransitionError, type Actor, type StaffActor } from '../../src/server/dossiers/transition.ts';
import type { Dossier } from '../../src/server/schema.ts';
import { closeAndDrop, completeDraft, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const YCTHA = procedureByCode('YCTHA')!;
const XNKQ = procedureByCode('XNKQ')!;

const allStatuses: DossierStatus[] = [
  'submitted',
  'received',
  'refused',
  'awaiting_supplement',
  'in_progress',
  'awaiting_approval',
  'result_ready',
  'returned',
  'rejected',
  'withdrawn',
];
type Allowed = Partial<Record<StaffRole, DossierStatus[]>>;
/** Who may take each action from which status — the law as the portal applies it, typed out. Admins: nothing. */
const headSigns: Record<StaffActionName, Allowed> = {
  receive: { reception: ['submitted'] },
  request_supplement: { reception: ['submitted', 'received', 'in_progress'], officer: ['submitted', 'received', 'in_progress'] },
  refuse: { reception: ['submitted'] },
  assign: { reception: ['received'], head: ['received'] },
  reassign: { head: ['in_progress'] },
  apologise: { officer: ['received', 'in_progress', 'awaiting_approval'], head: ['received', 'in_progress', 'awaiting_approval'] },
  record_result: {},
  submit_draft: { officer: ['in_progress'] },
  approve: { head: ['awaiting_approval'] },
  send_back: { head: ['awaiting_approval'] },
  reject: { head: ['in_progress', 'awaiting_approval'] },
  return_result: { reception: ['result_ready'] },
  // The actions of complaints and denunciations do nothing to a one-stop dossier.
  accept: {},
  not_accept: {},
  transfer: {},
  file_away: {},
  verify: {},
  extend: {},
  decide: {},
  conclude: {},
  close: {},
  treat_as_tip: {},
  act_on_tip: {},
  file_tip: {},
};
/** The officer's own certificate: recorded directly, no draft for the head. */
const officerSigns: Record<StaffActionName, Allowed> = {
  ...headSigns,
  record_result: { officer: ['in_progress'] },
  submit_draft: {},
  approve: {},
  send_back: {},
};
const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;
const complaintStatuses: DossierStatus[] = ['submitted', 'accepted', 'not_accepted', 'transferred', 'filed_away', 'verifying', 'decided', 'closed', 'withdrawn'];
const denunciationStatuses: DossierStatus[] = ['submitted', 'accepted', 'not_accepted', 'transferred', 'verifying', 'concluded', 'closed', 'withdrawn', 'tip', 'tip_closed'];
const nothing = Object.fromEntries(Object.keys(headSigns).map((a) => [a, {}])) as Record<StaffActionName, Allowed>;
/** A complaint: the head accepts, refuses, files away and decides; reception may pass it on and close it. */
const complaintTable: Record<StaffActionName, Allowed> = {
  ...nothing,
  accept: { head: ['submitted'] },
  not_accept: { head: ['submitted'] },
  transfer: { reception: ['submitted'], head: ['submitted'] },
  file_away: { head: ['submitted'] },
  verify: { head: ['accepted'] },
  extend: { head: ['verifying'] },
  decide: { head: ['verifying'] },
  close: { reception: ['decided'], head: ['decided'] },
};
/** A denunciation: concluded, not decided; never filed away — but one without a real author is kept as a tip. */
const denunciationTable: Record<StaffActionName, Allowed> = {
  ...complaintTable,
  file_away: {},
  decide: {},
  conclude: { head: ['verifying'] },
  close: { reception: ['concluded'], head: ['concluded'] },
  treat_as_tip: { reception: ['submitted'], head: ['submitted'] },
  act_on_tip: { head: ['tip'] },
  file_tip: { head: ['tip'] },
};
const roles: StaffRole[] = ['reception', 'officer', 'head', 'admin'];
const toStatus: Record<StaffActionName, DossierStatus | 'same'> = {
  receive: 'received',
  request_supplement: 'awaiting_supplement',
  refuse: 'refused',
  assign: 'in_progress',
  reassign: 'in_progress',
  apologise: 'same',
  record_result: 'result_ready',
  submit_draft: 'awaiting_approval',
  approve: 'result_ready',
  send_back: 'in_progress',
  reject: 'rejected',
  return_result: 'returned',
  accept: 'accepted',
  not_accept: 'not_accepted',
  transfer: 'transferred',
  file_away: 'filed_away',
  verify: 'verifying',
  extend: 'same',
  decide: 'decided',
  conclude: 'concluded',
  close: 'closed',
  treat_as_tip: 'tip',
  act_on_tip: 'tip_closed',
  file_tip: 'tip_closed',
};

/** The actor's agency, and the dossier's, in each scope; `inScope` is what the rule says. */
const scopes = [
  { name: 'own agency', actorAgency: 'HNI', dossierAgency: 'HNI', inScope: true },
  { name: 'a regional office of its own', actorAgency: 'HNI', dossierAgency: 'HNI-KV1', inScope: true },
  { name: 'another province', actorAgency: 'HNI', dossierAgency: 'HCM', inScope: false },
  { name: 'its provincial agency, from a regional office', actorAgency: 'HNI-KV1', dossierAgency: 'HNI', inScope: false },
] as const;

type ActorKind = 'reception' | 'officer' | 'head' | 'admin (agency)' | 'admin (central)';
const actorKinds: ActorKind[] = ['reception', 'officer', 'head', 'admin (agency)', 'admin (central)'];
const roleOf = (kind: ActorKind): StaffRole => (kind.startsWith('admin') ? 'admin' : (kind as StaffRole));

/** Passwords of at least 12 characters, none alike. */
const passwords = ['Mặt trời mọc ở đằng đông 1', 'tiếp-nhận#Quầy-2', 'ChấpHành!viên-33', 'phố cổ 36 phố phường', 'KV1:lưu-trữ_2026', 'Quản trị toàn quốc ★'];

for (const target of testDatabases) {
  describe(`authorization on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    /** Staff by `${role}@${agency}` (`admin@*` for the central administrator). */
    const staff = new Map<string, StaffActor>();
    /** One submitted dossier per agency, copied into each case's dossier. */
    const templates = new Map<string, Dossier>();
    let today: string;
    let dueDate: string;
    let newDueDate: string;
    let sequence = 0;

    before(async () => {
      handle = await openSeeded(target);
      const calendar = await loadCalendar(handle.db);
      today = todayInVietnam();
      dueDate = calendar.addWorkingDays(today, 5);
      newDueDate = calendar.addWorkingDays(dueDate, 3);
      let p = 0;
      const add = async (role: StaffRole, agencyCode: string | null, suffix = '') => {
        const key = `${role}${suffix}@${agencyCode ?? '*'}`;
        const email = `${role}${suffix}.${(agencyCode ?? 'tw').toLowerCase()}@thads.example.gov.vn`;
        const password = `${passwords[p++ % passwords.length]} ${p}`;
        const id = await createStaffUser(handle.db, { email, fullName: `Cán bộ ${key}`, role, agencyCode, password });
        staff.set(key, { role, staffId: id, agencyCode, email, ip: '198.51.100.4' });
      };
      for (const agency of ['HNI', 'HNI-KV1']) for (const role of ['reception', 'officer', 'head', 'admin'] as const) await add(role, agency);
      await add('officer', 'HNI', '2');
      await add('officer', 'HCM');
      await add('officer', 'HCM', '2');
      await add('admin', null);
      for (const procedure of [YCTHA, XNKQ, KN, TC]) {
        for (const agency of ['HNI', 'HNI-KV1', 'HCM']) {
          const draft = await completeDraft(handle.db, procedure, { overrides: { agency } });
          const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
          templates.set(`${procedure.code}@${agency}`, await handle.db.selectFrom('dossiers').selectAll().where('id', '=', dossierId).executeTakeFirstOrThrow());
        }
      }
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const get = (key: string): StaffActor => {
      const actor = staff.get(key);
      if (!actor) throw new Error(`no staff ${key}`);
      return actor;
    };
    const actorFor = (kind: ActorKind, agency: string): StaffActor => (kind === 'admin (central)' ? get('admin@*') : get(`${roleOf(kind)}@${agency}`));
    /** An officer the dossier may be assigned to, and another one (the current assignee before a reassignment). */
    const officersFor = (agency: string) => (agency === 'HCM' ? [get('officer@HCM'), get('officer2@HCM')] : [get('officer@HNI'), get('officer2@HNI')]);

    /** A copy of the agency's template dossier in `status`, as the lifecycle would have left it there. */
    async function dossierIn(agency: string, status: DossierStatus, assignedTo: number | null, procedure = YCTHA): Promise<{ id: number; code: string }> {
      const t = templates.get(`${procedure.code}@${agency}`)!;
      const n = ++sequence;
      const received = !['submitted', 'awaiting_supplement', 'refused', 'withdrawn'].includes(status);
      const row = await handle.db
        .insertInto('dossiers')
        .values({
          code: `${t.code}-M${n}`,
          procedure_code: t.procedure_code,
          agency_code: t.agency_code,
          status,
          channel: t.channel,
          locale: t.locale,
          applicant_name: t.applicant_name,
          applicant_id_number: t.applicant_id_number,
          applicant_phone: t.applicant_phone,
          applicant_email: t.applicant_email,
          applicant_address: t.applicant_address,
          data: JSON.stringify(t.data),
          pin_hash: t.pin_hash,
          idempotency_key: `matrix-${n}`,
          submitted_at: t.submitted_at,
          received_at: received ? new Date() : null,
          due_date: received ? dueDate : null,
          assigned_to: received && status !== 'received' ? assignedTo : null,
        })
        .returning(['id', 'code'])
        .executeTakeFirstOrThrow();
      if (status === 'awaiting_approval') {
        // The officer's draft the head approves.
        const bytes = pdfBytes(`draft-${row.id}`);
        await handle.db
          .insertInto('attachments')
          .values({ dossier_id: row.id, document_id: 'result_draft', file_name: 'du-thao.pdf', content_type: 'application/pdf', size_bytes: bytes.length, sha256: 'x'.repeat(64), content: bytes })
          .execute();
      }
      return row;
    }

    /** Puts a dossier in `from` for `action` by `actor`, with input the action accepts; returns what to call. */
    async function prepare(action: StaffActionName, from: DossierStatus, actor: Actor, agency: string, procedure = YCTHA) {
      const [officer, otherOfficer] = officersFor(agency);
      // The result (or its draft) is the assigned officer's: the acting officer when it is one, else someone else.
      const resultWork = action === 'record_result' || action === 'submit_draft';
      const assignee = resultWork && actor.role === 'officer' ? actor.staffId : action === 'reassign' ? otherOfficer!.staffId : officer!.staffId;
      const dossier = await dossierIn(agency, from, assignee, procedure);
      const input: StaffActionInput = {
        publicUrl: PUBLIC_URL,
        reason: 'Lý do đầy đủ, nêu rõ căn cứ.',
        conclusion: 'partly_right',
        number: '5/QĐ-GQKN',
        findings: 'Kết quả xác minh.',
        legalBasis: 'Luật Thi hành án dân sự.',
        remedy: 'amend',
        measures: 'Kiểm điểm.',
        officerId: officer!.staffId,
        newDueDate,
        file: { name: 'ket-qua.pdf', bytes: pdfBytes(`${action}-${dossier.id}`) },
      };
      return { dossier, run: () => takeStaffAction(handle.db, dossier.id, action, actor, input) };
    }

    /** 'allowed', or the lifecycle's reason for refusing; any other error fails the test. */
    async function outcomeOf(run: () => Promise<unknown>, label: string): Promise<string> {
      try {
        await run();
        return 'allowed';
      } catch (err) {
        if (!(err instanceof TransitionError)) throw new Error(`${label}: ${String(err)}`, { cause: err });
        return err.reason;
      }
    }

    const auditCount = async (code: string) =>
      (await handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', code).executeTakeFirstOrThrow()).n;
    const statusOf = async (id: number) => (await handle.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    for (const [procedure, table, statuses] of [
      [YCTHA, headSigns, allStatuses],
      [XNKQ, officerSigns, allStatuses],
      [KN, complaintTable, complaintStatuses],
      [TC, denunciationTable, denunciationStatuses],
    ] as const) {
      it(`${procedure.code}: every action × every status × every role, in the own agency, as the table says`, async () => {
        assert.deepEqual([...staffActionNames].sort(), Object.keys(table).sort(), 'the table covers every staff action');
        const mismatches: string[] = [];
        for (const action of staffActionNames) {
          for (const from of statuses) {
            for (const role of roles) {
              const actor = get(`${role}@HNI`);
              const expected = (table[action][role] ?? []).includes(from);
              const label = `${procedure.code} ${action} from ${from} by ${role}`;
              const { dossier, run } = await prepare(action, from, actor, 'HNI', procedure);
              const offered = (await availableActions(handle.db, dossier.id, actor)).includes(action);
              if (offered !== expected) mismatches.push(`${label}: availableActions ${offered ? 'offers' : 'hides'} it`);
              const outcome = await outcomeOf(run, label);
              if (outcome !== (expected ? 'allowed' : 'not_allowed')) mismatches.push(`${label}: ${outcome}`);
              const status = await statusOf(dossier.id);
              const want = expected ? (toStatus[action] === 'same' ? from : toStatus[action]) : from;
              if (status !== want) mismatches.push(`${label}: status ${status}, expected ${want}`);
              if ((await auditCount(dossier.code)) !== (expected ? 1 : 0)) mismatches.push(`${label}: audit entries`);
            }
            // A citizen takes no staff action, whatever the dossier's state.
            const citizen: Actor = { role: 'citizen' };
            const { dossier, run } = await prepare(action, from, citizen, 'HNI', procedure);
            await assert.rejects(run(), (err: unknown) => err instanceof TransitionError && err.reason === 'not_allowed', `${action} from ${from} by a citizen`);
            assert.equal(await statusOf(dossier.id), from);
            assert.deepEqual(await availableActions(handle.db, dossier.id, citizen), []);
          }
        }
        assert.deepEqual(mismatches, []);
      });
    }

    for (const action of staffActionNames) {
      it(`${action}: the allowed cases only within the agency scope`, async () => {
        const mismatches: string[] = [];
        // Each action on a procedure whose table lists it.
        const [procedure, table, statuses] =
          action === 'record_result'
            ? [XNKQ, officerSigns, allStatuses]
            : action === 'conclude'
              ? [TC, denunciationTable, denunciationStatuses]
              : Object.keys(complaintTable[action]).length > 0
                ? [KN, complaintTable, complaintStatuses]
                : [YCTHA, headSigns, allStatuses];
        for (const [role, statuses] of Object.entries(table[action]) as [StaffRole, DossierStatus[]][]) {
          for (const from of statuses) {
            const kinds: ActorKind[] = actorKinds.filter((k) => roleOf(k) === role);
            for (const kind of kinds) {
              for (const scope of scopes.filter((sc) => sc.name !== 'own agency')) {
                const actor = actorFor(kind, scope.actorAgency);
                const label = `${action} from ${from} by ${kind} on ${scope.name}`;
                const { dossier, run } = await prepare(action, from, actor, scope.dossierAgency, procedure);
                const offered = (await availableActions(handle.db, dossier.id, actor)).includes(action);
                if (offered !== scope.inScope) mismatches.push(`${label}: availableActions ${offered ? 'offers' : 'hides'} it`);
                const outcome = await outcomeOf(run, label);
                if (outcome !== (scope.inScope ? 'allowed' : 'other_agency')) mismatches.push(`${label}: ${outcome}`);
              }
            }
          }
        }
        // The central administrator is in scope everywhere but processes nothing.
        for (const agency of ['HNI', 'HNI-KV1', 'HCM']) {
          for (const from of statuses) {
            const { dossier, run } = await prepare(action, from, get('admin@*'), agency, procedure);
            if ((await availableActions(handle.db, dossier.id, get('admin@*'))).length > 0) mismatches.push(`central admin offered actions on ${from}`);
            await assert.rejects(run(), (err: unknown) => err instanceof TransitionError && err.reason === 'not_allowed');
          }
        }
        assert.deepEqual(mismatches, []);
      });
    }

    it('lets a system actor (the demo seed: no staff id) act anywhere, audited without an actor id', async () => {
      const dossier = await dossierIn('HCM', 'submitted', null);
      const system: Actor = { role: 'reception', staffId: null, agencyCode: null };
      await transition(handle.db, dossier.id, 'receive', system, { publicUrl: PUBLIC_URL, set: { received_at: new Date(), due_date: dueDate } });
      assert.equal(await statusOf(dossier.id), 'received');
      const audit = await handle.db.selectFrom('audit_log').selectAll().where('entity_id', '=', dossier.code).executeTakeFirstOrThrow();
      assert.deepEqual([audit.action, audit.actor_id, audit.actor_email, audit.agency_code], ['dossier.receive', null, null, 'HCM']);
      // Its role still counts: a system actor in the admin role processes nothing.
      await assert.rejects(
        transition(handle.db, dossier.id, 'assign', { role: 'admin', staffId: null, agencyCode: null }, { publicUrl: PUBLIC_URL }),
        (err: unknown) => err instanceof TransitionError && err.reason === 'not_allowed',
      );
    });

    it('holds a staff account without an agency to nothing unless it is an administrator', async () => {
      const dossier = await dossierIn('HNI', 'submitted', null);
      const stray: Actor = { role: 'reception', staffId: get('reception@HNI').staffId, agencyCode: null };
      await assert.rejects(
        transition(handle.db, dossier.id, 'receive', stray, { publicUrl: PUBLIC_URL }),
        (err: unknown) => err instanceof TransitionError && err.reason === 'other_agency',
      );
      assert.deepEqual(await availableActions(handle.db, dossier.id, stray), []);
      assert.equal(await statusOf(dossier.id), 'submitted');
    });
  });
}
