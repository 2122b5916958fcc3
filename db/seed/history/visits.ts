/**
 * The reception log (tiếp công dân) of the demo history for Hà Nội: regular reception on most working days, the
 * head's monthly reception, now and then a visit on the same matter as an earlier one, and the visits at which a
 * complaint was filed at the counter (linked to that dossier).
 */
import type { DateISO, WorkingCalendar } from '../../../src/server/calendar.ts';
import type { ReceptionVisitsTable } from '../../../src/server/schema.ts';
import { fakePerson } from './people.ts';
import type { Random } from './random.ts';
import { texts } from './texts.ts';
import { plusDays, vnTime } from './timeline.ts';

export type PlannedVisit = Omit<ReceptionVisitsTable, 'id' | 'search_text' | 'created_at' | 'updated_at' | 'dossier_id' | 'earlier_visit_id'> & {
  /** Index of the dossier filed at this visit, in the generated dossiers. */
  dossierRef: number | null;
  /** Index of the earlier visit on the same matter, in the planned visits. */
  earlierRef: number | null;
};

const forwardedTo = ['Tòa án nhân dân thành phố Hà Nội', 'Ủy ban nhân dân phường nơi cư trú', 'Viện kiểm sát nhân dân thành phố Hà Nội'];
const refusal = 'Vụ việc đã có quyết định giải quyết khiếu nại có hiệu lực pháp luật và đã được trả lời bằng văn bản.';

/** The visits from `from` to `today` (days in Vietnam), `receptionId` and `headId` receiving. */
export function planVisits(random: Random, calendar: WorkingCalendar, from: DateISO, today: DateISO, staff: { reception: number; head: number }): PlannedVisit[] {
  const visits: PlannedVisit[] = [];
  let month = '';
  for (let day = from; day <= today; day = plusDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const periodic = day.slice(0, 7) !== month && Number(day.slice(8, 10)) >= 10;
    if (periodic) month = day.slice(0, 7);
    const count = random.weighted([[0, 3], [1, 4], [2, 2], [3, 1]]) + (periodic ? 1 : 0);
    for (let i = 0; i < count; i++) {
      const byHead = periodic && i === count - 1;
      const candidate = visits.length > 20 && random.chance(0.1) ? visits.length - random.int(1, 20) : null;
      // The matter was raised on an earlier day (a visit earlier the same day is the same visit).
      const earlier = candidate !== null && visits[candidate]!.visited_at < vnTime(day, 0) ? candidate : null;
      const before = earlier === null ? null : visits[earlier]!;
      const person = fakePerson(random, 'HNI', visits.length);
      const topic = before ? { category: before.category, subject: `Tiếp tục: ${before.subject}` } : random.pick(texts.visitSubjects);
      const outcome = random.weighted([['guided', 14], ['forwarded', 2], ['refused', 1]] as const);
      const group = byHead && random.chance(0.5);
      visits.push({
        agency_code: 'HNI',
        visited_at: vnTime(day, random.int(450, 990)),
        kind: byHead ? (random.chance(0.8) ? 'head_periodic' : 'head_adhoc') : 'regular',
        citizen_name: before?.citizen_name ?? person.fullName,
        citizen_id_number: before ? before.citizen_id_number : random.chance(0.6) ? person.cccd : null,
        citizen_address: before?.citizen_address ?? person.address,
        citizen_phone: before ? before.citizen_phone : random.chance(0.5) ? person.phone : null,
        headcount: group ? random.int(3, 9) : 1,
        representatives: group ? `${person.fullName}, ${fakePerson(random, 'HNI', 0).fullName}` : null,
        subject: topic.subject,
        category: topic.category,
        outcome,
        forwarded_to: outcome === 'forwarded' ? random.pick(forwardedTo) : null,
        refusal_reason: outcome === 'refused' ? refusal : null,
        received_by: byHead ? staff.head : staff.reception,
        created_by: staff.reception,
        dossierRef: null,
        earlierRef: earlier,
      });
    }
  }
  return visits;
}

/**
 * The visit at which complaint `dossierRef` was filed at the counter, just before its submission at `at`. (A
 * denunciation filed in person is not logged with the denouncer's name: the identity stays in the vault.)
 */
export function filingVisit(
  dossierRef: number,
  at: Date,
  person: { fullName: string; cccd: string; address: string; phone: string },
  staff: { reception: number },
): PlannedVisit {
  return {
    agency_code: 'HNI',
    visited_at: new Date(at.getTime() - 20 * 60_000),
    kind: 'regular',
    citizen_name: person.fullName,
    citizen_id_number: person.cccd,
    citizen_address: person.address,
    citizen_phone: person.phone,
    headcount: 1,
    representatives: null,
    subject: 'Nộp đơn khiếu nại về thi hành án.',
    category: 'complaint',
    outcome: 'petition_received',
    forwarded_to: null,
    refusal_reason: null,
    received_by: staff.reception,
    created_by: staff.reception,
    dossierRef,
    earlierRef: null,
  };
}
