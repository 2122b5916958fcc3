import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { competentAgency } from '../../src/server/dossiers/competent-agency.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { closeAndDrop, completeDraft, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;
const YCTHA = procedureByCode('YCTHA')!;

for (const target of testDatabases) {
  describe(`the competent level for a petition on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    it('names the agency one level up for a complaint about a head, two for a second complaint about a head', async () => {
      const route = (kind: 'complaint' | 'denunciation' | 'one-stop', agency: string, answers: Record<string, unknown>) => competentAgency(handle.db, kind, agency, answers);
      assert.deepEqual(await route('complaint', 'HNI-KV1', { round: 'first', respondentRole: 'officer' }), { agencyCode: 'HNI-KV1', reason: null, aboveProvince: false });
      assert.deepEqual(await route('complaint', 'HNI-KV1', { round: 'first', respondentRole: 'head' }), { agencyCode: 'HNI', reason: 'about_head', aboveProvince: false });
      assert.deepEqual(await route('complaint', 'HNI', { round: 'first', respondentRole: 'head' }), { agencyCode: 'HNI', reason: 'about_head', aboveProvince: true });
      assert.deepEqual(await route('complaint', 'HNI-KV1', { round: 'second', respondentRole: 'officer' }), { agencyCode: 'HNI', reason: 'second_complaint', aboveProvince: false });
      assert.deepEqual(await route('complaint', 'HNI-KV1', { round: 'second', respondentRole: 'head' }), { agencyCode: 'HNI', reason: 'second_complaint', aboveProvince: true });
      assert.deepEqual(await route('denunciation', 'HNI-KV1', { accusedPosition: 'head' }), { agencyCode: 'HNI', reason: 'about_head', aboveProvince: false });
      assert.deepEqual(await route('denunciation', 'HNI-KV1', { accusedPosition: 'otherOfficial' }), { agencyCode: 'HNI-KV1', reason: null, aboveProvince: false });
      assert.deepEqual(await route('one-stop', 'HNI-KV1', { respondentRole: 'head' }), { agencyCode: 'HNI-KV1', reason: null, aboveProvince: false });
    });

    it('files the petition with the competent agency and records the agency named; one-stop applications stay where sent', async () => {
      const filed = async (procedure: typeof KN, overrides: Record<string, unknown>) => {
        const draft = await completeDraft(handle.db, procedure, { overrides });
        const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
        return handle.db.selectFrom('dossiers').select(['agency_code', 'data']).where('id', '=', dossierId).executeTakeFirstOrThrow();
      };
      const aboutHead = await filed(KN, { agency: 'HNI-KV1', respondentRole: 'head' });
      assert.equal(aboutHead.agency_code, 'HNI');
      assert.deepEqual(aboutHead.data.routing, { namedAgency: 'HNI-KV1', reason: 'about_head', aboveProvince: false });
      assert.equal(aboutHead.data.agency, 'HNI-KV1', 'the answer stays as the complainant gave it');
      const denounced = await filed(TC, { agency: 'HNI-KV1', accusedPosition: 'head' });
      // The head denounced works at the regional office, whose staff never see the provincial agency's dossiers.
      assert.equal(denounced.agency_code, 'HNI');
      const plain = await filed(KN, { agency: 'HNI-KV1', respondentRole: 'officer' });
      assert.deepEqual([plain.agency_code, plain.data.routing], ['HNI-KV1', undefined]);
      const application = await filed(YCTHA, { agency: 'HNI-KV1' });
      assert.deepEqual([application.agency_code, application.data.routing], ['HNI-KV1', undefined]);
    });
  });
}
