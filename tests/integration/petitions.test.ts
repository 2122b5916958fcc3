import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { processApplication } from '../../src/server/dossiers/application.ts';
import { relatedDossiers, secondComplaintOffer } from '../../src/server/dossiers/second-complaint.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { closeAndDrop, completeDraft, exampleForm, openSeeded, PUBLIC_URL, requiredDocumentFiles } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;

for (const target of testDatabases) {
  describe(`complaints and denunciations filed online on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    const dossierOf = (id: number) => handle.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const mailsOf = (id: number) => handle.db.selectFrom('mail_outbox').select(['kind', 'to_address']).where('dossier_id', '=', id).execute();

    for (const procedure of [KN, TC]) {
      it(`${procedure.code}: draft → submit, twice, makes one dossier with its code, PIN and one e-mail`, async () => {
        const draft = await completeDraft(handle.db, procedure);
        const first = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        const again = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        assert.equal(first.created, true);
        assert.equal(again.created, false);
        assert.equal(again.code, first.code);
        assert.match(first.pin, /^\d{6,}$/);
        const row = await dossierOf(first.dossierId);
        assert.equal(row.procedure_code, procedure.code);
        assert.equal(row.status, 'submitted');
        // A denouncer's name stays in the vault; the row holds the placeholder (src/server/denouncers/vault.ts).
        assert.equal(row.applicant_name, procedure.code === 'TC' ? 'Người tố cáo (bảo mật)' : procedure.example.fullName);
        // The petition's own first mail (to the denouncer's address, read from the vault).
        assert.deepEqual(await mailsOf(first.dossierId), [{ kind: 'petition_submitted', to_address: procedure.example.email }]);
        const count = await handle.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', '=', draft.id).executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 1);
      });
    }

    describe('time to complain', () => {
      // The example: coercion, learned on Thu 5 Nov 2026; + 30 days = Sat 5 Dec → Mon 7 Dec 2026.
      const post = (now: Date, overrides: Record<string, unknown> = {}) =>
        processApplication(handle.db, { procedure: KN, locale: 'vi', draftId: undefined, form: exampleForm(KN, overrides, requiredDocumentFiles(KN)), now });

      it('on the last day (23:59 in Vietnam) the complaint is on time; its last day is kept with the answers', async () => {
        const result = await post(new Date('2026-12-07T16:59:00Z'));
        assert.equal(result.complete, true);
        assert.equal(result.draft.answers!.lastDayToComplain, '2026-12-07');
        assert.equal('lateComplaint' in result.draft.answers!, false);
      });

      it('the day after, it is still received, flagged late, with the obstacle the complainant names', async () => {
        const result = await post(new Date('2026-12-07T17:00:00Z'), { forceMajeure: 'yes', forceMajeureWhat: 'Nằm viện từ 10/11 đến 30/11/2026' });
        assert.equal(result.complete, true);
        const { dossierId } = await submitDraft(handle.db, result.draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        const data = (await dossierOf(dossierId)).data as Record<string, unknown>;
        assert.equal(data.lateComplaint, true);
        assert.equal(data.lastDayToComplain, '2026-12-07');
        assert.equal(data.forceMajeureWhat, 'Nằm viện từ 10/11 đến 30/11/2026');
      });

      it('a typed lateComplaint or parentDossierCode is not taken from the form', async () => {
        const form = exampleForm(KN, {}, requiredDocumentFiles(KN));
        form.set('lateComplaint', 'false');
        form.set('parentDossierCode', '79-261102-Y58A6J');
        const result = await processApplication(handle.db, { procedure: KN, locale: 'vi', draftId: undefined, form, now: new Date('2026-12-20T03:00:00Z') });
        assert.equal(result.draft.answers!.lateComplaint, true);
        assert.equal('parentDossierCode' in result.draft.answers!, false);
      });
    });

    describe('a second complaint from the first', () => {
      let first: { dossierId: number; code: string };
      before(async () => {
        const draft = await completeDraft(handle.db, KN);
        first = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
      });
      const decide = (dossierId: number, data: Record<string, unknown>) =>
        handle.db
          .insertInto('dossier_events')
          .values({ dossier_id: dossierId, actor_kind: 'staff', action: 'decide', from_status: 'verifying', to_status: 'decided', data: JSON.stringify(data) })
          .execute();

      it('is not offered before a decision', async () => {
        assert.equal(await secondComplaintOffer(handle.db, first.dossierId, new Date('2026-12-01T03:00:00Z')), null);
      });

      it('is offered, pre-filled from the first, until the 15th day after the decision (Fri 20 Nov + 15 = Sat 5 Dec → Mon 7 Dec)', async () => {
        await decide(first.dossierId, { decidedOn: '2026-11-20', conclusion: 'wrong', round: 'first', final: false, number: '12/QĐ-CTHADS' });
        const offer = await secondComplaintOffer(handle.db, first.dossierId, new Date('2026-12-07T16:59:00Z'));
        assert.ok(offer);
        assert.equal(offer.parentDossierCode, first.code);
        assert.equal(offer.lastDay, '2026-12-07');
        assert.deepEqual(
          { round: offer.prefill.round, number: offer.prefill.firstDecisionNumber, received: offer.prefill.firstDecisionReceivedOn, name: offer.prefill.fullName, subject: offer.prefill.subject, agency: offer.prefill.agency },
          { round: 'second', number: '12/QĐ-CTHADS', received: '2026-11-20', name: 'Bùi Quang Huy', subject: 'coercion', agency: 'HCM' },
        );
        assert.equal(await secondComplaintOffer(handle.db, first.dossierId, new Date('2026-12-07T17:00:00Z')), null, 'the 8th of December in Vietnam');
      });

      it('is linked to the first when the server vouches for it, and staff find the first from the second', async () => {
        const offer = (await secondComplaintOffer(handle.db, first.dossierId, new Date('2026-12-01T03:00:00Z')))!;
        const result = await processApplication(handle.db, {
          procedure: KN,
          locale: 'vi',
          draftId: undefined,
          form: exampleForm(KN, { ...offer.prefill }, requiredDocumentFiles(KN)),
          link: { parentDossierCode: offer.parentDossierCode },
        });
        assert.deepEqual(result.errors, []);
        const second = await submitDraft(handle.db, result.draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        const row = await dossierOf(second.dossierId);
        assert.equal((row.data as Record<string, unknown>).parentDossierCode, first.code);
        assert.deepEqual(await relatedDossiers(handle.db, row), [{ id: first.dossierId, code: first.code, procedureCode: 'KN', link: 'parent' }]);
        // A second complaint's decision is not complained about again.
        await decide(second.dossierId, { decidedOn: '2026-11-30', conclusion: 'wrong', round: 'second', final: true });
        assert.equal(await secondComplaintOffer(handle.db, second.dossierId, new Date('2026-12-01T03:00:00Z')), null);
      });

      it('is not offered for a final decision, nor for a denunciation', async () => {
        const draft = await completeDraft(handle.db, KN);
        const final = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        await decide(final.dossierId, { decidedOn: '2026-11-30', conclusion: 'right', round: 'first', final: true });
        assert.equal(await secondComplaintOffer(handle.db, final.dossierId, new Date('2026-12-01T03:00:00Z')), null);
        const tcDraft = await completeDraft(handle.db, TC);
        const tc = await submitDraft(handle.db, tcDraft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        await decide(tc.dossierId, { decidedOn: '2026-11-30', conclusion: 'wrong', round: 'first', final: false });
        assert.equal(await secondComplaintOffer(handle.db, tc.dossierId, new Date('2026-12-01T03:00:00Z')), null);
      });

      it('a complaint names the dossier it concerns: staff get it by its code, typed loosely', async () => {
        const result = await processApplication(handle.db, {
          procedure: KN,
          locale: 'vi',
          draftId: undefined,
          form: exampleForm(KN, { relatedDossierCode: first.code.toLowerCase().replaceAll('-', ' ') }, requiredDocumentFiles(KN)),
        });
        const { dossierId } = await submitDraft(handle.db, result.draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        assert.deepEqual(await relatedDossiers(handle.db, await dossierOf(dossierId)), [{ id: first.dossierId, code: first.code, procedureCode: 'KN', link: 'related' }]);
      });
    });
  });
}
