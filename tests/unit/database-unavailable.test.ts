import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  classifyDatabaseError,
  DatabaseUnavailableError,
  databaseFailureInScope,
  isDatabaseUnavailable,
  retryWhileUnavailable,
  watchDatabase,
} from '../../src/server/database-unavailable.ts';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

test('connection failures count as the database unavailable; query errors do not', () => {
  for (const err of [
    pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    pgError('57P01', 'terminating connection due to administrator command'),
    pgError('57P03', 'the database system is starting up'),
    pgError('08006', 'connection failure'),
    pgError('53300', 'sorry, too many clients already'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new Error('timeout expired'),
    new Error('Migration (unknown) failed', { cause: pgError('ECONNREFUSED', 'connect ECONNREFUSED') }),
  ]) {
    assert.equal(isDatabaseUnavailable(err), true, err.message);
  }
  for (const err of [
    pgError('23505', 'duplicate key value violates unique constraint "dossiers_code_key"'),
    pgError('42P01', 'relation "nope" does not exist'),
    new Error('The draft is missing, expired, or its answers have not passed validation'),
    new Error('Statement timeout expired while importing'),
    undefined,
    'ECONNREFUSED',
  ]) {
    assert.equal(isDatabaseUnavailable(err), false, String(err));
  }
});

test('a classified failure is noted in the scope of the request that met it, and only there', async () => {
  const unique = pgError('23505', 'duplicate key');
  await watchDatabase(async () => {
    assert.equal(classifyDatabaseError(unique), unique);
    assert.equal(databaseFailureInScope(), undefined);
    const failure = classifyDatabaseError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'));
    assert.ok(failure instanceof DatabaseUnavailableError);
    assert.equal((failure as Error).message, 'The database is unavailable: connect ECONNREFUSED 127.0.0.1:5432');
    await new Promise((r) => setTimeout(r, 1));
    assert.equal(databaseFailureInScope(), failure);
  });
  await watchDatabase(async () => assert.equal(databaseFailureInScope(), undefined));
  assert.equal(databaseFailureInScope(), undefined);
});

test('retryWhileUnavailable retries an unavailable database until it answers, on a controlled clock', async () => {
  let clock = 0;
  const waits: number[] = [];
  const messages: string[] = [];
  let calls = 0;
  const result = await retryWhileUnavailable(
    async () => {
      calls++;
      if (calls < 4) throw pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432');
      return 'booted';
    },
    { forMs: 60_000, everyMs: 2000, now: () => clock, sleep: async (ms) => void (waits.push(ms), (clock += ms)), log: (m) => messages.push(m) },
  );
  assert.equal(result, 'booted');
  assert.deepEqual(waits, [2000, 2000, 2000]);
  assert.equal(messages[0], 'connect ECONNREFUSED 127.0.0.1:5432; trying again in 2 s.');
});

test('retryWhileUnavailable gives up after its time with the last error, and at once on any other error', async () => {
  let clock = 0;
  let calls = 0;
  await assert.rejects(
    retryWhileUnavailable(
      async () => {
        calls++;
        throw pgError('57P03', 'the database system is starting up');
      },
      { forMs: 10_000, everyMs: 3000, now: () => clock, sleep: async (ms) => void (clock += ms) },
    ),
    /starting up/,
  );
  // Attempts at 0, 3, 6 and 9 s; a fifth at 12 s would be past the 10 s.
  assert.equal(calls, 4);

  calls = 0;
  await assert.rejects(
    retryWhileUnavailable(
      async () => {
        calls++;
        throw new Error('Migration 20261123T1200_dossiers failed: syntax error');
      },
      { forMs: 10_000, everyMs: 3000, now: () => clock, sleep: async (ms) => void (clock += ms) },
    ),
    /syntax error/,
  );
  assert.equal(calls, 1);
});
