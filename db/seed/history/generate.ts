/**
 * The demo history, in memory: a year of one-stop dossiers over several agencies, complaints and denunciations in
 * Hà Nội (where the demo officer can verify them) and Hà Nội's reception log, all up to the seed's clock. Pure and
 * deterministic: the same seed, clock, calendar and staff give the same dossiers, code for code.
 */
import { todayInVietnam, type DateISO, type WorkingCalendar } from '../../../src/server/calendar.ts';
import { procedureByCode } from '../../../src/server/catalog/index.ts';
import type { Procedure } from '../../../src/server/catalog/types.ts';
import { generateDossierCode } from '../../../src/server/dossiers/code.ts';
import { redactIdentity } from '../../../src/server/denouncers/vault.ts';
import { competentAgencyIn, routingRecord } from '../../../src/server/dossiers/competent-agency.ts';
import { provinces } from '../../../src/server/provinces.ts';
import { agencySeed } from '../agencies.ts';
import { answersFor } from './answers.ts';
import { oneStopPaths, playOneStop, type OneStopPath, type PathContext } from './one-stop.ts';
import { fakePerson, type FakePerson } from './people.ts';
import { complaintPaths, denunciationPaths, playPetition, type PetitionPath } from './petitions.ts';
import { keyedRandom, seededRandom, type Random } from './random.ts';
import { planFeedback, planResponses, type PlannedFeedback, type PlannedResponse } from './survey.ts';
import { plusDays, Timeline, vnTime, type HistoryStaff } from './timeline.ts';
import { filingVisit, planVisits, type PlannedVisit } from './visits.ts';

/** Every history dossier's idempotency key starts so: how a restart knows the year is there. */
export const HISTORY_KEY_PREFIX = 'demo-history:';
export const DEFAULT_HISTORY_SEED = 2026;

/** Where dossiers are filed, and how often: mostly the three cities with regional offices, a few provinces. */
export const historyAgencies: readonly (readonly [string, number])[] = [
  ['HNI', 16], ['HNI-KV1', 5], ['HNI-KV2', 5], ['HNI-KV3', 5], ['HNI-KV4', 5],
  ['HCM', 14], ['HCM-KV1', 3.5], ['HCM-KV2', 3.5], ['HCM-KV3', 3.5], ['HCM-KV4', 3.5],
  ['DNG', 7], ['DNG-KV1', 2], ['DNG-KV2', 2], ['DNG-KV3', 2],
  ['HPG', 5], ['CTO', 4], ['KHA', 3], ['NAN', 4],
];

/** Most one-stop dossiers are requests for enforcement. */
export const historyProcedures: readonly (readonly [string, number])[] = [
  ['YCTHA', 52], ['XNKQ', 16], ['DCDS', 12], ['MGPTHA', 9], ['MGCPCC', 6], ['DCHV', 5],
];

/** Dossiers a day: online every day (fewer on days off), at the counter on working days; complaints in Hà Nội. */
const perDay = { online: { working: 6.3, off: 1.5 }, counter: 4.2, complaint: { working: 0.85, off: 0.2 }, denunciation: 0.22 };
/** Busier before Tết and at the year's end, quiet in the Tết month. */
const monthFactor: Record<string, number> = { '01': 1.2, '02': 0.75, '12': 1.1 };

export interface HistoryInput {
  now: Date;
  seed?: number;
  calendar: WorkingCalendar;
  /** The demo accounts of Hà Nội (null ids: no such account; then Hà Nội has no petitions or reception log). */
  staff: HistoryStaff;
  /** Codes already in use (the other demo dossiers), never drawn again. */
  takenCodes?: ReadonlySet<string>;
}

export interface GeneratedDossier {
  timeline: Timeline;
  path: OneStopPath | PetitionPath;
  /** Whether the dossier is meant to count as late (the deadline report must say the same). */
  late: boolean;
  /** A denunciation's identity answers, for the vault (the row and its data hold placeholders). */
  identity: Record<string, unknown> | null;
}

export interface GeneratedHistory {
  dossiers: GeneratedDossier[];
  visits: PlannedVisit[];
  /** Survey responses to the returned and closed dossiers, and general feedback (./survey.ts). */
  responses: PlannedResponse[];
  feedback: PlannedFeedback[];
}

const nobody: HistoryStaff = { reception: null, officer: null, head: null };

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

/** Whether `path` as far as it went makes the dossier late — by the path's intent, not by reading its deadline. */
function intendedLate(path: OneStopPath | PetitionPath, t: Timeline, today: DateISO): boolean {
  const overdueNow = t.row.due_date !== null && today > t.row.due_date;
  const took = (actions: string[]) => t.events.some((e) => actions.includes(e.action));
  if (path === 'lateApology') return took(['apologise']) || overdueNow;
  if (path === 'lateResult') return took(['record_result', 'approve']) || overdueNow;
  if (path === 'lateDecision') return took(['decide', 'conclude']) || overdueNow;
  if (path === 'stalled') return overdueNow;
  return false;
}

export function generateHistory(input: HistoryInput): GeneratedHistory {
  const seed = input.seed ?? DEFAULT_HISTORY_SEED;
  // How many dossiers a day, of which kind and path: one stream. Each dossier draws the rest from a source of its own,
  // so a dossier cut short by the clock does not change the ones after it.
  const random = seededRandom(seed);
  const { calendar, now } = input;
  const today = todayInVietnam(now);
  const from = plusDays(today, -364);
  const taken = new Set(input.takenCodes);
  const agencyNames = new Map(agencySeed().map((a) => [a.code, a.name_vi]));
  const agencyParents = new Map(agencySeed().map((a) => [a.code, a.parent_code]));
  const hanoiStaff = input.staff;
  const petitionsInHanoi = hanoiStaff.officer !== null && hanoiStaff.head !== null;
  const dossiers: GeneratedDossier[] = [];
  const filings: PlannedVisit[] = [];
  const decisionNumbers = { next: 1 };
  const oneStopWeights = Object.entries(oneStopPaths) as [OneStopPath, number][];

  const file = (
    procedure: Procedure,
    agency: string,
    channel: 'online' | 'counter',
    day: DateISO,
    path: OneStopPath | PetitionPath,
    key: string,
    again?: { person: FakePerson; overrides: Record<string, unknown>; link: Record<string, string> },
  ) => {
    const own = keyedRandom(seed, key);
    const n = dossiers.length + 1;
    const person = again?.person ?? fakePerson(own, agency.split('-')[0]!, n);
    const answers = answersFor(procedure, own, { calendar, filedOn: day, agency, agencyName: agencyNames.get(agency) ?? agency, person, overrides: again?.overrides, link: again?.link });
    // A petition is filed where the services would file it: with the competent level (competent-agency.ts).
    const routing = procedure.kind === 'one-stop' ? null : competentAgencyIn((c) => agencyParents.get(c), procedure.kind, agency, answers);
    const routed = routing ? routingRecord(agency, routing) : {};
    const filedAt = routing?.agencyCode ?? agency;
    const staff = filedAt.startsWith('HNI') ? hanoiStaff : nobody;
    const ctx: PathContext = { now, today, calendar, random: own, staff };
    const province = provinces.findIndex((p) => p.code === agency.split('-')[0]) + 1;
    let code = generateDossierCode(province, day, own.below);
    while (taken.has(code)) code = generateDossierCode(province, day, own.below);
    taken.add(code);
    const at = channel === 'online' ? vnTime(day, own.int(360, 1_350)) : vnTime(day, own.int(450, 960));
    if (at > now) return null;
    const sealed = procedure.kind === 'denunciation' ? redactIdentity(answers) : null;
    const t = new Timeline(
      procedure,
      calendar,
      now,
      {
        code,
        procedure_code: procedure.code,
        agency_code: filedAt,
        channel,
        locale: own.chance(0.05) ? 'en' : 'vi',
        ...(sealed?.row ?? {
          applicant_name: String(answers.fullName),
          applicant_id_number: String(answers.cccd),
          applicant_phone: String(answers.phone),
          applicant_email: typeof answers.email === 'string' ? answers.email : null,
          applicant_address: String(answers.address),
        }),
        data: { ...(sealed?.data ?? answers), ...routed },
        idempotency_key: `${HISTORY_KEY_PREFIX}${code}`,
      },
      at,
      channel === 'online' ? { role: 'citizen', id: null } : { role: 'reception', id: staff.reception },
    );
    if (procedure.kind === 'one-stop') playOneStop(ctx, t, path as OneStopPath);
    else playPetition(ctx, t, path as PetitionPath, decisionNumbers);
    dossiers.push({ timeline: t, path, late: intendedLate(path, t, today), identity: sealed ? answers : null });
    return { t, person };
  };

  // Second complaints, by the day they are filed: against a first decision that is not final, within the 15 days.
  const secondsOn = new Map<DateISO, Timeline[]>();
  const mayComplainAgain = (t: Timeline) => {
    const decision = t.events.find((e) => e.action === 'decide')?.data as { decidedOn: DateISO; final: boolean; conclusion: string } | undefined;
    const draw = keyedRandom(seed, `${t.row.code}:again`);
    if (!decision || decision.final || decision.conclusion === 'right' || t.row.data.round === 'second' || !draw.chance(0.15)) return;
    const day = plusDays(decision.decidedOn, draw.int(2, 12));
    if (day <= today) secondsOn.set(day, [...(secondsOn.get(day) ?? []), t]);
  };
  const complainAgain = (first: Timeline, day: DateISO) => {
    const data = first.row.data;
    const decision = first.events.find((e) => e.action === 'decide')!.data as { decidedOn: DateISO; number: string };
    const carried = ['applicantRole', 'subject', 'decisionOrAct', 'actDate', 'respondentRole', 'respondentName', 'dateLearned', 'caseDecisionNumber', 'whatIsWrong', 'request'];
    const person = { fullName: String(data.fullName), female: false, dateOfBirth: String(data.dateOfBirth), cccd: String(data.cccd), phone: String(data.phone), email: String(data.email ?? ''), address: String(data.address) };
    const overrides = {
      ...Object.fromEntries(carried.filter((k) => data[k] !== undefined).map((k) => [k, data[k]])),
      round: 'second',
      firstDecisionNumber: decision.number,
      firstDecisionReceivedOn: decision.decidedOn,
    };
    const key = `${first.row.code}:second`;
    const path = keyedRandom(seed, key).weighted(Object.entries(complaintPaths) as [PetitionPath, number][]);
    file(first.procedure, String(data.agency ?? first.row.agency_code), 'online', day, path === 'stalled' && day < plusDays(today, -40) ? 'onTime' : path, key, {
      person,
      overrides,
      link: { parentDossierCode: first.row.code },
    });
  };

  for (let day = from; day <= today; day = plusDays(day, 1)) {
    const working = calendar.isWorkingDay(day);
    const factor = monthFactor[day.slice(5, 7)] ?? 1;
    // Stalled dossiers are recent: an agency does not forget a dossier for months.
    const recent = day >= plusDays(today, -40);
    const oneStop = (channel: 'online' | 'counter', i: number) => {
      const procedure = procedureByCode(random.weighted(historyProcedures))!;
      const path = random.weighted(oneStopWeights);
      file(procedure, random.weighted(historyAgencies), channel, day, path === 'stalled' && !recent ? 'onTime' : path, `${day}:${channel}:${i}`);
    };
    const online = poisson(random, factor * (working ? perDay.online.working : perDay.online.off));
    for (let i = 0; i < online; i++) oneStop('online', i);
    const counter = working ? poisson(random, factor * perDay.counter) : 0;
    for (let i = 0; i < counter; i++) oneStop('counter', i);
    if (!petitionsInHanoi) continue;
    for (const first of secondsOn.get(day) ?? []) complainAgain(first, day);
    const complaints = poisson(random, working ? perDay.complaint.working : perDay.complaint.off);
    for (let i = 0; i < complaints; i++) {
      const channel = working && random.chance(0.3) ? 'counter' : 'online';
      const path = random.weighted(Object.entries(complaintPaths) as [PetitionPath, number][]);
      const agency = random.weighted([['HNI', 3], ['HNI-KV1', 1], ['HNI-KV2', 1]] as const);
      const filed = file(procedureByCode('KN')!, agency, channel, day, path === 'stalled' && !recent ? 'onTime' : path, `${day}:KN:${i}`);
      if (filed && channel === 'counter') filings.push(filingVisit(dossiers.length - 1, filed.t.row.submitted_at, filed.person, { reception: hanoiStaff.reception! }));
      if (filed) mayComplainAgain(filed.t);
    }
    const denunciations = poisson(random, perDay.denunciation);
    for (let i = 0; i < denunciations; i++) {
      const path = random.weighted(Object.entries(denunciationPaths) as [PetitionPath, number][]);
      file(procedureByCode('TC')!, 'HNI', 'online', day, path === 'stalled' && !recent ? 'onTime' : path, `${day}:TC:${i}`);
    }
  }
  const logged =
    hanoiStaff.reception !== null && hanoiStaff.head !== null
      ? planVisits(keyedRandom(seed, 'visits'), calendar, from, today, { reception: hanoiStaff.reception, head: hanoiStaff.head })
      : [];
  const visits = [...logged, ...filings].filter((v) => v.visited_at <= now).sort((a, b) => a.visited_at.getTime() - b.visited_at.getTime());
  return {
    dossiers,
    visits: relinkEarlier(logged, visits),
    responses: planResponses(seed, now, dossiers),
    feedback: planFeedback(seed, from, now, historyAgencies),
  };
}

/** After sorting, each visit's `earlierRef` points to its earlier visit's new place. */
function relinkEarlier(original: PlannedVisit[], sorted: PlannedVisit[]): PlannedVisit[] {
  const place = new Map(sorted.map((v, i) => [v, i]));
  return sorted.map((v) => (v.earlierRef === null ? v : { ...v, earlierRef: place.get(original[v.earlierRef]!) ?? null }));
}
