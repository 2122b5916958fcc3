import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, type CompiledQuery } from 'kysely';
import { nulFree, withoutNul } from '../../src/server/nul-free.ts';

/** What reached the driver, query by query. */
const sent: CompiledQuery[] = [];
class RecordingDriver extends DummyDriver {
  override async acquireConnection() {
    return {
      executeQuery: async (query: CompiledQuery) => {
        sent.push(query);
        return { rows: [] };
      },
      // eslint-disable-next-line require-yield
      streamQuery: async function* () {
        return;
      },
    };
  }
}

const db = new Kysely<{ t: { a: string; b: string | null; j: string } }>({
  dialect: nulFree({
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new RecordingDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  }),
});

test('NUL characters are stripped from every string a query sends', async () => {
  sent.length = 0;
  await db.insertInto('t').values({ a: 'Nguyễn\u0000 Văn\u0000\u0000 An', b: null, j: '{"x":"c\\u0000d"}' }).execute();
  await db.selectFrom('t').selectAll().where('a', 'in', ['x\u0000', 'y']).where('b', '=', '\u0000').execute();
  await sql`select ${'a\u0000b'}::text`.execute(db);
  await db.transaction().execute((trx) => trx.updateTable('t').set({ a: '\u0000z' }).execute());
  assert.deepEqual(
    sent.map((q) => q.parameters),
    [['Nguyễn Văn An', null, '{"x":"cd"}'], ['x', 'y', ''], ['ab'], ['z']],
  );
  // A query without NUL reaches the driver as it was compiled (nothing is copied).
  const clean = db.selectFrom('t').selectAll().where('a', '=', 'Lan').compile();
  sent.length = 0;
  await db.executeQuery(clean);
  assert.equal(sent[0], clean);
});

test('in JSON text only a live \\u0000 escape goes; an escaped backslash before "u0000" is text and stays', () => {
  assert.equal(withoutNul(JSON.stringify({ note: 'a\u0000b' })), '{"note":"ab"}');
  assert.equal(withoutNul(JSON.stringify({ note: 'a\\u0000b' })), '{"note":"a\\\\u0000b"}');
  assert.equal(withoutNul(JSON.stringify({ note: 'a\\\u0000b' })), '{"note":"a\\\\b"}');
  // Plain text that only looks like an escape is left as typed.
  assert.equal(withoutNul('C:\\u0000'), 'C:\\u0000');
  assert.equal(withoutNul(42), 42);
  const bytes = Uint8Array.of(0, 1);
  assert.equal(withoutNul(bytes), bytes);
});
