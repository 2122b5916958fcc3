/**
 * The authorization matrix of the back office: every role × every staff action × the dossier's agency seen from the
 * actor (own, a regional office of its own, another province's, and — from a regional office — its provincial
 * agency's), with the dossier in each status the action may start from. An action must go through exactly when
 * lifecycle.ts lists the role and the agency is in scope; `availableActions` must offer exactly those.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { oneStopActions, type DossierStatus, type StaffRole } from '../../src/server/dossiers/lifecycle.ts';
import { availableActions, staffActionNames, takeStaffAction, type StaffActionInput, type StaffActionName } from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { transition, TransitionError, type Actor, type StaffActor } from '../../src/server/dossiers/transition.ts';
import type { Dossier } from '../../src/server/schema.ts';
import { closeAndDrop, completeDraft, openSeeded, pdfBytes, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const YCTHA = procedureByCode('YCTHA')!;

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
      for (const agency of ['HNI', 'HNI-KV1', 'HCM']) {
        const draft = await completeDraft(handle.db, YCTHA, { overrides: { agency } });
        const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        templates.set(agency, await handle.db.selectFrom('dossiers').selectAll().where('id', '=', dossierId).executeTakeFirstOrThrow());
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
    async function dossierIn(agency: string, status: DossierStatus, assignedTo: number | null): Promise<{ id: number; code: string }> {
      const t = templates.get(agency)!;
      const n = ++sequence;
      const received = status !== 'submitted' && status !== 'awaiting_supplement';
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
          assigned_to: status === 'in_progress' || status === 'result_ready' ? assignedTo : null,
        })
        .returning(['id', 'code'])
        .executeTakeFirstOrThrow();
      return row;
    }

    /** Puts a dossier in `from` for `action` by `actor`, with input the action accepts; returns what to call. */
    async function prepare(action: StaffActionName, from: DossierStatus, actor: Actor, agency: string) {
      const [officer, otherOfficer] = officersFor(agency);
      // The result is recorded by the assigned officer: the acting officer when it is one, else someone else.
      const assignee = action === 'record_result' && actor.role === 'officer' ? actor.staffId : action === 'reassign' ? otherOfficer!.staffId : officer!.staffId;
      const dossier = await dossierIn(agency, from, assignee);
      const input: StaffActionInput = {
        publicUrl: PUBLIC_URL,
        reason: 'Lý do đầy đủ, nêu rõ căn cứ.',
        officerId: officer!.staffId,
        newDueDate,
        file: { name: 'ket-qua.pdf', bytes: pdfBytes(`${action}-${dossier.id}`) },
      };
      return { dossier, run: () => takeStaffAction(handle.db, dossier.id, action, actor, input) };
    }

    const auditCount = async (code: string) =>
      (await handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', code).executeTakeFirstOrThrow()).n;
    const statusOf = async (id: number) => (await handle.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

    for (const action of staffActionNames) {
      const rule = oneStopActions[action];
      it(`${action}: allowed exactly for ${rule.by.join(', ')} within the agency scope`, async () => {
        const mismatches: string[] = [];
        for (const from of rule.from) {
          for (const kind of actorKinds) {
            const cases =
              kind === 'admin (central)'
                ? (['HNI', 'HNI-KV1', 'HCM'] as const).map((dossierAgency) => ({ name: `central, ${dossierAgency}`, actorAgency: null, dossierAgency, inScope: true }))
                : scopes;
            for (const scope of cases) {
              const actor = scope.actorAgency === null ? actorFor(kind, '') : actorFor(kind, scope.actorAgency);
              const expected = (rule.by as readonly string[]).includes(roleOf(kind)) && scope.inScope;
              const label = `${action} from ${from} by ${kind} on ${scope.name}`;
              const { dossier, run } = await prepare(action, from, actor, scope.dossierAgency);

              const offered = (await availableActions(handle.db, dossier.id, actor)).includes(action);
              if (offered !== expected) mismatches.push(`${label}: availableActions ${offered ? 'offers' : 'hides'} it`);

              let outcome: string;
              try {
                await run();
                outcome = 'allowed';
              } catch (err) {
                if (!(err instanceof TransitionError)) throw new Error(`${label}: ${String(err)}`, { cause: err });
                outcome = err.reason;
              }
              const want = expected ? 'allowed' : scope.inScope ? 'not_allowed' : 'other_agency';
              if (outcome !== want) mismatches.push(`${label}: ${outcome}, expected ${want}`);

              const status = await statusOf(dossier.id);
              const audits = await auditCount(dossier.code);
              if (outcome === 'allowed') {
                if (status !== (rule.to ?? from)) mismatches.push(`${label}: status ${status}`);
                if (audits !== 1) mismatches.push(`${label}: ${audits} audit entries`);
              } else {
                if (status !== from) mismatches.push(`${label}: refused but status ${status}`);
                if (audits !== 0) mismatches.push(`${label}: refused but audited`);
              }
            }
          }
          // A citizen takes no staff action, whatever the dossier's state.
          const citizen: Actor = { role: 'citizen' };
          const { dossier, run } = await prepare(action, from, citizen, 'HNI');
          await assert.rejects(run(), (err: unknown) => err instanceof TransitionError && err.reason === 'not_allowed', `${action} from ${from} by a citizen`);
          assert.equal(await statusOf(dossier.id), from);
          assert.deepEqual(await availableActions(handle.db, dossier.id, citizen), []);
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
