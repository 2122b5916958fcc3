/**
 * The PIN is shown once: the confirmation page's first rendering takes it out of the draft row, and nothing after
 * it (a reload, the receipt, the check page's form sent again) gets it back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { confirmationFor, confirmationShownOnce } from '../../src/server/dossiers/confirmation.ts';
import { getDraft } from '../../src/server/dossiers/drafts.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { closeAndDrop, completeDraft, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const MGCPCC = procedureByCode('MGCPCC')!;
const now = new Date('2026-11-02T09:00:00+07:00');

for (const target of testDatabases) {
  describe(`the PIN shown once on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });
    const pinInRow = async (id: string) => (await handle.db.selectFrom('dossier_drafts').select('pin').where('id', '=', id).executeTakeFirstOrThrow()).pin;

    it('gives the PIN to the first confirmation only, then forgets it; a second submission lands on the confirmation without it', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const submitted = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now });
      const afterSubmit = (await getDraft(handle.db, draft.id, now))!;
      // The receipt never has it, even before the confirmation was shown.
      assert.equal((await confirmationFor(handle.db, afterSubmit, now))!.pin, null);

      const first = await confirmationShownOnce(handle.db, afterSubmit, now);
      assert.equal(first!.code, submitted.code);
      assert.equal(first!.pin, submitted.pin);
      assert.equal(await pinInRow(draft.id), null);

      const reload = await confirmationShownOnce(handle.db, (await getDraft(handle.db, draft.id, now))!, now);
      assert.equal(reload!.code, submitted.code);
      assert.equal(reload!.pin, null);

      const again = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now });
      assert.deepEqual({ dossierId: again.dossierId, code: again.code, created: again.created }, { dossierId: submitted.dossierId, code: submitted.code, created: false });
      assert.equal(again.pin, '');
      assert.equal((await confirmationShownOnce(handle.db, (await getDraft(handle.db, draft.id, now))!, now))!.pin, null);
      assert.equal(await pinInRow(draft.id), null);
    });

    it('gives the PIN to one of two confirmations rendered at once', async () => {
      const draft = await completeDraft(handle.db, MGCPCC, { overrides: { agency: 'HNI' } });
      const submitted = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL, now });
      const row = (await getDraft(handle.db, draft.id, now))!;
      const both = await Promise.all([confirmationShownOnce(handle.db, row, now), confirmationShownOnce(handle.db, row, now)]);
      assert.deepEqual(both.map((c) => c!.pin).sort(), [submitted.pin, null].sort());
    });
  });
}
