/**
 * The paths a complaint or a denunciation of the demo history takes, each stage with what its service writes
 * (acceptPetition, closeWithReason, startVerification, extendPetition, decidePetition, closePetition): the time to
 * decide from the dated petition rules by subject and round, counted by the real calendar from the acceptance.
 */
import { todayInVietnam, type DateISO } from '../../../src/server/calendar.ts';
import { petitionRulesOn } from '../../../src/server/catalog/petition-rules.ts';
import { lastDayToComplain } from '../../../src/server/catalog/complaint-limits.ts';
import { decisionDue, endOfSpan } from '../../../src/server/dossiers/deadline.ts';
import { actor, citizenTime, officeTime, workingOnOrAfter, type PathContext } from './one-stop.ts';
import { texts } from './texts.ts';
import type { Timeline } from './timeline.ts';

/** How complaints go (per 100). */
export const complaintPaths = { onTime: 55, extended: 6, lateDecision: 6, notAccepted: 12, transferred: 8, filedAway: 5, withdrawn: 4, stalled: 4 } as const;
/** How denunciations go (per 100); a denunciation is not filed away. */
export const denunciationPaths = { onTime: 55, extended: 6, lateDecision: 6, notAccepted: 15, transferred: 12, withdrawn: 3, stalled: 3 } as const;
export type PetitionPath = keyof typeof complaintPaths;

/** A working day from `from` (or the next working day) up to `to`; `from`'s when there is no room. */
function dayWithin(ctx: PathContext, from: DateISO, to: DateISO): DateISO {
  const start = workingOnOrAfter(ctx.calendar, from);
  const room = Math.max(0, ctx.calendar.workingDaysBetween(start, to));
  return ctx.calendar.addWorkingDays(start, ctx.random.int(0, room));
}

/** Plays `path` on the just-filed petition `t`; `numbers` counts the agency's decisions for their numbers. */
export function playPetition(ctx: PathContext, t: Timeline, path: PetitionPath, numbers: { next: number }): void {
  const { random, calendar } = ctx;
  const denunciation = t.procedure.kind === 'denunciation';
  const checkDue = t.row.check_due_date!;
  const headOrReception = (role: 'head' | 'reception') => actor(ctx, role);
  if (path === 'withdrawn' && random.chance(0.4)) {
    t.take('withdraw', { role: 'citizen', id: null }, citizenTime(t, random, t.lastDay));
    return;
  }
  const answerDay = dayWithin(ctx, t.lastDay, checkDue);
  if (path === 'notAccepted' || path === 'transferred' || path === 'filedAway') {
    const action = path === 'notAccepted' ? 'not_accept' : path === 'transferred' ? 'transfer' : 'file_away';
    const reasons = path === 'notAccepted' ? texts.rejectionOfPetition : path === 'transferred' ? texts.transferOfPetition : texts.fileAway;
    t.take(action, headOrReception('head'), officeTime(t, random, answerDay), { publicNote: random.pick(reasons) });
    return;
  }
  // acceptPetition: the time to decide runs from today by the rules in force today.
  const acceptAt = officeTime(t, random, answerDay);
  const acceptedOn = todayInVietnam(acceptAt);
  const due = decisionDue(t.procedure, t.row.data, calendar, acceptedOn);
  const accepted = t.take('accept', headOrReception('head'), acceptAt, {
    set: { received_at: acceptAt, due_date: due },
    data: { acceptedOn, dueDate: due, rulesEffectiveFrom: petitionRulesOn(acceptedOn).effectiveFrom },
  });
  if (!accepted) return;
  if (path === 'withdrawn') {
    t.take('withdraw', { role: 'citizen', id: null }, citizenTime(t, random, dayWithin(ctx, t.lastDay, due)));
    return;
  }
  const officer = ctx.staff.officer!;
  const verifyDay = calendar.addWorkingDays(acceptedOn, random.weighted([[0, 2], [1, 4], [2, 2], [3, 1]]));
  const verified = t.take('verify', headOrReception('head'), officeTime(t, random, verifyDay > due ? acceptedOn : verifyDay), {
    set: { assigned_to: officer },
    data: { officerId: officer },
  });
  if (!verified || path === 'stalled') return;
  let decideBy = due;
  if (path === 'extended') {
    const extendDay = dayWithin(ctx, t.lastDay, due);
    const latest = endOfSpan(petitionRulesOn(extendDay).complaint.maxExtension, calendar, due);
    const newDue = calendar.addWorkingDays(due, random.int(5, 15));
    const extended = t.take('extend', headOrReception('head'), officeTime(t, random, extendDay), {
      publicNote: random.pick(texts.extensionReasons),
      set: { due_date: newDue > latest ? latest : newDue },
      data: { previousDueDate: due, newDueDate: newDue > latest ? latest : newDue, latestAllowed: latest },
    });
    if (!extended) return;
    decideBy = t.row.due_date!;
  }
  const decideDay = path === 'lateDecision' ? calendar.addWorkingDays(due, random.int(1, 8)) : dayWithin(ctx, t.lastDay, decideBy);
  const decideAt = officeTime(t, random, decideDay);
  const round = t.row.data.round === 'second' ? 'second' : 'first';
  const fileName = denunciation ? 'ket-luan-to-cao.pdf' : 'quyet-dinh-giai-quyet-khieu-nai.pdf';
  const year = decideDay.slice(0, 4);
  const conclusion = random.weighted([['right', 2], ['partly_right', 3], ['wrong', 5]] as const);
  const decidedOn = todayInVietnam(decideAt);
  const final = !denunciation && (round === 'second' || t.row.data.subject === 'accountFreeze');
  // The mandatory contents, as decidePetition records them (a wrong complaint keeps the act; a right one cannot).
  const remedy = denunciation ? null : conclusion === 'wrong' ? 'keep' : conclusion === 'partly_right' ? 'amend' : random.pick(['amend', 'annul'] as const);
  const secondComplaintBy = denunciation || final ? null : lastDayToComplain({ round: 'second', firstDecisionReceivedOn: decidedOn }, calendar)?.lastDay;
  const decided = t.take(denunciation ? 'conclude' : 'decide', headOrReception('head'), decideAt, {
    publicNote: random.chance(0.6) ? random.pick(texts.decisionNotes) : null,
    data: {
      decidedOn,
      number: `${numbers.next++}/${denunciation ? 'KL-THADS' : 'QĐ-GQKN'}-${year}`,
      conclusion,
      round,
      final,
      dueDate: t.row.due_date,
      fileName,
      findings: random.pick(denunciation ? texts.conclusionFindings[conclusion] : texts.decisionFindings[conclusion]),
      legalBasis: denunciation ? 'Luật Tố cáo năm 2018; Luật Thi hành án dân sự.' : 'Điều 140 đến Điều 146 Luật Thi hành án dân sự.',
      ...(remedy ? { remedy } : {}),
      ...(denunciation ? { measures: random.pick(texts.conclusionMeasures[conclusion]) } : {}),
      ...(secondComplaintBy ? { secondComplaintBy } : {}),
    },
  });
  if (!decided) return;
  t.attach('result', fileName);
  const closeDay = calendar.addWorkingDays(decideDay, random.int(1, 7));
  t.take('close', headOrReception(random.chance(0.7) ? 'reception' : 'head'), officeTime(t, random, closeDay));
}
