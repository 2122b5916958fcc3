/**
 * The denouncer's identity, protected by construction (Law on Denunciations 2018, Art. 47–48: the denouncer's name,
 * address and handwriting are kept secret).
 *
 * - On submission the identity fields leave the case: the dossier row gets a placeholder name and empty contact
 *   fields, `dossiers.data` loses the identity answers, and the identity is stored in `denouncer_identities`,
 *   encrypted (AES-256-GCM under a key derived from the server's key for this purpose alone), with the dossier id as
 *   additional data so a ciphertext moved to another case does not decrypt. Queue, search, CSV, notices and the
 *   dossier page therefore cannot show what the case does not hold.
 * - Reading it is a deliberate act (`readIdentity`): the head of the handling agency, administrators, and staff the
 *   head granted it to for that case, each time with a typed reason; never the person denounced (matched by name and
 *   agency; when the head is denounced the level above handles it, so the head of that agency is refused).
 * - Every read, every refusal, every grant and revocation is an audit entry: who, when, why — never the identity
 *   itself (a reason that repeats part of it is stored with that part blanked).
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit.ts';
import { DecryptionError, open, purposeKey, seal } from '../cipher.ts';
import { log } from '../log.ts';
import type { StaffRole } from '../auth/staff.ts';
import type { Database } from '../schema.ts';
import { searchKey } from '../search-key.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The identity answers of the denunciation form (src/server/catalog/fields.ts `identityFields`). */
export const IDENTITY_FIELDS = ['fullName', 'cccd', 'dateOfBirth', 'address', 'phone', 'email'] as const;

/** What the dossier row shows instead of the denouncer's name. */
export const SEALED_APPLICANT_NAME = 'Người tố cáo (bảo mật)';

/** The key version new identities are sealed with; older versions stay readable while their rows exist. */
export const CURRENT_KEY_VERSION = 1;

/** Longest reason kept for a read or a grant. */
export const REASON_MAX = 500;

export interface DenouncerIdentity {
  fullName: string;
  cccd: string;
  dateOfBirth: string;
  address: string;
  phone: string;
  email: string | null;
  /** Attachments holding signed scans of the denunciation (handwriting and signature are part of the identity). */
  scanAttachmentIds: number[];
}

/** The columns of the dossier row that would otherwise hold the identity. */
export interface SealedApplicantColumns {
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string;
  applicant_email: null;
  applicant_address: string;
}

export interface Redacted {
  row: SealedApplicantColumns;
  /** The answers without the identity fields: what `dossiers.data` may hold. */
  data: Record<string, unknown>;
}

export interface VaultViewer {
  id: number;
  email: string;
}

export interface VaultContext {
  ip?: string | null;
  now?: Date;
  /** The server's key; tests pass their own. */
  secret?: Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------------
// Sealing

const keyFor = (version: number, secret?: Uint8Array) => purposeKey(`denouncer-identity:v${version}`, secret);
const aadFor = (dossierId: number) => `denouncer-identity:dossier:${dossierId}`;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The identity as the form answered it. */
export function identityOf(answers: Record<string, unknown>, scanAttachmentIds: number[] = []): DenouncerIdentity {
  return {
    fullName: str(answers.fullName),
    cccd: str(answers.cccd),
    dateOfBirth: str(answers.dateOfBirth),
    address: str(answers.address),
    phone: str(answers.phone),
    email: str(answers.email) || null,
    scanAttachmentIds: [...scanAttachmentIds],
  };
}

/** What the dossier row and its data hold instead of the identity (no database; usable before the row exists). */
export function redactIdentity(answers: Record<string, unknown>): Redacted {
  const data = Object.fromEntries(Object.entries(answers).filter(([k]) => !(IDENTITY_FIELDS as readonly string[]).includes(k)));
  return {
    row: { applicant_name: SEALED_APPLICANT_NAME, applicant_id_number: '', applicant_phone: '', applicant_email: null, applicant_address: '' },
    data,
  };
}

/** The identity encrypted for one dossier. */
export function encryptIdentity(identity: DenouncerIdentity, dossierId: number, opts: { secret?: Uint8Array; keyVersion?: number } = {}) {
  const keyVersion = opts.keyVersion ?? CURRENT_KEY_VERSION;
  const sealed = seal(new TextEncoder().encode(JSON.stringify(identity)), keyFor(keyVersion, opts.secret), aadFor(dossierId));
  return { ...sealed, keyVersion };
}

/** @throws DecryptionError when the row was changed, moved to another dossier, or sealed under another key. */
export function decryptIdentity(
  row: { ciphertext: Uint8Array; nonce: Uint8Array; key_version: number },
  dossierId: number,
  secret?: Uint8Array,
): DenouncerIdentity {
  const plain = open({ nonce: new Uint8Array(row.nonce), ciphertext: new Uint8Array(row.ciphertext) }, keyFor(row.key_version, secret), aadFor(dossierId));
  return JSON.parse(new TextDecoder().decode(plain)) as DenouncerIdentity;
}

/**
 * Stores the denouncer's identity for `dossierId` (in the caller's submission transaction, after the dossier row is
 * inserted) and returns what the row and its data must hold instead (the same as `redactIdentity`): the caller
 * writes those, so that the case never holds the identity.
 */
export async function sealIdentity(
  trx: Db,
  dossierId: number,
  answers: Record<string, unknown>,
  opts: { scanAttachmentIds?: number[]; secret?: Uint8Array; now?: Date } = {},
): Promise<Redacted> {
  const { nonce, ciphertext, keyVersion } = encryptIdentity(identityOf(answers, opts.scanAttachmentIds), dossierId, { secret: opts.secret });
  await trx
    .insertInto('denouncer_identities')
    .values({ dossier_id: dossierId, ciphertext, nonce, key_version: keyVersion, ...(opts.now ? { created_at: opts.now } : {}) })
    .execute();
  return redactIdentity(answers);
}

// ---------------------------------------------------------------------------------------------------------------
// Who may read

export type AccessBasis = 'head' | 'admin' | 'grant';
export type Refusal = 'not_found' | 'denounced' | 'not_allowed';
export type Access = { allowed: true; basis: AccessBasis } | { allowed: false; refusal: Refusal };

interface VaultCase {
  id: number;
  code: string;
  agencyCode: string;
  parentCode: string | null;
  /** Where the denounced person works, as the form named it (the dossier may since have moved to another level). */
  accusedAgency: string;
  accusedName: string;
  accusedIsHead: boolean;
}

/** The denunciation dossier with a sealed identity, by id or code; null for anything else. */
export async function vaultCase(db: Db, ref: { id: number } | { code: string }): Promise<VaultCase | null> {
  let q = db
    .selectFrom('dossiers')
    .innerJoin('denouncer_identities', 'denouncer_identities.dossier_id', 'dossiers.id')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select(['dossiers.id', 'dossiers.code', 'dossiers.agency_code', 'dossiers.data', 'agencies.parent_code']);
  q = 'id' in ref ? q.where('dossiers.id', '=', ref.id) : q.where('dossiers.code', '=', ref.code);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
  return {
    id: Number(row.id),
    code: row.code,
    agencyCode: row.agency_code,
    parentCode: row.parent_code,
    accusedAgency: str(data.agency) || row.agency_code,
    accusedName: str(data.accusedName),
    accusedIsHead: data.accusedPosition === 'head',
  };
}

interface StaffFacts {
  id: number;
  email: string;
  full_name: string;
  role: StaffRole;
  agency_code: string | null;
}

/** Whether `staff` is the person the denunciation names (or, for a denounced head, holds that head's office). */
function isDenounced(c: VaultCase, staff: StaffFacts): boolean {
  if (staff.agency_code === null) return false;
  if (c.accusedIsHead && staff.role === 'head' && staff.agency_code === c.accusedAgency) return true;
  const named = searchKey(c.accusedName);
  if (named === '' || searchKey(staff.full_name) !== named) return false;
  // Over-refusing a namesake in a neighbouring office is the safe error: the head can still read and grant.
  return [c.accusedAgency, c.agencyCode, c.parentCode].includes(staff.agency_code);
}

const handles = (c: VaultCase, agency: string | null) => agency !== null && (agency === c.agencyCode || agency === c.parentCode);

async function staffFacts(db: Db, id: number): Promise<StaffFacts | null> {
  const row = await db
    .selectFrom('staff_users')
    .select(['id', 'email', 'full_name', 'role', 'agency_code'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : null;
}

async function accessOf(db: Db, c: VaultCase, staff: StaffFacts | null): Promise<Access> {
  if (!staff) return { allowed: false, refusal: 'not_allowed' };
  // First of all: no office, no grant lets the denounced person read who denounced them.
  if (isDenounced(c, staff)) return { allowed: false, refusal: 'denounced' };
  if (staff.role === 'admin' && (staff.agency_code === null || handles(c, staff.agency_code))) return { allowed: true, basis: 'admin' };
  if (staff.role === 'head' && handles(c, staff.agency_code)) return { allowed: true, basis: 'head' };
  if (handles(c, staff.agency_code)) {
    const grant = await db
      .selectFrom('denouncer_access_grants')
      .select('id')
      .where('dossier_id', '=', c.id)
      .where('granted_to', '=', staff.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (grant) return { allowed: true, basis: 'grant' };
  }
  return { allowed: false, refusal: 'not_allowed' };
}

/** Whether `viewer` may read the identity of dossier `dossierId` (no audit: for deciding what a page offers). */
export async function identityAccess(db: Db, dossierId: number, viewer: VaultViewer): Promise<Access> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return { allowed: false, refusal: 'not_found' };
  return accessOf(db, c, await staffFacts(db, viewer.id));
}

/** Whether `viewer` may grant and revoke access for this dossier: the head of the handling agency, not denounced. */
export async function managesGrants(db: Db, dossierId: number, viewer: VaultViewer): Promise<boolean> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return false;
  const staff = await staffFacts(db, viewer.id);
  const access = await accessOf(db, c, staff);
  return access.allowed && access.basis === 'head';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** `text` with every identity value in it blanked, so an audit entry never carries the identity. */
export function withoutIdentity(text: string, identity: DenouncerIdentity | null): string {
  if (!identity) return text;
  const values = [identity.fullName, identity.cccd, identity.address, identity.phone, identity.email ?? '', identity.dateOfBirth]
    .map((v) => v.trim())
    .filter((v) => v.length >= 3)
    .sort((a, b) => b.length - a.length);
  let out = text.normalize('NFC');
  for (const value of values) {
    out = out.replace(new RegExp(value.normalize('NFC').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu'), '[…]');
  }
  // The phone and ID number are often typed with other spacing: blank any run of their digits too.
  for (const digits of [identity.cccd, identity.phone].map((v) => v.replace(/\D/g, '')).filter((d) => d.length >= 6)) {
    const spaced = new RegExp(digits.split('').join('[\\s.\\-]*'), 'g');
    out = out.replace(spaced, '[…]');
  }
  return out;
}

function cleanReason(reason: string): string {
  return reason.normalize('NFC').replace(/\s+/g, ' ').trim();
}

async function storedIdentity(db: Db, dossierId: number, secret?: Uint8Array): Promise<DenouncerIdentity | null> {
  const row = await db.selectFrom('denouncer_identities').select(['ciphertext', 'nonce', 'key_version']).where('dossier_id', '=', dossierId).executeTakeFirst();
  if (!row) return null;
  return decryptIdentity(row, dossierId, secret);
}

/** The identity as a page shows it, with the scans' file names. */
export interface IdentityView extends DenouncerIdentity {
  scans: { id: number; fileName: string; sizeBytes: number }[];
}

export type ReadResult =
  | { ok: true; identity: IdentityView; basis: AccessBasis }
  | { ok: false; problem: Refusal | 'reason_required' | 'reason_too_long' | 'undecryptable' };

/**
 * The identity, for `viewer`, with the reason they typed. Allowed reads and refused attempts are both audited
 * (`denouncer.identity_read`, `denouncer.identity_refused`); a missing or over-long reason is an input error, not an
 * attempt. The audit entry commits before the identity is returned.
 */
export async function readIdentity(
  db: Kysely<Database>,
  dossierId: number,
  viewer: VaultViewer,
  input: { reason: string } & VaultContext,
): Promise<ReadResult> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return { ok: false, problem: 'not_found' };
  const staff = await staffFacts(db, viewer.id);
  const access = await accessOf(db, c, staff);
  const reason = cleanReason(input.reason);
  if (access.allowed && reason === '') return { ok: false, problem: 'reason_required' };
  if (access.allowed && reason.length > REASON_MAX) return { ok: false, problem: 'reason_too_long' };

  let identity: DenouncerIdentity | null;
  try {
    identity = await storedIdentity(db, dossierId, input.secret);
  } catch (err) {
    if (!(err instanceof DecryptionError)) throw err;
    log().error({ dossierId }, 'denouncer identity cannot be decrypted (SECRET_KEY changed, or the row was altered)');
    identity = null;
  }
  const actor = { id: viewer.id, email: staff?.email ?? viewer.email, ip: input.ip };
  const auditReason = withoutIdentity(reason.slice(0, REASON_MAX), identity);
  if (!access.allowed) {
    await recordAudit(db, actor, {
      action: 'denouncer.identity_refused',
      entityType: 'dossier',
      entityId: c.id,
      agencyCode: c.agencyCode,
      after: { code: c.code, refusal: access.refusal, reason: auditReason },
    });
    return { ok: false, problem: access.refusal };
  }
  await recordAudit(db, actor, {
    action: 'denouncer.identity_read',
    entityType: 'dossier',
    entityId: c.id,
    agencyCode: c.agencyCode,
    after: { code: c.code, basis: access.basis, reason: auditReason, ...(identity ? {} : { failed: 'undecryptable' }) },
  });
  if (!identity) return { ok: false, problem: 'undecryptable' };
  const scans =
    identity.scanAttachmentIds.length === 0
      ? []
      : await db.selectFrom('attachments').select(['id', 'file_name', 'size_bytes']).where('id', 'in', identity.scanAttachmentIds).orderBy('id').execute();
  return {
    ok: true,
    basis: access.basis,
    identity: { ...identity, scans: scans.map((s) => ({ id: Number(s.id), fileName: s.file_name, sizeBytes: s.size_bytes })) },
  };
}

/**
 * Audits a refused look at the vault page itself (`denouncer.identity_refused`), for a viewer who opened it without
 * being allowed: the attempt is on record even when no reason was posted.
 */
export async function recordRefusedVisit(db: Kysely<Database>, dossierId: number, viewer: VaultViewer, ctx: VaultContext = {}): Promise<Access> {
  const access = await identityAccess(db, dossierId, viewer);
  if (access.allowed || access.refusal === 'not_found') return access;
  const c = (await vaultCase(db, { id: dossierId }))!;
  await recordAudit(db, { id: viewer.id, email: viewer.email, ip: ctx.ip }, {
    action: 'denouncer.identity_refused',
    entityType: 'dossier',
    entityId: c.id,
    agencyCode: c.agencyCode,
    after: { code: c.code, refusal: access.refusal, reason: null },
  });
  return access;
}

// ---------------------------------------------------------------------------------------------------------------
// Grants

export interface GrantRow {
  id: number;
  grantedTo: { id: number; name: string; role: StaffRole };
  grantedBy: string;
  reason: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every grant of a dossier, open ones first, newest first. */
export async function listGrants(db: Db, dossierId: number): Promise<GrantRow[]> {
  const rows = await db
    .selectFrom('denouncer_access_grants as g')
    .innerJoin('staff_users as to', 'to.id', 'g.granted_to')
    .innerJoin('staff_users as by', 'by.id', 'g.granted_by')
    .select(['g.id', 'g.reason', 'g.created_at', 'g.revoked_at', 'to.id as to_id', 'to.full_name as to_name', 'to.role as to_role', 'by.full_name as by_name'])
    .where('g.dossier_id', '=', dossierId)
    .orderBy('g.id', 'desc')
    .execute();
  return rows
    .map((r) => ({
      id: Number(r.id),
      grantedTo: { id: Number(r.to_id), name: r.to_name, role: r.to_role },
      grantedBy: r.by_name,
      reason: r.reason,
      createdAt: new Date(r.created_at),
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}

/** Staff of the handling agency the head may grant access to: active officers and reception, not the denounced. */
export async function grantableStaff(db: Db, dossierId: number): Promise<{ id: number; name: string; role: StaffRole }[]> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return [];
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'email', 'full_name', 'role', 'agency_code'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['officer', 'reception'])
    .where('agency_code', 'in', [c.agencyCode, ...(c.parentCode ? [c.parentCode] : [])])
    .execute();
  // Sorted here, as a Vietnamese reader expects (Đ after D), whatever the database's collation.
  const collator = new Intl.Collator('vi');
  return rows
    .map((r) => ({ ...r, id: Number(r.id) }))
    .filter((r) => !isDenounced(c, r))
    .sort((a, b) => collator.compare(a.full_name, b.full_name))
    .map((r) => ({ id: r.id, name: r.full_name, role: r.role }));
}

export const grantProblems = ['not_found', 'not_allowed', 'staff_invalid', 'denounced', 'already', 'reason_required', 'reason_too_long'] as const;
export type GrantProblem = (typeof grantProblems)[number];
export type GrantResult = { ok: true; grantId: number } | { ok: false; problem: GrantProblem };

/** The head grants `staffId` access to this dossier's identity, with a reason. Audited (`denouncer.access_granted`). */
export async function grantAccess(
  db: Kysely<Database>,
  dossierId: number,
  head: VaultViewer,
  staffId: number,
  reasonInput: string,
  ctx: VaultContext = {},
): Promise<GrantResult> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return { ok: false, problem: 'not_found' };
  const granter = await staffFacts(db, head.id);
  const granterAccess = await accessOf(db, c, granter);
  if (!granter || !granterAccess.allowed || granterAccess.basis !== 'head') return { ok: false, problem: 'not_allowed' };
  const reason = cleanReason(reasonInput);
  if (reason === '') return { ok: false, problem: 'reason_required' };
  if (reason.length > REASON_MAX) return { ok: false, problem: 'reason_too_long' };
  const grantee = await staffFacts(db, staffId);
  if (!grantee || !handles(c, grantee.agency_code) || (grantee.role !== 'officer' && grantee.role !== 'reception')) return { ok: false, problem: 'staff_invalid' };
  if (isDenounced(c, grantee)) return { ok: false, problem: 'denounced' };
  let identity: DenouncerIdentity | null = null;
  try {
    identity = await storedIdentity(db, dossierId, ctx.secret);
  } catch {
    identity = null;
  }
  const kept = withoutIdentity(reason, identity);
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('denouncer_access_grants')
      .select('id')
      .where('dossier_id', '=', c.id)
      .where('granted_to', '=', grantee.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (open) return { ok: false as const, problem: 'already' as const };
    const row = await trx
      .insertInto('denouncer_access_grants')
      .values({ dossier_id: c.id, granted_to: grantee.id, granted_by: granter.id, reason: kept, ...(ctx.now ? { created_at: ctx.now } : {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { id: granter.id, email: granter.email, ip: ctx.ip }, {
      action: 'denouncer.access_granted',
      entityType: 'dossier',
      entityId: c.id,
      agencyCode: c.agencyCode,
      after: { code: c.code, grantId: Number(row.id), grantedTo: grantee.id, grantedToEmail: grantee.email, reason: kept },
    });
    return { ok: true as const, grantId: Number(row.id) };
  });
}

export type RevokeResult = { ok: true } | { ok: false; problem: 'not_found' | 'not_allowed' };

/** The head revokes an open grant of this dossier. Audited (`denouncer.access_revoked`). */
export async function revokeAccess(
  db: Kysely<Database>,
  dossierId: number,
  head: VaultViewer,
  grantId: number,
  ctx: VaultContext = {},
): Promise<RevokeResult> {
  const c = await vaultCase(db, { id: dossierId });
  if (!c) return { ok: false, problem: 'not_found' };
  const granter = await staffFacts(db, head.id);
  const access = await accessOf(db, c, granter);
  if (!granter || !access.allowed || access.basis !== 'head') return { ok: false, problem: 'not_allowed' };
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('denouncer_access_grants as g')
      .innerJoin('staff_users as s', 's.id', 'g.granted_to')
      .select(['g.id', 'g.granted_to', 's.email'])
      .where('g.id', '=', grantId)
      .where('g.dossier_id', '=', c.id)
      .where('g.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!grant) return { ok: false as const, problem: 'not_found' as const };
    await trx
      .updateTable('denouncer_access_grants')
      .set({ revoked_at: ctx.now ?? new Date(), revoked_by: granter.id })
      .where('id', '=', grantId)
      .execute();
    await recordAudit(trx, { id: granter.id, email: granter.email, ip: ctx.ip }, {
      action: 'denouncer.access_revoked',
      entityType: 'dossier',
      entityId: c.id,
      agencyCode: c.agencyCode,
      after: { code: c.code, grantId, grantedTo: Number(grant.granted_to), grantedToEmail: grant.email },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mail

/**
 * Where and to whom the denouncer's own mails go (the mail path only: not a read by a person, so not audited as one),
 * or null when the dossier has no sealed identity or the denouncer gave no e-mail address.
 */
export async function denouncerContact(db: Db, dossierId: number, secret?: Uint8Array): Promise<{ email: string; name: string } | null> {
  const identity = await storedIdentity(db, dossierId, secret);
  return identity?.email ? { email: identity.email, name: identity.fullName } : null;
}

/** The e-mail address for the denouncer's own mails, or null. */
export async function denouncerAddress(db: Db, dossierId: number, secret?: Uint8Array): Promise<string | null> {
  return (await denouncerContact(db, dossierId, secret))?.email ?? null;
}

/** Whether this dossier's identity is in the vault (its row shows a placeholder). */
export async function hasSealedIdentity(db: Db, dossierId: number): Promise<boolean> {
  return (await db.selectFrom('denouncer_identities').select('dossier_id').where('dossier_id', '=', dossierId).executeTakeFirst()) !== undefined;
}
