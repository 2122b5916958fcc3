import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/schema.ts';
import { agencySeed } from './agencies.ts';
import { agencyContactsSeed } from './agency-contacts.ts';
import { calendarDaysSeed } from './calendar-days.ts';

/**
 * Reference data every installation needs: the agencies, their published contact details and the announced calendar
 * days. Rows that exist are left alone, so an administrator's edits survive every restart; published contact details
 * only fill empty fields of agencies no administrator has edited (an edit is in the audit log, which is never
 * deleted), so a detail an administrator removed stays removed. Returns how many rows were added or filled in.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<{ agencies: number; contacts: number; calendarDays: number }> {
  return db.transaction().execute(async (trx) => {
    const agencies = await trx
      .insertInto('agencies')
      .values(agencySeed())
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    let contacts = 0;
    for (const seeded of agencyContactsSeed) {
      const filled = await trx
        .updateTable('agencies')
        .set((eb) => ({
          address: eb.fn.coalesce('address', eb.val(seeded.address ?? null)),
          phone: eb.fn.coalesce('phone', eb.val(seeded.phone ?? null)),
          email: eb.fn.coalesce('email', eb.val(seeded.email ?? null)),
        }))
        .where('code', '=', seeded.code)
        .where((eb) =>
          eb.or([
            ...(seeded.address ? [eb('address', 'is', null)] : []),
            ...(seeded.phone ? [eb('phone', 'is', null)] : []),
            ...(seeded.email ? [eb('email', 'is', null)] : []),
          ]),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('audit_log')
                .select('audit_log.id')
                .where('audit_log.action', '=', 'admin.agency_contacts_updated')
                .where('audit_log.entity_type', '=', 'agency')
                .whereRef('audit_log.entity_id', '=', 'agencies.code'),
            ),
          ),
        )
        .executeTakeFirst();
      contacts += Number(filled.numUpdatedRows ?? 0);
    }
    const days = await trx
      .insertInto('calendar_days')
      .values(calendarDaysSeed.map((d) => ({ date: d.date, kind: d.kind, name_vi: d.name.vi, name_en: d.name.en })))
      .onConflict((oc) => oc.column('date').doNothing())
      .executeTakeFirst();
    return { agencies: Number(agencies.numInsertedOrUpdatedRows ?? 0), contacts, calendarDays: Number(days.numInsertedOrUpdatedRows ?? 0) };
  });
}
