/**
 * Wrong tracking PINs counted per dossier code, in PostgreSQL so that every instance shares the count. The per-address
 * limit (src/actions/guards.ts) stops one client; this stops many: a few hundred addresses at 20 guesses each would
 * otherwise find a six-digit PIN within a day.
 *
 * After `maxFailures` wrong PINs the code is locked for `firstLockMs`, each further lock twice as long as the one
 * before (at most `longestLockMs`); a right PIN after the lock ends forgets the count. A code that no dossier has is
 * counted and locked exactly like a real one, so the lock message tells an attacker nothing the "no such code and
 * PIN" message did not. The applicant of a real dossier is told by e-mail once per lock.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { isValidDossierCode, normaliseDossierCode } from './code.ts';
import { notifyCitizen } from './notify.ts';
import { findDossierByCodeAndPin } from './tracking.ts';

export const PIN_LOCKOUT = {
  /** Wrong PINs that lock a code. */
  maxFailures: 5,
  firstLockMs: 15 * 60_000,
  /** The doubling stops here: an attacker who knows a code must not keep its citizen out for weeks. */
  longestLockMs: 24 * 3600_000,
  /** A count whose last failure is this old starts again from nothing (a citizen's typos weeks apart). */
  forgetAfterMs: 24 * 3600_000,
} as const;

export type PinLookup = { outcome: 'found'; dossierId: number } | { outcome: 'not_found' } | { outcome: 'locked'; until: Date };

/**
 * The dossier for this code and PIN, counting a wrong PIN against the code. While the code is locked the PIN is not
 * even checked: the right PIN is refused too, or the lock would only slow the attacker down to the moment their
 * guess is right. `mailed` says whether this look-up queued the applicant's lock mail (kick the worker then).
 */
export async function lookUpDossier(
  db: Kysely<Database>,
  codeInput: string,
  pinInput: string,
  opts: { publicUrl: string; now?: Date },
): Promise<PinLookup & { mailed?: boolean }> {
  const now = opts.now ?? new Date();
  const code = isValidDossierCode(codeInput) ? normaliseDossierCode(codeInput) : null;
  if (code === null) return { outcome: 'not_found' };
  const lock = await db.selectFrom('tracking_failures').select('locked_until').where('code', '=', code).executeTakeFirst();
  if (lock?.locked_until && new Date(lock.locked_until) > now) return { outcome: 'locked', until: new Date(lock.locked_until) };

  const dossierId = await findDossierByCodeAndPin(db, code, pinInput);
  if (dossierId !== null) {
    // Reached only when no lock is running: the count starts again from nothing.
    await db.deleteFrom('tracking_failures').where('code', '=', code).execute();
    return { outcome: 'found', dossierId };
  }
  const failure = await recordFailure(db, code, now);
  if (failure === 'locked already') {
    const row = await db.selectFrom('tracking_failures').select('locked_until').where('code', '=', code).executeTakeFirstOrThrow();
    return { outcome: 'locked', until: new Date(row.locked_until!) };
  }
  if (failure === null) return { outcome: 'not_found' };
  // This failure locked the code: only one look-up can be the one that does (the row is updated atomically).
  const dossier = await db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirst();
  const mailed = dossier
    ? await db.transaction().execute((trx) => notifyCitizen(trx, { kind: 'tracking_locked', dossierId: dossier.id, publicUrl: opts.publicUrl, facts: { lockedUntil: failure } }))
    : false;
  return { outcome: 'locked', until: failure, mailed };
}

/**
 * Counts one wrong PIN for `code` in one statement: null when the code stays open, the end of the lock when this
 * failure locked it, 'locked already' when another look-up locked it meanwhile (the row is then left alone).
 */
async function recordFailure(db: Kysely<Database>, code: string, now: Date): Promise<Date | null | 'locked already'> {
  const { maxFailures, firstLockMs, longestLockMs, forgetAfterMs } = PIN_LOCKOUT;
  const at = sql`${now.toISOString()}::timestamptz`;
  // Measured from the end of the last lock too, or a lock longer than the forgetting time would reset the doubling.
  const forgotten = sql`greatest(t.last_failure_at, t.locked_until) <= ${new Date(now.getTime() - forgetAfterMs).toISOString()}::timestamptz`;
  const locking = sql`(not ${forgotten} and t.failures + 1 >= ${maxFailures})`;
  const result = await sql<{ failures: number; locked_until: Date | string | null }>`
    insert into tracking_failures as t (code, failures, locks, locked_until, last_failure_at)
    values (${code}, 1, 0, null, ${at})
    on conflict (code) do update set
      failures = case when ${forgotten} then 1 when ${locking} then 0 else t.failures + 1 end,
      locks = case when ${forgotten} then 0 when ${locking} then t.locks + 1 else t.locks end,
      locked_until = case
        when ${locking} then ${at} + least(${firstLockMs} * power(2, t.locks), ${longestLockMs}) * interval '1 millisecond'
        else null end,
      last_failure_at = ${at}
    where t.locked_until is null or t.locked_until <= ${at}
    returning failures, locked_until`.execute(db);
  const row = result.rows[0];
  if (!row) return 'locked already';
  return row.locked_until === null ? null : new Date(row.locked_until);
}
