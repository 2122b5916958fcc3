/**
 * Sign-in throttling, in PostgreSQL so every instance shares it.
 *
 * Per account: five failures are free; after that each further attempt must wait 1, 2, 4 … minutes after the last
 * failure, at most 30. A quiet hour forgives one failure, so the delay decays rather than lasting for ever. The
 * account is never locked outright: the right password from a client this account signed in from before (an
 * address kept as a keyed hash, or the device cookie the browser got then) or from a browser still holding a valid
 * session passes the delay. Whoever guesses from elsewhere gets about two guesses an hour.
 *
 * Per address: 20 FAILURES in 15 minutes (a fixed window from the first one); successes never count, so an office
 * behind one NAT address is not locked out by its own staff signing in.
 *
 * Attempts in flight (reserved, password not yet checked) are counted apart from failures, and settled as one or
 * the other once argon2 has answered. An attempt that would be over a limit if every attempt in flight failed, but
 * not by the failures settled so far, waits for those to settle (polling, at most MAX_WAIT_MS) rather than being
 * refused: parallel guesses cannot all slip through while argon2 runs, and a right password is never refused
 * because other attempts — right ones, typically the same person's double click or an office signing in at nine —
 * were in flight. In-flight counts untouched for IN_FLIGHT_STALE_MS (a process died mid-attempt) become failures.
 * Both rows are locked in one transaction.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { constantTimeEqualBytes } from './compare.ts';
import { secretKey } from './secret-key.ts';

export const FREE_ACCOUNT_FAILURES = 5;
const MINUTE = 60_000;
const FIRST_DELAY_MS = MINUTE;
const MAX_DELAY_MS = 30 * MINUTE;
/** A quiet hour forgives one failure. */
const DECAY_MS = 60 * MINUTE;
export const ADDRESS_FAILURE_LIMIT = 20;
const ADDRESS_WINDOW_MS = 15 * MINUTE;
/** Known addresses and devices are forgotten after this long unseen. */
const KNOWN_CLIENT_TTL_MS = 180 * 24 * 60 * MINUTE;
/** An argon2 check takes a fraction of a second; attempts in flight longer than this were abandoned. */
const IN_FLIGHT_STALE_MS = MINUTE;
/** How long an attempt waits for the attempts in flight to settle before it is refused after all. */
const MAX_WAIT_MS = 10_000;
export const DEVICE_COOKIE_MAX_AGE_SECONDS = KNOWN_CLIENT_TTL_MS / 1000;

/** How long after the last failure the next attempt must wait, given the failures counted. */
export function accountDelayMs(failures: number): number {
  if (failures < FREE_ACCOUNT_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ACCOUNT_FAILURES), MAX_DELAY_MS);
}

/** Failures still counted `elapsedMs` after the last one. */
export function decayedFailures(failures: number, elapsedMs: number): number {
  return Math.max(0, failures - Math.floor(Math.max(0, elapsedMs) / DECAY_MS));
}

export const accountKey = (email: string) => `account:${email}`;
export const addressKey = (ip: string | null) => `address:${ip ?? 'unknown'}`;

export type Reservation = { allowed: true } | { allowed: false; limit: 'account' | 'ip'; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

type Row = { key: string; failures: number; in_flight: number; in_flight_at: Date | null; first_failure_at: Date; last_failure_at: Date };

async function lockRow(trx: Kysely<Database>, key: string, now: Date): Promise<Row> {
  await trx.insertInto('signin_failures').values({ key, failures: 0, first_failure_at: now, last_failure_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await trx.selectFrom('signin_failures').selectAll().where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
  const parsed = { ...row, in_flight_at: row.in_flight_at && new Date(row.in_flight_at), first_failure_at: new Date(row.first_failure_at), last_failure_at: new Date(row.last_failure_at) };
  if (parsed.in_flight > 0 && parsed.in_flight_at && now.getTime() - parsed.in_flight_at.getTime() > IN_FLIGHT_STALE_MS) {
    // Abandoned attempts count as failures, as if their passwords had been wrong.
    const last = parsed.in_flight_at > parsed.last_failure_at ? parsed.in_flight_at : parsed.last_failure_at;
    return { ...parsed, failures: parsed.failures + parsed.in_flight, in_flight: 0, last_failure_at: last };
  }
  return parsed;
}

async function saveRow(trx: Kysely<Database>, row: Row): Promise<void> {
  const { key, ...values } = row;
  await trx.updateTable('signin_failures').set(values).where('key', '=', key).execute();
}

/** The address's failures inside its window (0 when the window is over), and the window's start. */
function addressWindow(row: Row, now: Date): { failures: number; start: Date } {
  return now.getTime() - row.first_failure_at.getTime() < ADDRESS_WINDOW_MS ? { failures: row.failures, start: row.first_failure_at } : { failures: 0, start: now };
}

type Attempt = Reservation | { allowed: false; limit: 'busy' };

async function tryReserve(db: Kysely<Database>, keys: { account: string; address?: string }, opts: { now: Date; trusted: boolean }): Promise<Attempt> {
  const t = opts.now.getTime();
  return db.transaction().execute(async (trx): Promise<Attempt> => {
    const address = keys.address === undefined ? null : await lockRow(trx, keys.address, opts.now);
    const window = address ? addressWindow(address, opts.now) : null;
    if (window && window.failures >= ADDRESS_FAILURE_LIMIT) {
      return { allowed: false, limit: 'ip', retryAfterSeconds: seconds(window.start.getTime() + ADDRESS_WINDOW_MS - t) };
    }
    const addressBusy = window !== null && address!.in_flight > 0 && window.failures + address!.in_flight >= ADDRESS_FAILURE_LIMIT;
    const account = await lockRow(trx, keys.account, opts.now);
    const failures = decayedFailures(account.failures, t - account.last_failure_at.getTime());
    const waitMs = account.last_failure_at.getTime() + accountDelayMs(failures) - t;
    if (waitMs > 0 && !opts.trusted) return { allowed: false, limit: 'account', retryAfterSeconds: seconds(waitMs) };
    // Were every attempt in flight to fail, this one would have to wait: let them settle first.
    const accountBusy = !opts.trusted && account.in_flight > 0 && accountDelayMs(failures + account.in_flight) > 0;
    if (addressBusy || accountBusy) return { allowed: false, limit: 'busy' };

    // Failures stay as stored: their decay is counted from the last failure, whenever they are next read.
    await saveRow(trx, { ...account, in_flight: account.in_flight + 1, in_flight_at: opts.now });
    if (address) await saveRow(trx, { ...address, in_flight: address.in_flight + 1, in_flight_at: opts.now });
    return { allowed: true };
  });
}

/**
 * Decides whether an attempt may go ahead and, if so, counts it in flight on the account and the address until
 * `settleAttempt` says how it ended. `trusted` lets the attempt pass the account's delay (never the address limit).
 * `address: undefined` leaves the address out (a password change inside a session).
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  keys: { account: string; address?: string },
  opts: { now: Date; trusted: boolean },
): Promise<Reservation> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    const attempt = await tryReserve(db, keys, opts);
    if (attempt.allowed || attempt.limit !== 'busy') return attempt;
    if (Date.now() >= deadline) return { allowed: false, limit: 'account', retryAfterSeconds: 1 };
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * The attempt reserved at `now` has ended. A success starts the account afresh and never counts on the address;
 * a failure counts on both.
 */
export async function settleAttempt(db: Kysely<Database>, keys: { account: string; address?: string }, outcome: 'success' | 'failure', now: Date): Promise<void> {
  const t = now.getTime();
  await db.transaction().execute(async (trx) => {
    const address = keys.address === undefined ? null : await lockRow(trx, keys.address, now);
    const account = await lockRow(trx, keys.account, now);
    const accountInFlight = Math.max(0, account.in_flight - 1);
    if (outcome === 'success') {
      await saveRow(trx, { ...account, failures: 0, in_flight: accountInFlight });
    } else {
      const failures = decayedFailures(account.failures, t - account.last_failure_at.getTime()) + 1;
      await saveRow(trx, { ...account, failures, last_failure_at: now, in_flight: accountInFlight });
    }
    if (address) {
      const window = addressWindow(address, now);
      const inFlight = Math.max(0, address.in_flight - 1);
      if (outcome === 'success') await saveRow(trx, { ...address, in_flight: inFlight });
      // The window starts at its first failure.
      else await saveRow(trx, { ...address, failures: window.failures + 1, first_failure_at: window.failures === 0 ? now : window.start, last_failure_at: now, in_flight: inFlight });
    }
  });
}

/** Forgets counters quiet for a day (their delay and window are long over), so guessed e-mails do not pile up. */
export async function sweepFailures(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('signin_failures').where('last_failure_at', '<', new Date(now.getTime() - 24 * 60 * MINUTE)).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Known clients

/** A keyed hash: the IPv4 space is small enough to reverse a plain SHA-256 of an address. */
function clientHash(kind: 'address' | 'device', value: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secretKey()).update(`signin-client:${kind}:${value}`).digest());
}

/** Whether `userId` signed in before from `ip` or from the browser holding `deviceToken` (within the TTL). */
export async function isKnownClient(db: Kysely<Database>, userId: number, client: { ip: string | null; deviceToken?: string | null }, now: Date): Promise<boolean> {
  const wanted: Uint8Array[] = [];
  if (client.ip) wanted.push(clientHash('address', client.ip));
  if (client.deviceToken && /^[a-z2-7]{32}$/.test(client.deviceToken)) wanted.push(clientHash('device', client.deviceToken));
  if (wanted.length === 0) return false;
  const rows = await db
    .selectFrom('staff_known_clients')
    .select('hash')
    .where('user_id', '=', userId)
    .where('last_seen_at', '>', new Date(now.getTime() - KNOWN_CLIENT_TTL_MS))
    .execute();
  return rows.some((r) => wanted.some((w) => constantTimeEqualBytes(w, new Uint8Array(r.hash))));
}

/**
 * Remembers the address and the device of a successful sign-in; returns the device token for the cookie (the one
 * the browser sent when it is already known, else a new one).
 */
export async function rememberClient(db: Kysely<Database>, userId: number, client: { ip: string | null; deviceToken?: string | null }, now: Date): Promise<string> {
  const known = client.deviceToken && /^[a-z2-7]{32}$/.test(client.deviceToken) && (await isKnownDevice(db, userId, client.deviceToken, now));
  const deviceToken = known ? client.deviceToken! : encodeBase32LowerCaseNoPadding(randomBytes(20));
  const rows: { user_id: number; kind: 'address' | 'device'; hash: Uint8Array; last_seen_at: Date }[] = [{ user_id: userId, kind: 'device', hash: clientHash('device', deviceToken), last_seen_at: now }];
  if (client.ip) rows.push({ user_id: userId, kind: 'address', hash: clientHash('address', client.ip), last_seen_at: now });
  await db
    .insertInto('staff_known_clients')
    .values(rows)
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'hash']).doUpdateSet({ last_seen_at: now }))
    .execute();
  await db.deleteFrom('staff_known_clients').where('user_id', '=', userId).where('last_seen_at', '<=', new Date(now.getTime() - KNOWN_CLIENT_TTL_MS)).execute();
  return deviceToken;
}

async function isKnownDevice(db: Kysely<Database>, userId: number, deviceToken: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('staff_known_clients')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('kind', '=', 'device')
    .where('hash', '=', clientHash('device', deviceToken))
    .where('last_seen_at', '>', new Date(now.getTime() - KNOWN_CLIENT_TTL_MS))
    .executeTakeFirst();
  return row !== undefined;
}
