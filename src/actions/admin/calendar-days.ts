/** The national calendar of announced days off and working days (src/server/admin/calendar-days.ts). */
import { defineAction } from 'astro:actions';
import { getDb } from '../../server/boot.ts';
import { deleteCalendarDay, upsertCalendarDay } from '../../server/admin/calendar-days.ts';
import { text } from '../guards.ts';
import { outcome, refusal, requireAdmin } from './outcome.ts';

export const calendarDayActions = {
  /** Adds an announced day off or working day, or replaces the entry for that date (central administrators). */
  adminUpsertCalendarDay: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const values = {
        date: text(form, 'date').trim().slice(0, 20),
        kind: text(form, 'kind').slice(0, 20),
        name_vi: text(form, 'name_vi').slice(0, 1000),
        name_en: text(form, 'name_en').slice(0, 1000),
      };
      const base = { target: values.date, values };
      try {
        await upsertCalendarDay(await getDb(), admin, { ...values, kind: values.kind as 'off' | 'working' });
        return outcome('upsertCalendarDay', { ...base, ok: true, values: {} });
      } catch (err) {
        return refusal('upsertCalendarDay', err, base);
      }
    },
  }),

  /** Removes an announced day: the statutory rules apply to that date again (central administrators). */
  adminDeleteCalendarDay: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const date = text(form, 'date').trim().slice(0, 20);
      try {
        const deleted = await deleteCalendarDay(await getDb(), admin, date);
        return outcome('deleteCalendarDay', { ok: true, target: date, detail: { deleted: deleted ? '1' : '0' } });
      } catch (err) {
        return refusal('deleteCalendarDay', err, { target: date });
      }
    },
  }),
};
