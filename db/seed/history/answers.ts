/**
 * The form answers of a demo-history dossier: the procedure's example with another person, agency and dates (none
 * after the day of filing), validated by the procedure's own schema and completed by its `derive`, as a submission
 * keeps them.
 */
import type { DateISO, WorkingCalendar } from '../../../src/server/calendar.ts';
import type { Procedure } from '../../../src/server/catalog/types.ts';
import { fakeAddress, fakePerson, type FakePerson } from './people.ts';
import type { Random } from './random.ts';
import { texts } from './texts.ts';
import { plusDays } from './timeline.ts';

function vnDate(day: DateISO): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

function money(random: Random, min: number, max: number): string {
  return (random.int(min, max) * 1_000_000).toLocaleString('vi-VN');
}

/** What varies by procedure beyond the person and the agency. */
function particulars(procedure: Procedure, random: Random, filedOn: DateISO, province: string, person: FakePerson): Record<string, unknown> {
  const decisionDate = plusDays(filedOn, -random.int(20, 240));
  const decisionNumber = `${random.int(12, 980)}/QĐ-THADS`;
  switch (procedure.code) {
    case 'YCTHA': {
      const judgmentDate = plusDays(filedOn, -random.int(45, 400));
      const number = `${random.int(3, 420)}/${judgmentDate.slice(0, 4)}/${random.pick(['DS-ST', 'DS-PT', 'KDTM-ST', 'HNGĐ-ST'])}`;
      const debtor = fakePerson(random, province, 0);
      const amount = money(random, 15, 2_400);
      return {
        judgmentNumber: number,
        judgmentDate,
        judgmentEffectiveDate: plusDays(judgmentDate, 31),
        judgmentIssuer: `Tòa án nhân dân khu vực ${random.int(1, 9)}`,
        requestedItems: `Buộc ${debtor.female ? 'bà' : 'ông'} ${debtor.fullName} trả cho ${person.female ? 'bà' : 'ông'} ${person.fullName} số tiền ${amount} đồng theo Bản án số ${number}.`,
        amountRequested: amount,
        debtorName: debtor.fullName,
        debtorAddress: debtor.address,
        debtorIdNumber: debtor.cccd,
      };
    }
    case 'XNKQ':
      return { decisionNumber, decisionDate, judgmentNumber: `${random.int(3, 420)}/${decisionDate.slice(0, 4)}/HS-ST` };
    case 'DCHV':
      return { decisionNumber, decisionDate, officerName: fakePerson(random, province, 0).fullName };
    case 'MGCPCC':
    case 'MGPTHA':
      return { decisionNumber, decisionDate };
    case 'DCDS':
      return { explanation: `Tôi đã nộp đủ số tiền phải thi hành ngày ${vnDate(plusDays(filedOn, -random.int(3, 30)))} theo biên lai tại cơ quan thi hành án.` };
    case 'KN': {
      const complaint = random.weighted(texts.complaintCases.map((c, i) => [c, [30, 25, 10, 15, 20][i]!] as const));
      // Learned of it a day or two before complaining (on time even for an account freeze's 3 working days).
      const dateLearned = plusDays(filedOn, -random.int(0, 2));
      const actDate = plusDays(dateLearned, -random.int(0, 5));
      return {
        round: 'first',
        subject: complaint.subject,
        decisionOrAct: `${complaint.act} số ${decisionNumber} ngày ${vnDate(actDate)}`,
        actDate,
        dateLearned,
        respondentName: fakePerson(random, province, 0).fullName,
        caseDecisionNumber: `${random.int(100, 2_400)}/QĐ-THADS`,
        whatIsWrong: complaint.wrong,
        request: complaint.request,
      };
    }
    case 'TC':
      return {
        accusedName: fakePerson(random, province, 0).fullName,
        conduct: random.pick(texts.denunciations),
        conductDate: plusDays(filedOn, -random.int(2, 40)),
        evidence: 'Tin nhắn và ghi âm cuộc nói chuyện (nộp kèm theo khi được yêu cầu).',
      };
    default:
      return {};
  }
}

/** The validated answers of `person`'s application to `agency`, filed on `filedOn`. */
export function answersFor(
  procedure: Procedure,
  random: Random,
  ctx: {
    calendar: WorkingCalendar;
    filedOn: DateISO;
    agency: string;
    agencyName: string;
    person: FakePerson;
    /** Answers that are not drawn (a second complaint's, carried from its first). */
    overrides?: Record<string, unknown> | undefined;
    /** Links the server vouches for, kept after validation as processApplication keeps them (the first complaint's code). */
    link?: Record<string, string> | undefined;
  },
): Record<string, unknown> {
  const province = ctx.agency.split('-')[0]!;
  const { person } = ctx;
  const answers = procedure.schema.parse({
    ...procedure.example,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    cccd: person.cccd,
    phone: person.phone,
    email: random.chance(0.85) ? person.email : null,
    address: person.address || fakeAddress(random, province),
    agency: ctx.agency,
    ...(procedure.code === 'TC' ? { accusedWorkplace: ctx.agencyName } : {}),
    ...particulars(procedure, random, ctx.filedOn, province, person),
    ...ctx.overrides,
  });
  const derived = procedure.derive ? procedure.derive(answers, { calendar: ctx.calendar, today: ctx.filedOn }) : {};
  return { ...answers, ...derived, ...ctx.link };
}
