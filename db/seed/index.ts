import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/schema.ts';
import { agencySeed } from './agencies.ts';
import { calendarDaysSeed } from './calendar-days.ts';

/**
 * Reference data every installation needs: the agencies and the announced calendar days.
 * Rows that exist are left alone, so an administrator's edits survive every restart.
 * Returns how many rows were added.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<{ agencies: number; calendarDays: number }> {
  return db.transaction().execute(async (trx) => {
    const agencies = await trx
      .insertInto('agencies')
      .values(agencySeed())
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    const days = await trx
      .insertInto('calendar_days')
      .values(calendarDaysSeed.map((d) => ({ date: d.date, kind: d.kind, name_vi: d.name.vi, name_en: d.name.en })))
      .onConflict((oc) => oc.column('date').doNothing())
      .executeTakeFirst();
    return { agencies: Number(agencies.numInsertedOrUpdatedRows ?? 0), calendarDays: Number(days.numInsertedOrUpdatedRows ?? 0) };
  });
}
