/**
 * The national calendar of days off and swapped working days (central administrators only: access.ts); audited.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { CalendarDayRow, Database } from '../schema.ts';
import { isRealDate } from '../validation/dates.ts';
import { AdminError, auditActor, requireCentralAdmin, type AdminActor } from './access.ts';
import { CONTROL_CHARS, cleanText } from './text.ts';

export interface CalendarDayInput {
  date: string;
  kind: 'off' | 'working';
  name_vi: string;
  name_en: string;
}

function validateCalendarDay(input: CalendarDayInput): CalendarDayInput {
  const fields: Record<string, string> = {};
  const nameVi = cleanText(input.name_vi);
  const nameEn = cleanText(input.name_en);
  if (typeof input.date !== 'string' || !isRealDate(input.date) || input.date < '2000-01-01' || input.date > '2099-12-31') fields.date = 'format';
  if (input.kind !== 'off' && input.kind !== 'working') fields.kind = 'format';
  if (nameVi === null || nameVi.length > 200 || CONTROL_CHARS.test(nameVi)) fields.name_vi = nameVi === null ? 'required' : 'format';
  if (nameEn === null || nameEn.length > 200 || CONTROL_CHARS.test(nameEn)) fields.name_en = nameEn === null ? 'required' : 'format';
  if (Object.keys(fields).length) throw new AdminError('invalid', fields);
  return { date: input.date, kind: input.kind, name_vi: nameVi!, name_en: nameEn! };
}

export type CalendarDay = Pick<CalendarDayRow, 'date' | 'kind' | 'name_vi' | 'name_en'>;

/** Every announced day, by date (what the administration's calendar page lists and computes the year from). */
export function listCalendarDays(db: Kysely<Database>): Promise<CalendarDay[]> {
  return db.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).orderBy('date').execute();
}

const calendarAudit = (row: Pick<CalendarDayRow, 'date' | 'kind' | 'name_vi' | 'name_en'> | undefined) =>
  row ? { date: row.date, kind: row.kind, name_vi: row.name_vi, name_en: row.name_en } : undefined;

/** Adds or replaces an announced day off or working day. Affects due dates computed from now on, not those set. */
export async function upsertCalendarDay(db: Kysely<Database>, admin: AdminActor, input: CalendarDayInput): Promise<void> {
  requireCentralAdmin(admin);
  const day = validateCalendarDay(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).where('date', '=', day.date).forUpdate().executeTakeFirst();
    await trx
      .insertInto('calendar_days')
      .values({ ...day, updated_at: new Date() })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name_vi: day.name_vi, name_en: day.name_en, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, auditActor(admin), {
      action: before ? 'admin.calendar_day_updated' : 'admin.calendar_day_added',
      entityType: 'calendar_day',
      entityId: day.date,
      before: calendarAudit(before),
      after: calendarAudit(day),
    });
  });
}

/** Removes an announced day (the statutory rules apply to it again). Returns whether there was one. */
export async function deleteCalendarDay(db: Kysely<Database>, admin: AdminActor, date: string): Promise<boolean> {
  requireCentralAdmin(admin);
  if (typeof date !== 'string' || !isRealDate(date)) throw new AdminError('invalid', { date: 'format' });
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).where('date', '=', date).forUpdate().executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('calendar_days').where('date', '=', date).execute();
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.calendar_day_deleted',
      entityType: 'calendar_day',
      entityId: date,
      before: calendarAudit(before),
    });
    return true;
  });
}
