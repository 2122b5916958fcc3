/**
 * The paths a one-stop dossier of the demo history takes, each step with the changes and event data its service
 * writes (receiveDossier, requestSupplement, assignOfficer, submitDraftResult/approveResult or recordResult,
 * apologise, returnResult…), dates counted by the real calendar and the time limit in force on the day of receipt.
 */
import { todayInVietnam, type DateISO, type WorkingCalendar } from '../../../src/server/calendar.ts';
import { rulesFor } from '../../../src/server/catalog/index.ts';
import { oneStopRulesOn } from '../../../src/server/catalog/one-stop-rules.ts';
import { dueDate } from '../../../src/server/dossiers/deadline.ts';
import type { ActorRole } from '../../../src/server/dossiers/lifecycle.ts';
import { isApologyLate } from '../../../src/server/dossiers/staff-actions.ts';
import type { Random } from './random.ts';
import { demoPdfSha256, plusDays, Timeline, vnTime, type HistoryStaff } from './timeline.ts';
import { texts } from './texts.ts';

/** The ways a one-stop dossier goes, and how often (per 100 dossiers). */
export const oneStopPaths = {
  onTime: 62,
  timelyApology: 4,
  lateApology: 4,
  lateResult: 4,
  supplementAtCheck: 9,
  supplementAfterReceipt: 3,
  refused: 6,
  rejected: 2,
  withdrawn: 3,
  stalled: 3,
} as const;
export type OneStopPath = keyof typeof oneStopPaths;

/** What the generator shares with every path: the clock, the calendar, the draw, who acts. */
export interface PathContext {
  now: Date;
  today: DateISO;
  calendar: WorkingCalendar;
  random: Random;
  /** The staff of the agency (demo accounts in Hà Nội; nobody — the system — elsewhere). */
  staff: HistoryStaff;
}

/** An actor of `role` at the dossier's agency. */
export function actor(ctx: PathContext, role: ActorRole): { role: ActorRole; id: number | null } {
  if (role === 'citizen' || role === 'admin') return { role, id: null };
  return { role, id: ctx.staff[role] };
}

/** The first working day on or after `day`. */
export function workingOnOrAfter(calendar: WorkingCalendar, day: DateISO): DateISO {
  return calendar.isWorkingDay(day) ? day : calendar.addWorkingDays(day, 1);
}

/** A time during office hours on `day`, after the dossier's latest event when that was the same day. */
export function officeTime(t: Timeline, random: Random, day: DateISO): Date {
  const earliest = t.lastDay === day ? Math.max(450, minutesOf(t.events[t.events.length - 1]!.at) + 10) : 450;
  // After 17:00 (a citizen's late supplement, a long day) the next step is taken at once, still that day.
  return vnTime(day, earliest >= 1_020 ? Math.min(1_439, earliest) : Math.min(1_020, earliest + random.int(0, 240)));
}

/** A citizen's time online on `day` (any hour from 6:00 to 23:00), after the latest event. */
export function citizenTime(t: Timeline, random: Random, day: DateISO): Date {
  const earliest = t.lastDay === day ? minutesOf(t.events[t.events.length - 1]!.at) + 10 : 360;
  return vnTime(day, Math.min(1_430, earliest + random.int(0, 600)));
}

function minutesOf(at: Date): number {
  const [h, m] = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16).split(':').map(Number);
  return h! * 60 + m!;
}

/** A working day from `from` to `to` (both working days or not), never before `from`. */
function workingDayBetween(ctx: PathContext, from: DateISO, to: DateISO): DateISO {
  const span = Math.max(0, ctx.calendar.workingDaysBetween(from, to));
  const k = ctx.random.int(ctx.calendar.isWorkingDay(from) ? 0 : 1, Math.max(span, ctx.calendar.isWorkingDay(from) ? 0 : 1));
  return ctx.calendar.addWorkingDays(from, k);
}

/** receiveDossier: the receipt now, the due date by the time limit in force today. */
function receive(ctx: PathContext, t: Timeline, day: DateISO): boolean {
  const at = officeTime(t, ctx.random, day);
  const receivedOn = todayInVietnam(at);
  const rule = rulesFor(t.procedure, receivedOn);
  const due = dueDate(rule, ctx.calendar, receivedOn);
  return t.take('receive', actor(ctx, 'reception'), at, {
    set: { received_at: at, due_date: due },
    data: { receivedOn, dueDate: due, timeLimit: { days: rule.timeLimit.days, unit: rule.timeLimit.unit }, rulesEffectiveFrom: rule.effectiveFrom },
  });
}

/** requestSupplement: the due date is cleared (the clock stops) and the one it replaced kept. */
function requestSupplement(ctx: PathContext, t: Timeline, day: DateISO, by: 'reception' | 'officer'): boolean {
  return t.take('request_supplement', actor(ctx, by), officeTime(t, ctx.random, day), {
    publicNote: ctx.random.pick(texts.supplementReasons)[t.row.locale],
    set: { due_date: null },
    data: { previousDueDate: t.row.due_date },
  });
}

/** The citizen's supplement, with the file sent (tracking.ts): back to reception's check. */
function supplement(ctx: PathContext, t: Timeline, day: DateISO): boolean {
  const note = ctx.random.chance(0.5) ? ctx.random.pick(texts.supplementNotes)[t.row.locale] : null;
  if (!t.take('supplement', { role: 'citizen', id: null }, citizenTime(t, ctx.random, day), { publicNote: note })) return false;
  t.attach('supplement', 'tai-lieu-bo-sung.pdf');
  return true;
}

/** assignOfficer (Hà Nội, naming the demo officer) or the system's plain assignment elsewhere (as demo.ts). */
function assign(ctx: PathContext, t: Timeline, day: DateISO): boolean {
  const officer = ctx.staff.officer;
  const at = officeTime(t, ctx.random, day);
  if (officer === null) return t.take('assign', actor(ctx, 'head'), at);
  return t.take('assign', actor(ctx, 'head'), at, { set: { assigned_to: officer }, data: { officerId: officer, previousOfficerId: t.row.assigned_to } });
}

/** The result as the procedure issues it: the officer's own certificate, or the officer's draft the head signs. */
function result(ctx: PathContext, t: Timeline, day: DateISO): boolean {
  const fileName = `ket-qua-${t.procedure.code.toLowerCase()}.pdf`;
  if (t.procedure.resultSignedBy === 'officer') {
    if (!t.take('record_result', actor(ctx, 'officer'), officeTime(t, ctx.random, day), { data: { fileName, sha256: demoPdfSha256 } })) return false;
    t.attach('result', fileName);
    return true;
  }
  if (!t.take('submit_draft', actor(ctx, 'officer'), officeTime(t, ctx.random, day), { data: { fileName, sha256: demoPdfSha256, noteToCitizen: null } })) return false;
  const draft = t.attach('result_draft', fileName);
  if (!t.take('approve', actor(ctx, 'head'), officeTime(t, ctx.random, day), { data: { fileName, sha256: demoPdfSha256 }, draftRef: draft })) return false;
  t.attach('result', fileName);
  return true;
}

/** apologise (form 04): a new working-day date after the due date; late when made after the day before it. */
function apologise(ctx: PathContext, t: Timeline, day: DateISO, newDueDate: DateISO): boolean {
  const due = t.row.due_date!;
  const receivedOn = todayInVietnam(t.row.received_at!);
  const late = isApologyLate(due, day, oneStopRulesOn(receivedOn).apologyNoticeDays);
  return t.take('apologise', actor(ctx, 'officer'), officeTime(t, ctx.random, day), {
    publicNote: ctx.random.pick(texts.apologyReasons)[t.row.locale],
    set: { due_date: newDueDate },
    data: { previousDueDate: due, newDueDate, late },
  });
}

/** Result and hand-over: the result on `resultDay`, returned a few working days later. */
function finish(ctx: PathContext, t: Timeline, resultDay: DateISO): void {
  if (!result(ctx, t, resultDay)) return;
  const returnDay = ctx.calendar.addWorkingDays(resultDay, ctx.random.weighted([[0, 3], [1, 4], [2, 2], [4, 1], [8, 1]]));
  t.take('return_result', actor(ctx, 'reception'), officeTime(t, ctx.random, returnDay));
}

/** Reception's check of a dossier waiting since `since`: on the day (counter, or a working day) or the next one. */
function checkDay(ctx: PathContext, t: Timeline, since: DateISO): DateISO {
  if (t.row.channel === 'counter') return since;
  return ctx.calendar.isWorkingDay(since) && ctx.random.chance(0.5) ? since : ctx.calendar.addWorkingDays(since, 1);
}

/** From the receipt on `receiveDay`: assignment, then the result as `path` has it (on time, re-dated, late…). */
function processFrom(ctx: PathContext, t: Timeline, receiveDay: DateISO, path: OneStopPath): void {
  if (!receive(ctx, t, receiveDay)) return;
  const { calendar, random } = ctx;
  const due = t.row.due_date!;
  const assignDay = random.chance(0.7) ? receiveDay : calendar.addWorkingDays(receiveDay, 1);
  if (path === 'supplementAfterReceipt') {
    // Reception finds something missing after the receipt, before assigning: the clock stops until the citizen sends it.
    if (!requestSupplement(ctx, t, calendar.addWorkingDays(receiveDay, random.int(0, 1)), 'reception')) return;
    if (!supplement(ctx, t, plusDays(t.lastDay, random.int(1, 9)))) return;
    processFrom(ctx, t, checkDay(ctx, t, t.lastDay), 'onTime');
    return;
  }
  if (!assign(ctx, t, assignDay > due ? due : assignDay)) return;
  if (path === 'stalled') return;
  if (path === 'rejected') {
    t.take('reject', actor(ctx, 'head'), officeTime(t, random, workingDayBetween(ctx, t.lastDay, due)), { publicNote: random.pick(texts.rejectReasons)[t.row.locale] });
    return;
  }
  if (path === 'timelyApology' || path === 'lateApology') {
    const lastTimely = plusDays(due, -oneStopRulesOn(todayInVietnam(t.row.received_at!)).apologyNoticeDays);
    const apologyDay =
      path === 'timelyApology'
        ? workingDayBetween(ctx, t.lastDay, lastTimely < t.lastDay ? t.lastDay : lastTimely)
        : calendar.addWorkingDays(due, random.int(0, 2));
    // No room for a timely apology (assigned on the last day for it or later): the dossier goes on time instead.
    if (path === 'timelyApology' && isApologyLate(due, apologyDay, oneStopRulesOn(todayInVietnam(t.row.received_at!)).apologyNoticeDays)) return finish(ctx, t, workingDayBetween(ctx, t.lastDay, due));
    const newDue = calendar.addWorkingDays(apologyDay > due ? apologyDay : due, random.int(2, 6));
    if (!apologise(ctx, t, apologyDay, newDue)) return;
    finish(ctx, t, workingDayBetween(ctx, t.lastDay, newDue));
    return;
  }
  if (path === 'lateResult') return finish(ctx, t, calendar.addWorkingDays(due, random.int(1, 5)));
  finish(ctx, t, workingDayBetween(ctx, t.lastDay, due));
}

/** Plays `path` on the just-submitted dossier `t`. */
export function playOneStop(ctx: PathContext, t: Timeline, path: OneStopPath): void {
  const { random, calendar } = ctx;
  const submittedOn = t.lastDay;
  if (path === 'withdrawn' && random.chance(0.5)) {
    // Withdrawn before reception looked at it (the citizen filed by mistake, or settled with the debtor).
    t.take('withdraw', { role: 'citizen', id: null }, citizenTime(t, random, submittedOn));
    return;
  }
  const check = checkDay(ctx, t, submittedOn);
  if (path === 'refused') {
    t.take('refuse', actor(ctx, 'reception'), officeTime(t, random, check), { publicNote: random.pick(texts.refusalReasons)[t.row.locale] });
    return;
  }
  if (path === 'supplementAtCheck' || path === 'withdrawn') {
    if (!requestSupplement(ctx, t, check, 'reception')) return;
    if (path === 'withdrawn') {
      t.take('withdraw', { role: 'citizen', id: null }, citizenTime(t, random, plusDays(check, random.int(1, 12))));
      return;
    }
    if (!supplement(ctx, t, plusDays(check, random.int(1, 10)))) return;
    processFrom(ctx, t, checkDay(ctx, t, t.lastDay), 'onTime');
    return;
  }
  processFrom(ctx, t, workingOnOrAfter(calendar, check), path);
}
