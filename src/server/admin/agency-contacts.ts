/**
 * An agency's published contact details, as its administrators keep them (who may: access.ts); audited with the
 * values before and after.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { Agency, Database } from '../schema.ts';
import { AdminError, auditActor, requireManages, type AdminActor } from './access.ts';
import { CONTROL_CHARS, cleanText } from './text.ts';

export interface AgencyContacts {
  address: string | null | undefined;
  phone: string | null | undefined;
  email: string | null | undefined;
  head_name: string | null | undefined;
}

/** The contacts as stored, or AdminError('invalid') naming each bad field. Exported for the form's own checks. */
export function validateAgencyContacts(input: AgencyContacts): Pick<Agency, 'address' | 'phone' | 'email' | 'head_name'> {
  const fields: Record<string, string> = {};
  const address = cleanText(input.address);
  const phone = cleanText(input.phone);
  const email = cleanText(input.email)?.toLowerCase() ?? null;
  const headName = cleanText(input.head_name);
  if (address !== null && (address.length > 300 || CONTROL_CHARS.test(address))) fields.address = address.length > 300 ? 'too_long' : 'format';
  if (phone !== null) {
    const digits = phone.replace(/\D/g, '').length;
    if (!/^\+?[0-9][0-9 .]*$/.test(phone) || phone.length > 40) fields.phone = 'format';
    else if (digits < 8 || digits > 15) fields.phone = 'digits';
  }
  if (email !== null && (email.length > 254 || !/^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,}$/.test(email))) fields.email = 'format';
  if (headName !== null && (headName.length < 2 || headName.length > 100 || CONTROL_CHARS.test(headName))) {
    fields.head_name = headName.length > 100 ? 'too_long' : 'format';
  }
  if (Object.keys(fields).length) throw new AdminError('invalid', fields);
  return { address, phone, email, head_name: headName };
}

/** Updates the contact details the public directory shows. */
export async function updateAgencyContacts(db: Kysely<Database>, admin: AdminActor, code: string, contacts: AgencyContacts): Promise<Agency> {
  const values = validateAgencyContacts(contacts);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('agencies')
      .select(['code', 'address', 'phone', 'email', 'head_name'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AdminError('not_found');
    await requireManages(trx, admin, code);
    const updated = await trx
      .updateTable('agencies')
      .set({ ...values, updated_at: new Date() })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { code: _code, ...beforeValues } = before;
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.agency_contacts_updated',
      entityType: 'agency',
      entityId: code,
      agencyCode: code,
      before: beforeValues,
      after: values,
    });
    return updated;
  });
}
