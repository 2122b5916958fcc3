import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { generateHOTP } from '@oslojs/otp';
import type { Kysely } from 'kysely';
import { verifyPasswordHash } from '../../src/server/auth/password.ts';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/server/auth/session.ts';
import { createSignIn, type SignInService } from '../../src/server/auth/signin.ts';
import { accountKey, addressKey, reserveAttempt } from '../../src/server/auth/throttle.ts';
import {
  beginTotpSetup,
  decryptKey,
  disableTotp,
  enableTotp,
  generateTotpCode,
  parseSetupKey,
  totpStep,
  useRecoveryCode,
  verifyTotpCode,
} from '../../src/server/auth/totp.ts';
import { createRateLimiter } from '../../src/server/ratelimit.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// The TOTP keys of these tests are encrypted under a key of their own (never $DATA_DIR/secret.key).
process.env.SECRET_KEY = randomBytes(32).toString('base64');

const PASSWORD = 'mật-khẩu-rất-dài-2026';
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const MINUTE = 60_000;
/** The time the throttling tests run at (passed as `now`; the counters are in the database). */
const TT = new Date('2026-12-02T02:00:00Z');
const after_ = (ms: number) => new Date(TT.getTime() + ms);
/** The wall-clock time the two-factor tests run at (codes, steps and sessions are computed from it, never from now). */
const T0 = new Date('2026-11-23T03:00:10Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
/** What hashPassword() writes: argon2id, 19 MiB, 2 passes, 1 lane (the same parameters mean the same work). */
const ARGON2_PARAMETERS = 'argon2id$v=19$m=19456,t=2,p=1';

/**
 * Sign-in functions whose counters run on a clock the test moves, and which record the hash each password check
 * was run against.
 */
function signInWithClock() {
  const clock = { t: 0 };
  // The counters are rows in the database, kept in wall-clock milliseconds: the test's clock starts at TT.
  const now = () => TT.getTime() + clock.t;
  const verifiedAgainst: string[] = [];
  const service = createSignIn({
    secondFactorLimit: createRateLimiter({ name: 'second-factor', limit: 5, windowMs: FIFTEEN_MINUTES, now }),
    verifyPassword: (hash, password) => {
      verifiedAgainst.push(hash);
      return verifyPasswordHash(hash, password);
    },
  });
  return { service, clock, verifiedAgainst };
}

for (const target of testDatabases) {
  describe(`staff authentication on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let auth: SignInService;
    let clock: { t: number };
    let verifiedAgainst: string[];
    let n = 0;

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
    });
    after(async () => {
      await closeAndDrop(handle);
    });
    beforeEach(() => {
      ({ service: auth, clock, verifiedAgainst } = signInWithClock());
    });

    /** A new account with PASSWORD. */
    async function newUser(opts: { role?: 'reception' | 'admin'; agency?: string | null } = {}) {
      n++;
      const email = `can.bo.${n}@thads.gov.vn`;
      const id = await createStaffUser(db, {
        email,
        fullName: `Cán Bộ ${n}`,
        role: opts.role ?? 'reception',
        agencyCode: opts.agency === undefined ? 'HNI' : opts.agency,
        password: PASSWORD,
      });
      return { id, email };
    }

    const audits = (filter: { action?: string; actorEmail?: string; actorId?: number }) => {
      let q = db.selectFrom('audit_log').selectAll().orderBy('id');
      if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.actorEmail) q = q.where('actor_email', '=', filter.actorEmail);
      if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
      return q.execute();
    };
    const sessionCount = async (userId: number) =>
      Number((await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);

    async function signedIn(user: { email: string }, ip = '203.0.113.1') {
      const result = await auth.signIn(db, { email: user.email, password: PASSWORD, ip, userAgent: 'test' });
      assert.ok(result.ok, JSON.stringify(result));
      return result;
    }

    describe('signIn', () => {
      it('signs in with the right password (e-mail in any case), creates a verified session and audits it', async () => {
        const user = await newUser();
        const result = await auth.signIn(db, { email: `  ${user.email.toUpperCase()} `, password: PASSWORD, ip: '203.0.113.7', userAgent: 'Firefox' });
        assert.ok(result.ok);
        assert.equal(result.needsTwoFactor, false);
        assert.equal(result.session.twoFactorVerified, true);
        assert.equal(result.user.id, user.id);
        assert.equal(result.user.email, user.email);
        assert.equal(result.user.totpEnabled, false);
        assert.match(result.token, /^[a-z2-7]{24}\.[a-z2-7]{24}$/);

        const validated = await validateSessionToken(db, result.token);
        assert.equal(validated?.user.id, user.id);
        assert.equal(validated?.session.twoFactorVerified, true);
        const row = await db.selectFrom('sessions').selectAll().where('id', '=', result.session.id).executeTakeFirstOrThrow();
        assert.equal(row.ip, '203.0.113.7');
        assert.equal(row.user_agent, 'Firefox');
        assert.ok(!Buffer.from(row.secret_hash).toString('utf8').includes(result.token.split('.')[1]!), 'only the hash is stored');

        const [entry] = await audits({ action: 'auth.signin', actorId: user.id });
        assert.ok(entry);
        assert.equal(entry.actor_email, user.email);
        assert.equal(entry.entity_type, 'staff_user');
        assert.equal(entry.entity_id, String(user.id));
        assert.equal(entry.agency_code, 'HNI');
        assert.equal(entry.ip, '203.0.113.7');
      });

      it('refuses a wrong password as "invalid" and audits the failure', async () => {
        const user = await newUser();
        const result = await auth.signIn(db, { email: user.email, password: PASSWORD + 'x', ip: '203.0.113.8' });
        assert.deepEqual(result, { ok: false, reason: 'invalid' });
        assert.equal(await sessionCount(user.id), 0);
        const [entry] = await audits({ action: 'auth.signin_failed', actorId: user.id });
        assert.ok(entry);
        assert.equal(entry.entity_id, String(user.id));
        assert.equal(entry.ip, '203.0.113.8');
        assert.deepEqual(entry.after, { reason: 'wrong_password' });
      });

      it('refuses an unknown e-mail the same way, after the same argon2 work, and audits what was typed', async () => {
        const user = await newUser();
        const { password_hash } = await db.selectFrom('staff_users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
        const attempt = (email: string) => auth.signIn(db, { email, password: 'wrong password', ip: '198.51.100.1' });
        assert.deepEqual(await attempt('khong.ton.tai.0@thads.gov.vn'), { ok: false, reason: 'invalid' });
        assert.deepEqual(await attempt(user.email), { ok: false, reason: 'invalid' });
        assert.deepEqual(await attempt('khong.ton.tai.1@thads.gov.vn'), { ok: false, reason: 'invalid' });

        // Each attempt ran exactly one argon2 verification: the unknown e-mails against a decoy hash made with the
        // same parameters as a real one, so what the time takes does not tell an unknown e-mail from a known one.
        assert.equal(verifiedAgainst.length, 3);
        const [decoy, real, decoyAgain] = verifiedAgainst as [string, string, string];
        assert.equal(real, password_hash);
        assert.notEqual(decoy, password_hash);
        assert.equal(decoyAgain, decoy, 'one decoy, hashed once');
        const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');
        assert.equal(parameters(real), ARGON2_PARAMETERS);
        assert.equal(parameters(decoy), ARGON2_PARAMETERS);
        assert.equal(decoy.split('$')[5]?.length, real.split('$')[5]?.length, 'the same output length');
        assert.equal(await verifyPasswordHash(decoy, 'wrong password'), false);

        const entries = await audits({ action: 'auth.signin_failed', actorEmail: 'khong.ton.tai.0@thads.gov.vn' });
        assert.equal(entries.length, 1);
        assert.equal(entries[0]!.actor_id, null);
        assert.equal(entries[0]!.entity_id, null);
        assert.deepEqual(entries[0]!.after, { reason: 'unknown_email' });
      });

      it('says "disabled" only after the right password; a wrong one stays "invalid"', async () => {
        const user = await newUser();
        await db.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
        assert.deepEqual(await auth.signIn(db, { email: user.email, password: 'wrong password', ip: '203.0.113.9' }), { ok: false, reason: 'invalid' });
        assert.deepEqual(await auth.signIn(db, { email: user.email, password: PASSWORD, ip: '203.0.113.9' }), { ok: false, reason: 'disabled' });
        assert.equal(await sessionCount(user.id), 0);
        const reasons = (await audits({ action: 'auth.signin_failed', actorId: user.id })).map((e) => (e.after as { reason: string }).reason);
        assert.deepEqual(reasons, ['wrong_password', 'disabled']);
      });
    });

    describe('throttling', () => {
      const attempt = (email: string, password: string, ip: string | null, now: Date, extra: { deviceToken?: string; sessionToken?: string } = {}, service = auth) =>
        service.signIn(db, { email, password, ip, now, ...extra });
      /** Five wrong passwords at TT, from five addresses. */
      async function fiveFailures(email: string, prefix: string) {
        for (let i = 0; i < 5; i++) assert.deepEqual(await attempt(email, `wrong ${i}`, `${prefix}.${i + 1}`, TT), { ok: false, reason: 'invalid' });
      }

      it('per account: five failures from five addresses do not lock out the right password from an address it used before', async () => {
        const user = await newUser();
        assert.ok((await attempt(user.email, PASSWORD, '192.0.2.10', after_(-MINUTE))).ok, 'signed in once from the office');
        await fiveFailures(user.email, '198.18.1');
        // Everyone else waits one minute; the office address passes at once, and only with the right password.
        assert.deepEqual(await attempt(user.email, PASSWORD, '198.18.1.99', after_(1000)), { ok: false, reason: 'throttled', retryAfterSeconds: 59 });
        assert.deepEqual(await attempt(user.email, 'wrong again', '192.0.2.10', after_(2000)), { ok: false, reason: 'invalid' });
        assert.ok((await attempt(user.email, PASSWORD, '192.0.2.10', after_(3000))).ok);
        // The success started the account afresh: a stranger gets five tries again.
        assert.deepEqual(await attempt(user.email, 'wrong', '198.18.1.99', after_(4000)), { ok: false, reason: 'invalid' });
      });

      it('per account: after five failures each attempt waits 1, 2, 4 … minutes after the last failure, at most 30', async () => {
        const user = await newUser();
        await fiveFailures(user.email, '198.18.2');
        const ip = '198.18.2.99';
        assert.deepEqual(await attempt(user.email, PASSWORD, ip, after_(MINUTE - 1)), { ok: false, reason: 'throttled', retryAfterSeconds: 1 });
        let t = MINUTE;
        // Waits after the 6th, 7th … failure, each counted from that failure.
        for (const wait of [2, 4, 8, 16, 30, 30]) {
          assert.deepEqual(await attempt(user.email, 'wrong', ip, after_(t)), { ok: false, reason: 'invalid' });
          assert.deepEqual(await attempt(user.email, PASSWORD, ip, after_(t + 1000)), { ok: false, reason: 'throttled', retryAfterSeconds: wait * 60 - 1 });
          t += wait * MINUTE;
        }
        assert.ok((await attempt(user.email, PASSWORD, ip, after_(t))).ok, 'the right password once the wait is over');
        const refused = await audits({ action: 'auth.signin_throttled', actorId: user.id });
        assert.equal(refused.length, 7);
        assert.deepEqual(refused[0]?.after, { limit: 'account' });
        assert.equal(refused[0]?.ip, ip);
        assert.equal((await audits({ action: 'auth.signin_failed', actorId: user.id })).length, 11, 'every failure audited');
      });

      it('per account: the delay decays, one failure forgiven per quiet hour', async () => {
        const user = await newUser();
        await fiveFailures(user.email, '198.18.3');
        for (let i = 1; i <= 3; i++) assert.equal((await attempt(user.email, 'wrong', '198.18.3.99', after_(i * 30 * MINUTE))).ok, false);
        // Eight failures, the last at 90 minutes: the next waits 8 minutes. Two quiet hours later six are counted,
        // whose wait (2 minutes) is long over; one more failure makes seven, and a wait of 4 minutes.
        assert.deepEqual(await attempt(user.email, 'wrong', '198.18.3.99', after_(210 * MINUTE)), { ok: false, reason: 'invalid' });
        assert.deepEqual(await attempt(user.email, PASSWORD, '198.18.3.99', after_(211 * MINUTE)), { ok: false, reason: 'throttled', retryAfterSeconds: 180 });
      });

      it('per account: a browser with its device cookie or a valid session of the account passes the delay; another account’s does not', async () => {
        const user = await newUser();
        const other = await newUser();
        const first = await attempt(user.email, PASSWORD, '192.0.2.20', after_(-2 * MINUTE));
        assert.ok(first.ok);
        assert.match(first.deviceToken, /^[a-z2-7]{32}$/);
        const otherSession = await attempt(other.email, PASSWORD, '192.0.2.21', after_(-MINUTE));
        assert.ok(otherSession.ok);
        await fiveFailures(user.email, '198.18.4');
        const roaming = '198.18.4.50';
        assert.equal(((await attempt(user.email, PASSWORD, roaming, after_(1000), { sessionToken: otherSession.token })) as { reason?: string }).reason, 'throttled');
        assert.equal(((await attempt(user.email, PASSWORD, roaming, after_(1000), { deviceToken: 'a'.repeat(32) })) as { reason?: string }).reason, 'throttled');
        assert.equal(((await attempt(user.email, PASSWORD, roaming, after_(1000), { deviceToken: otherSession.deviceToken })) as { reason?: string }).reason, 'throttled');
        const withDevice = await attempt(user.email, PASSWORD, roaming, after_(2000), { deviceToken: first.deviceToken });
        assert.ok(withDevice.ok);
        assert.equal(withDevice.deviceToken, first.deviceToken, 'a known device keeps its token');

        await fiveFailures(user.email, '198.18.4');
        assert.ok((await attempt(user.email, PASSWORD, '198.18.4.51', after_(3000), { sessionToken: first.token })).ok);
        const row = await db.selectFrom('staff_known_clients').select(['hash']).where('user_id', '=', user.id).where('kind', '=', 'address').execute();
        assert.equal(row.length, 3, 'three addresses signed in from');
        assert.ok(row.every((r) => !Buffer.from(r.hash).toString('latin1').includes('192.0.2.20')), 'kept hashed');
      });

      it('per account: unknown e-mails are counted too (by the normalised e-mail)', async () => {
        for (let i = 0; i < 5; i++) await attempt('Ghost@Nowhere.vn', 'x', `198.18.5.${i + 1}`, TT);
        const result = await attempt('ghost@nowhere.vn ', 'x', '198.18.5.70', after_(1000));
        assert.deepEqual(result, { ok: false, reason: 'throttled', retryAfterSeconds: 59 });
        const [entry] = await audits({ action: 'auth.signin_throttled', actorEmail: 'ghost@nowhere.vn' });
        assert.equal(entry?.actor_id, null);
      });

      it('per address: only failures count — successes from a shared office address never do', async () => {
        const ip = '198.18.6.1';
        const staff = [await newUser(), await newUser(), await newUser()];
        for (let i = 0; i < 30; i++) assert.ok((await attempt(staff[i % 3]!.email, PASSWORD, ip, after_(i * 1000))).ok, `sign-in ${i + 1}`);
        for (let i = 0; i < 19; i++) await attempt(`guess.${i}@thads.gov.vn`, 'x', ip, after_(MINUTE));
        assert.ok((await attempt(staff[0]!.email, PASSWORD, ip, after_(MINUTE))).ok, '19 failures: still allowed');
        assert.deepEqual(await attempt('guess.x@thads.gov.vn', 'x', ip, after_(MINUTE)), { ok: false, reason: 'invalid' }, 'the 20th failure');
        // The window started at the first failure (1 min), not at the first sign-in: 14 minutes left at 2 min.
        assert.deepEqual(await attempt(staff[1]!.email, PASSWORD, ip, after_(2 * MINUTE)), { ok: false, reason: 'throttled', retryAfterSeconds: 14 * 60 });
        assert.deepEqual((await audits({ action: 'auth.signin_throttled', actorId: staff[1]!.id })).at(-1)?.after, { limit: 'ip' });
        assert.ok((await attempt(staff[1]!.email, PASSWORD, '198.18.6.2', after_(2 * MINUTE))).ok, 'another address is not affected');
        assert.ok((await attempt(staff[1]!.email, PASSWORD, ip, after_(16 * MINUTE))).ok, 'the window (from the first failure) is over');
      });

      it('concurrent attempts cannot all slip through while the password is checked', async () => {
        const user = await newUser();
        await fiveFailures(user.email, '198.18.7');
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(user.email, `wrong ${i}`, `198.18.7.${50 + i}`, after_(MINUTE))));
        assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.reason)).sort(), ['invalid', 'throttled', 'throttled', 'throttled', 'throttled', 'throttled']);
      });

      it('eight right-password sign-ins of one account at once, from unknown clients, all pass', async () => {
        const user = await newUser();
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(user.email, PASSWORD, `198.18.9.${i + 1}`, TT)));
        assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.reason)), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
        // Nothing was left counted: a stranger still has five free tries.
        for (let i = 0; i < 5; i++) assert.deepEqual(await attempt(user.email, `wrong ${i}`, '198.18.9.50', after_(1000)), { ok: false, reason: 'invalid' });
        assert.deepEqual(await attempt(user.email, PASSWORD, '198.18.9.51', after_(2000)), { ok: false, reason: 'throttled', retryAfterSeconds: 59 });
      });

      it('twenty-five right-password sign-ins from one office address at once all pass (the address counts failures only)', async () => {
        const staff = await Promise.all(Array.from({ length: 25 }, () => newUser()));
        const results = await Promise.all(staff.map((u) => attempt(u.email, PASSWORD, '198.18.10.1', TT)));
        assert.equal(results.filter((r) => r.ok).length, 25, JSON.stringify(results.filter((r) => !r.ok)));
      });

      it('right passwords in flight beside wrong ones: the right ones pass, the wrong ones are counted', async () => {
        const user = await newUser();
        const typed = [PASSWORD, 'wrong 1', PASSWORD, 'wrong 2', PASSWORD, 'wrong 3', PASSWORD, PASSWORD];
        const results = await Promise.all(typed.map((password, i) => attempt(user.email, password, `198.18.11.${i + 1}`, TT)));
        assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.reason)), ['ok', 'invalid', 'ok', 'invalid', 'ok', 'invalid', 'ok', 'ok']);
      });

      it('attempts left in flight for over a minute (a process died mid-check) count as failures', async () => {
        const user = await newUser();
        const keys = { account: accountKey(user.email), address: addressKey('198.18.12.1') };
        await fiveFailures(user.email, '198.18.12');
        // The sixth attempt, a minute later, is reserved and never settled.
        assert.deepEqual(await reserveAttempt(db, keys, { now: after_(MINUTE), trusted: false }), { allowed: true });
        // A minute and a second on, it counts as the sixth failure (at 1 min): the next attempt waits 2 minutes from then.
        assert.deepEqual(await attempt(user.email, PASSWORD, '198.18.12.2', after_(MINUTE + 61_000)), { ok: false, reason: 'throttled', retryAfterSeconds: 59 });
        assert.ok((await attempt(user.email, PASSWORD, '198.18.12.2', after_(3 * MINUTE))).ok);
      });

      it('is shared by every instance (the counters are in the database)', async () => {
        const user = await newUser();
        await fiveFailures(user.email, '198.18.8');
        const fresh = createSignIn();
        assert.deepEqual(await attempt(user.email, PASSWORD, '198.18.8.99', after_(1000), {}, fresh), { ok: false, reason: 'throttled', retryAfterSeconds: 59 });
      });
    });

    describe('two-factor (TOTP)', () => {
      /** A user with TOTP on; returns the key and the recovery code. */
      async function userWithTotp() {
        const user = await newUser();
        const { key } = beginTotpSetup(user.email);
        const enabled = await enableTotp(db, user.id, key, generateTotpCode(key, T0), { ip: '203.0.113.30', now: T0 });
        assert.ok(enabled.ok);
        return { ...user, key, recoveryCode: enabled.recoveryCode };
      }
      /** A code valid at T0 and not used yet (setting up used T0's step): the next step's, one step of clock drift. */
      const nextCode = (key: Uint8Array, steps = 1n) => generateHOTP(key, totpStep(T0) + steps, 6);

      it('enableTotp checks the code first, stores the key encrypted and a hashed recovery code, and audits it', async () => {
        const user = await newUser();
        const { key } = beginTotpSetup(user.email);
        const wrong = String((Number(generateTotpCode(key, T0)) + 1) % 1_000_000).padStart(6, '0');
        assert.deepEqual(await enableTotp(db, user.id, key, wrong, { now: T0 }), { ok: false, reason: 'invalid_code' });
        assert.equal((await db.selectFrom('staff_users').select('totp_key_encrypted').where('id', '=', user.id).executeTakeFirstOrThrow()).totp_key_encrypted, null);

        const enabled = await enableTotp(db, user.id, key, generateTotpCode(key, T0), { ip: '203.0.113.31', now: T0 });
        assert.ok(enabled.ok);
        assert.match(enabled.recoveryCode, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
        const row = await db.selectFrom('staff_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.ok(row.totp_key_encrypted);
        assert.ok(!row.totp_key_encrypted.includes(Buffer.from(key).toString('base64')));
        assert.deepEqual(decryptKey(row.totp_key_encrypted, { aad: `totp:staff:${user.id}` }), key);
        assert.match(row.totp_recovery_hash!, /^\$argon2id\$/);
        assert.ok(!row.totp_recovery_hash!.includes(enabled.recoveryCode.replaceAll('-', '')));

        assert.deepEqual(await enableTotp(db, user.id, beginTotpSetup(user.email).key, '000000'), { ok: false, reason: 'already_enabled' });
        const [entry] = await audits({ action: 'auth.totp_enabled', actorId: user.id });
        assert.equal(entry?.ip, '203.0.113.31');
        assert.deepEqual(entry?.after, { totp: true });
      });

      it('enableTotp answers "invalid_key" to a key of the wrong length, and parseSetupKey refuses malformed ones', async () => {
        const user = await newUser();
        for (const bytes of [0, 5, 16, 19, 21, 32]) {
          const key = new Uint8Array(randomBytes(bytes));
          assert.deepEqual(await enableTotp(db, user.id, key, generateTotpCode(key, T0), { now: T0 }), { ok: false, reason: 'invalid_key' }, `${bytes} bytes`);
        }
        for (const bad of ['', 'ABC', 'Ơ!!', 'A'.repeat(31), 'A'.repeat(33), '1'.repeat(32), 'A'.repeat(31) + '=', 'A'.repeat(16) + ' ' + 'A'.repeat(15)]) {
          assert.equal(parseSetupKey(bad), null, JSON.stringify(bad));
        }
        // 32 base32 symbols are the 20 bytes beginTotpSetup makes, in either case, padding ignored ('GEGEGEGE' is
        // 00110 00100 … = 0x31 0x0C 0x43 0x10 0xC4).
        assert.deepEqual(parseSetupKey('ge'.repeat(16)), new Uint8Array([49, 12, 67, 16, 196, 49, 12, 67, 16, 196, 49, 12, 67, 16, 196, 49, 12, 67, 16, 196]));
        assert.deepEqual(parseSetupKey('GEGEGEGEGEGEGEGEGEGEGEGEGEGEGEGE===='), parseSetupKey('ge'.repeat(16)));
        assert.equal((await db.selectFrom('staff_users').select('totp_key_encrypted').where('id', '=', user.id).executeTakeFirstOrThrow()).totp_key_encrypted, null);
      });

      it('the used step is kept in the account row: one code passes once, however many instances or requests see it', async () => {
        const user = await userWithTotp();
        const lastStep = async () => (await db.selectFrom('staff_users').select('totp_last_step').where('id', '=', user.id).executeTakeFirstOrThrow()).totp_last_step;
        // Setting up at T0 used T0's step (59,846,760 = 03:00:10 UTC on 23/11/2026 in 30-second steps).
        assert.equal(await lastStep(), 59846760);
        const later = at(120);
        const code = generateTotpCode(user.key, later);
        // Five requests with one code at once, as from five instances: the conditional update lets exactly one through.
        const results = await Promise.all([1, 2, 3, 4, 5].map(() => verifyTotpCode(db, user.id, code, later)));
        assert.deepEqual(results.filter(Boolean).length, 1);
        assert.equal(await lastStep(), 59846764);
        // Nothing of it lives in this process: the row alone refuses the replay.
        await db.updateTable('staff_users').set({ totp_last_step: 59846770 }).where('id', '=', user.id).execute();
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, at(180)), at(180)), false, 'a step before the recorded one');
        assert.equal(await disableTotp(db, user.id, { now: later }), true);
        assert.equal(await lastStep(), null);
      });

      it('verifyTotpCode accepts a current code once, refuses old and replayed codes', async () => {
        const user = await userWithTotp();
        // Set up at T0 (03:00:10, step 0 of this test); two minutes on is step 4.
        const later = at(120);
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, T0), later), false, 'four steps old');
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, later), later), true);
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, later), later), false, 'replay');
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, at(90)), later), false, 'one step back, but before the last used');
        const evenLater = at(150);
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, at(180)), evenLater), true, 'one step ahead (drift)');
        assert.equal(await verifyTotpCode(db, user.id, generateTotpCode(user.key, at(210)), evenLater), false, 'two steps ahead');
        assert.equal(await verifyTotpCode(db, user.id, 'abcdef', evenLater), false);
        const plain = await newUser();
        assert.equal(await verifyTotpCode(db, plain.id, '123456', T0), false, 'TOTP off');
      });

      it('a stored key copied to another account does not work there (bound to its account)', async () => {
        const owner = await userWithTotp();
        const other = await newUser();
        const { totp_key_encrypted } = await db.selectFrom('staff_users').select('totp_key_encrypted').where('id', '=', owner.id).executeTakeFirstOrThrow();
        await db.updateTable('staff_users').set({ totp_key_encrypted }).where('id', '=', other.id).execute();
        const originalError = console.error;
        console.error = () => {};
        try {
          assert.equal(await verifyTotpCode(db, other.id, nextCode(owner.key), T0), false);
        } finally {
          console.error = originalError;
        }
        assert.equal(await verifyTotpCode(db, owner.id, nextCode(owner.key), T0), true, 'the code itself was good');
      });

      it('sign-in with TOTP on gives an unverified session until verifySecondFactor passes', async () => {
        const user = await userWithTotp();
        const result = await signedIn(user, '203.0.113.40');
        assert.equal(result.needsTwoFactor, true);
        assert.equal(result.session.twoFactorVerified, false);
        assert.equal(result.user.totpEnabled, true);
        let validated = await validateSessionToken(db, result.token);
        assert.equal(validated?.session.twoFactorVerified, false);
        assert.equal(validated?.user.totpEnabled, true);
        assert.deepEqual((await audits({ action: 'auth.signin', actorId: user.id })).at(-1)?.after, { twoFactorPending: true });

        assert.deepEqual(await auth.verifySecondFactor(db, result.session, result.user, '000000', '203.0.113.40', T0), { ok: false, reason: 'invalid' });
        validated = await validateSessionToken(db, result.token);
        assert.equal(validated?.session.twoFactorVerified, false);

        const passed2fa = await auth.verifySecondFactor(db, result.session, result.user, nextCode(user.key), '203.0.113.40', T0);
        assert.ok(passed2fa.ok);
        assert.equal(passed2fa.method, 'totp');
        // A new token: the pre-2FA one is dead, the new one is verified and keeps the sign-in time (absolute lifetime).
        assert.notEqual(passed2fa.token, result.token);
        assert.notEqual(passed2fa.token.split('.')[0], result.token.split('.')[0]);
        assert.equal(await validateSessionToken(db, result.token), null);
        validated = await validateSessionToken(db, passed2fa.token);
        assert.equal(validated?.session.twoFactorVerified, true);
        assert.equal(validated?.session.createdAt.getTime(), result.session.createdAt.getTime());
        assert.equal(await sessionCount(user.id), 1);

        const failed = await audits({ action: 'auth.2fa_failed', actorId: user.id });
        assert.equal(failed.length, 1);
        const [passed] = await audits({ action: 'auth.2fa', actorId: user.id });
        assert.equal(passed?.ip, '203.0.113.40');
        assert.deepEqual(passed?.after, { method: 'totp' });
      });

      it('verifySecondFactor refuses a replayed code and throttles after 5 attempts in 15 minutes', async () => {
        const user = await userWithTotp();
        const { session, user: sessionUser } = await signedIn(user);
        const code = nextCode(user.key);
        assert.ok((await auth.verifySecondFactor(db, session, sessionUser, code, null, T0)).ok);
        const second = await signedIn(user);
        assert.deepEqual(await auth.verifySecondFactor(db, second.session, second.user, code, null, T0), { ok: false, reason: 'invalid' }, 'replay');
        for (let i = 0; i < 3; i++) await auth.verifySecondFactor(db, second.session, second.user, '000000', null, T0);
        // 1 replay + 3 wrong = 4 attempts since the success reset the count; a 5th wrong one, then throttled.
        await auth.verifySecondFactor(db, second.session, second.user, '000000', null, T0);
        clock.t = 10 * MINUTE;
        // A code that would pass (a step the success did not use) is not even checked.
        const later = at(90);
        const unused = generateTotpCode(user.key, later);
        assert.deepEqual(await auth.verifySecondFactor(db, second.session, second.user, unused, null, later), { ok: false, reason: 'throttled', retryAfterSeconds: 300 });
        assert.equal((await validateSessionToken(db, second.token))?.session.twoFactorVerified, false);
        assert.equal((await audits({ action: 'auth.2fa_throttled', actorId: user.id })).length, 1);
        clock.t = FIFTEEN_MINUTES;
        assert.equal((await auth.verifySecondFactor(db, second.session, second.user, unused, null, later)).ok, true);
      });

      it('the recovery code passes the second factor once, and turns TOTP off', async () => {
        const user = await userWithTotp();
        const result = await signedIn(user);
        const typed = user.recoveryCode.toLowerCase().replaceAll('-', ' ');
        const passed = await auth.verifySecondFactor(db, result.session, result.user, typed, '203.0.113.41');
        assert.ok(passed.ok);
        assert.equal(passed.method, 'recovery_code');
        assert.equal((await validateSessionToken(db, passed.token))?.session.twoFactorVerified, true);
        assert.equal(await validateSessionToken(db, result.token), null);
        const row = await db.selectFrom('staff_users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.equal(row.totp_key_encrypted, null);
        assert.equal(row.totp_recovery_hash, null);
        assert.equal(await useRecoveryCode(db, user.id, user.recoveryCode), false, 'single use');
        const [entry] = await audits({ action: 'auth.recovery_code_used', actorId: user.id });
        assert.equal(entry?.ip, '203.0.113.41');
        assert.deepEqual((await audits({ action: 'auth.2fa', actorId: user.id })).at(-1)?.after, { method: 'recovery_code' });
        // Signing in again needs no second factor until TOTP is set up again.
        assert.equal((await signedIn(user)).needsTwoFactor, false);
      });

      it('useRecoveryCode refuses a wrong code and leaves TOTP on', async () => {
        const user = await userWithTotp();
        assert.equal(await useRecoveryCode(db, user.id, 'AAAA-BBBB-CCCC-DDDD'), false);
        assert.equal(await useRecoveryCode(db, user.id, 'not a code'), false);
        const row = await db.selectFrom('staff_users').select('totp_key_encrypted').where('id', '=', user.id).executeTakeFirstOrThrow();
        assert.ok(row.totp_key_encrypted);
      });

      it('disableTotp turns it off and audits who did it', async () => {
        const user = await userWithTotp();
        assert.equal(await disableTotp(db, user.id, { ip: '203.0.113.42' }), true);
        assert.equal(await disableTotp(db, user.id), false, 'already off');
        const [entry] = await audits({ action: 'auth.totp_disabled', actorId: user.id });
        assert.equal(entry?.entity_id, String(user.id));
        assert.equal(entry?.ip, '203.0.113.42');
        assert.equal((await signedIn(user)).needsTwoFactor, false);
      });
    });

    describe('sessions', () => {
      it('expire after 8 hours of inactivity (and are deleted)', async () => {
        const user = await newUser();
        const t0 = new Date('2026-11-23T01:00:00Z');
        const token = generateSessionToken();
        const session = await createSession(db, token, user.id, { now: t0, twoFactorVerified: true });
        // Used at 01:05, within the renewal interval: still last active at 01:00, so it dies at 09:00.
        assert.ok(await validateSessionToken(db, token, new Date('2026-11-23T01:05:00Z')));
        assert.equal(await validateSessionToken(db, token, new Date('2026-11-23T09:00:00Z')), null);
        const other = generateSessionToken();
        await createSession(db, other, user.id, { now: t0 });
        assert.ok(await validateSessionToken(db, other, new Date('2026-11-23T08:59:59.999Z')), 'a millisecond earlier it lives');
        assert.equal(await db.selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst(), undefined);
      });

      it('renew their activity time only after the check interval, and so slide', async () => {
        const user = await newUser();
        const t0 = new Date('2026-11-23T01:00:00Z');
        const token = generateSessionToken();
        const session = await createSession(db, token, user.id, { now: t0 });
        const lastActive = async () =>
          new Date((await db.selectFrom('sessions').select('last_active_at').where('id', '=', session.id).executeTakeFirstOrThrow()).last_active_at).getTime();

        const early = new Date('2026-11-23T01:09:59Z');
        assert.equal((await validateSessionToken(db, token, early))?.session.lastActiveAt.getTime(), t0.getTime());
        assert.equal(await lastActive(), t0.getTime(), 'not written within the 10 minutes');

        const t1 = new Date('2026-11-23T01:10:00Z');
        assert.equal((await validateSessionToken(db, token, t1))?.session.lastActiveAt.getTime(), t1.getTime());
        assert.equal(await lastActive(), t1.getTime());

        // Alive past 8 hours after creation, because it was used at 01:10.
        assert.ok(await validateSessionToken(db, token, new Date('2026-11-23T09:09:59Z')));
      });

      it('end 12 hours after sign-in however active they are (absolute lifetime), and are deleted', async () => {
        const user = await newUser();
        const t0 = new Date('2026-11-23T01:00:00Z');
        const token = generateSessionToken();
        const session = await createSession(db, token, user.id, { now: t0, twoFactorVerified: true });
        // Used every 5 hours: never 8 hours idle.
        assert.ok(await validateSessionToken(db, token, new Date('2026-11-23T06:00:00Z')));
        assert.ok(await validateSessionToken(db, token, new Date('2026-11-23T12:59:59.999Z')), 'a millisecond before 12 hours');
        assert.equal(await validateSessionToken(db, token, new Date('2026-11-23T13:00:00Z')), null);
        assert.equal(await db.selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst(), undefined);
      });

      it('are refused when the token was tampered with', async () => {
        const user = await newUser();
        const { token } = await signedIn(user);
        const [id, secret] = token.split('.') as [string, string];
        const other = (s: string) => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a');
        for (const bad of [
          `${id}.${other(secret)}`,
          `${other(id)}.${secret}`,
          `${id}.${generateSessionToken().split('.')[1]}`,
          `${id}.${secret.toUpperCase()}`,
          `${id}.${secret}.x`,
          `${id}${secret}`,
          `${id}.`,
          '.',
          '',
          'garbage',
          `${id}.${secret}`.padEnd(200, 'a'),
        ]) {
          assert.equal(await validateSessionToken(db, bad), null, JSON.stringify(bad));
        }
        assert.ok(await validateSessionToken(db, token), 'the real token still works');
      });

      it('of a disabled account are refused', async () => {
        const user = await newUser();
        const { token } = await signedIn(user);
        await db.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
        assert.equal(await validateSessionToken(db, token), null);
      });
    });

    describe('signing out and changing the password', () => {
      it('signOut ends one session, audited', async () => {
        const user = await newUser();
        const a = await signedIn(user);
        const b = await signedIn(user);
        await auth.signOut(db, a.session, a.user, '203.0.113.50');
        assert.equal(await validateSessionToken(db, a.token), null);
        assert.ok(await validateSessionToken(db, b.token));
        const entries = await audits({ action: 'auth.signout', actorId: user.id });
        assert.equal(entries.length, 1);
        assert.equal(entries[0]?.ip, '203.0.113.50');
        assert.equal(entries[0]?.entity_type, 'staff_user');
        assert.equal(entries[0]?.entity_id, String(user.id));
        assert.equal(entries[0]?.agency_code, 'HNI');
      });

      it('signOutEverywhere ends every session of the user only, audited', async () => {
        const user = await newUser();
        const other = await newUser();
        const a = await signedIn(user);
        const b = await signedIn(user);
        const c = await signedIn(other);
        await auth.signOutEverywhere(db, a.user, '203.0.113.51');
        assert.equal(await validateSessionToken(db, a.token), null);
        assert.equal(await validateSessionToken(db, b.token), null);
        assert.ok(await validateSessionToken(db, c.token));
        const [entry] = await audits({ action: 'auth.signout_everywhere', actorId: user.id });
        assert.deepEqual(entry?.after, { sessionsEnded: 2 });
      });

      it('changePassword checks the current one and the strength, keeps this session and ends the others', async () => {
        const user = await newUser();
        const a = await signedIn(user);
        const b = await signedIn(user);
        const next = 'một-mật-khẩu-mới-2027';
        assert.deepEqual(await auth.changePassword(db, a.user, a.session.id, { current: 'wrong', next }), { ok: false, reason: 'wrong_password' });
        assert.deepEqual(await auth.changePassword(db, a.user, a.session.id, { current: PASSWORD, next: 'short' }), { ok: false, reason: 'too_short' });
        assert.deepEqual(await auth.changePassword(db, a.user, a.session.id, { current: PASSWORD, next: PASSWORD }), { ok: false, reason: 'same_password' });
        assert.ok(await validateSessionToken(db, b.token), 'nothing changed yet');

        assert.deepEqual(await auth.changePassword(db, a.user, a.session.id, { current: PASSWORD, next }, '203.0.113.52'), { ok: true });
        assert.ok(await validateSessionToken(db, a.token));
        assert.equal(await validateSessionToken(db, b.token), null);
        assert.deepEqual(await auth.signIn(db, { email: user.email, password: PASSWORD, ip: '203.0.113.52' }), { ok: false, reason: 'invalid' });
        assert.ok((await auth.signIn(db, { email: user.email, password: next, ip: '203.0.113.52' })).ok);

        const [entry] = await audits({ action: 'auth.password_changed', actorId: user.id });
        assert.equal(entry?.ip, '203.0.113.52');
        assert.ok(!JSON.stringify(entry).includes('argon2'), 'no hash in the audit log');
        assert.equal((await audits({ action: 'auth.password_change_failed', actorId: user.id })).length, 1);
      });

      it('changePassword is throttled with the account’s sign-in count', async () => {
        const user = await newUser();
        const a = await signedIn(user);
        for (let i = 0; i < 5; i++) await auth.changePassword(db, a.user, a.session.id, { current: 'wrong', next: 'một-mật-khẩu-mới-2027' });
        const result = await auth.changePassword(db, a.user, a.session.id, { current: PASSWORD, next: 'một-mật-khẩu-mới-2027' });
        assert.equal(!result.ok && result.reason, 'throttled');
      });
    });

    it('records every attempt in the audit log, whose rows cannot be changed', async () => {
      const before = (await audits({})).length;
      const user = await newUser();
      await auth.signIn(db, { email: user.email, password: 'wrong', ip: null });
      await auth.signIn(db, { email: 'nobody@nowhere.vn', password: 'wrong', ip: null });
      await auth.signIn(db, { email: user.email, password: PASSWORD, ip: null });
      assert.equal((await audits({})).length, before + 3);
      await assert.rejects(db.updateTable('audit_log').set({ action: 'x' }).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
    });
  });
}
