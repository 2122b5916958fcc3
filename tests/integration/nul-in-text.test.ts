import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordAudit } from '../../src/server/audit.ts';
import { sendFeedback } from '../../src/server/survey/feedback.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// The fuzzer found it (tests/fuzz): a NUL in a supplement's note answered 500, "invalid byte sequence for encoding
// UTF8: 0x00". Any text reaching the database now loses its NULs instead (src/server/nul-free.ts).
for (const target of testDatabases) {
  describe(`NUL characters in posted text on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(() => closeAndDrop(handle));

    it('are dropped from a text column', async () => {
      const result = await sendFeedback(handle.db, { agencyCode: '', topic: 'portal', rating: '', message: 'Cảm ơn\u0000 cán bộ\u0000' }, 'vi');
      assert.deepEqual(result, { ok: true });
      const row = await handle.db.selectFrom('general_feedback').select('message').executeTakeFirstOrThrow();
      assert.equal(row.message, 'Cảm ơn cán bộ');
    });

    it('are dropped from a jsonb column, where they travel as the escape \\u0000', async () => {
      await recordAudit(handle.db, { id: null, email: 'tiepnhan@demo.thads.vn', ip: '10.0.0.1' }, { action: 'agency.contacts_updated', entityType: 'agency', entityId: 'HNI', after: { phone: '0243\u0000 123 456' } });
      const row = await handle.db.selectFrom('audit_log').select('after').where('entity_id', '=', 'HNI').executeTakeFirstOrThrow();
      assert.deepEqual(row.after, { phone: '0243 123 456' });
    });
  });
}
