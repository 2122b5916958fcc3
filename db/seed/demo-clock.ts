/**
 * When the demo seed's events happen. Scenarios say "filed three days ago, then one step a day at 09:15 in Vietnam",
 * but the seed may run at any hour: run at 07:00 in Vietnam, "today at 09:15" is two hours ahead, and a dossier
 * filed in the future sorts its later events before its submission. So a time is taken on the Vietnamese calendar
 * day (not the UTC one, which differs from 17:00 to 24:00 UTC) and pulled back before the seed's clock.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;

/** At `hour`:`minute` in Vietnam, on the Vietnamese calendar day `days` days before `now`. */
export function vnAt(now: Date, days: number, hour: number, minute = 0): Date {
  const day = new Date(now.getTime() + 7 * 3_600_000 - days * DAY).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`);
}

/**
 * The times of a demo dossier's `events` events (its submission first), one day apart from `daysAgo` days before
 * `now` at `hour`:`minute` in Vietnam; any that would fall after `now` is moved back to a minute apart before it,
 * so the events stay in order and the last is a minute before the seed ran.
 */
export function demoTimeline(now: Date, daysAgo: number, events: number, hour: number, minute: number): Date[] {
  const first = vnAt(now, daysAgo, hour, minute).getTime();
  return Array.from({ length: events }, (_, k) => new Date(Math.min(first + k * DAY, now.getTime() - (events - k) * MINUTE)));
}
