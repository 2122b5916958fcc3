import type { Kysely } from 'kysely';
import { createCalendar, type WorkingCalendar } from './calendar.ts';
import type { Database } from './schema.ts';
import { cachedReference } from './reference-cache.ts';

/**
 * The working-day calendar with the announced days off and working days an administrator keeps in `calendar_days`;
 * kept in the process while every change is heard (reference-cache.ts). Inside a transaction it reads the table.
 */
export function loadCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  return cachedReference(db, 'calendar_days', 'calendar', async () => {
    const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).execute();
    return createCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: { vi: r.name_vi, en: r.name_en } })));
  });
}
