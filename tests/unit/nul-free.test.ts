import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { NulFreePlugin, withoutNul } from '../../src/server/nul-free.ts';

const db = new Kysely<{ t: { a: string; b: string | null; j: string } }>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
  plugins: [new NulFreePlugin()],
});

test('NUL characters are stripped from every string a query sends', () => {
  const insert = db.insertInto('t').values({ a: 'Nguyễn\u0000 Văn\u0000\u0000 An', b: null, j: '{"x":"c\\u0000d"}' }).compile();
  assert.deepEqual(insert.parameters, ['Nguyễn Văn An', null, '{"x":"cd"}']);
  const where = db.selectFrom('t').selectAll().where('a', 'in', ['x\u0000', 'y']).where('b', '=', '\u0000').compile();
  assert.deepEqual(where.parameters, ['x', 'y', '']);
  const raw = sql`select ${'a\u0000b'}::text`.compile(db);
  assert.deepEqual(raw.parameters, ['ab']);
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
