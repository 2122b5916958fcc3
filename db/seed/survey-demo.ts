/**
 * Demo survey responses, so the heads' page and the figures are not empty on first start: every demo dossier closed
 * by an inviting action (result returned, complaint or denunciation closed) is answered the day after, through the
 * same service a citizen's form posts to. Five more Hà Nội dossiers are returned in the last fortnight, two answered
 * and three left unanswered, so a demo (and the e2e suite) can open their survey from the tracking page. A little
 * general feedback too.
 */
import type { Kysely } from 'kysely';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { helpers, type SurveyCriterion } from '../../src/server/catalog/survey-criteria.ts';
import { assignOfficer, receiveDossier, recordResult, returnResult } from '../../src/server/dossiers/staff-actions.ts';
import type { Actor } from '../../src/server/dossiers/transition.ts';
import type { Database } from '../../src/server/schema.ts';
import { surveyStatuses, surveyToken } from '../../src/server/survey/invitation.ts';
import { sendFeedback } from '../../src/server/survey/feedback.ts';
import { submitSurvey, surveyByToken } from '../../src/server/survey/responses.ts';
import { demoStaff, submitDemoDossier, type DemoDossier } from './demo-applicants.ts';

const DAY = 86_400_000;

/** Answer patterns, from pleased to displeased: a level per kind (a count's 2 is "two or more"). */
const patterns: { scale5: number; outcome: number; count: number; yesno: number; comment: string | null }[] = [
  { scale5: 5, outcome: 5, count: 0, yesno: 1, comment: 'Cán bộ hướng dẫn rõ ràng, trả kết quả đúng hẹn.' },
  { scale5: 4, outcome: 2, count: 1, yesno: 1, comment: null },
  { scale5: 3, outcome: 4, count: 2, yesno: 0, comment: 'Phải đến cơ quan hai lần vì thiếu giấy tờ không được báo trước.' },
  { scale5: 4, outcome: 4, count: 0, yesno: 1, comment: null },
  { scale5: 2, outcome: 1, count: 2, yesno: 0, comment: 'Chờ lâu ở bộ phận một cửa.' },
];

function answersFor(questions: SurveyCriterion[], k: number): Record<string, string> {
  const p = patterns[k % patterns.length]!;
  return Object.fromEntries(
    questions
      .filter((q) => !q.optional || k % 2 === 0)
      .map((q) => [q.id, String(q.aspect === 'outcome' ? p.outcome : q.kind === 'scale5' ? p.scale5 : q.kind === 'count' ? p.count : p.yesno)]),
  );
}

export async function seedDemoSurveys(db: Kysely<Database>, opts: { publicUrl: string; now: Date; staffIds: Record<string, number> }): Promise<DemoDossier[]> {
  const closed = await db.selectFrom('dossiers').select(['id', 'procedure_code', 'status', 'closed_at']).where('closed_at', 'is not', null).orderBy('id').execute();
  let k = 0;
  /** Answers dossier `id`'s survey at `answeredAt` with the next pattern, as the citizen's form would post it. */
  const answer = async (id: number, invitedAt: Date, answeredAt: Date) => {
    const token = surveyToken(id, invitedAt);
    const survey = await surveyByToken(db, token, answeredAt);
    if (survey.state !== 'open') return;
    await submitSurvey(db, token, { answers: answersFor(survey.questions, k), helpedBy: helpers[k % helpers.length]!, comment: patterns[k % patterns.length]!.comment ?? '' }, answeredAt);
    k++;
  };
  for (const d of closed) {
    const kind = procedureByCode(d.procedure_code)?.kind;
    if (!kind || !surveyStatuses(kind).includes(d.status)) continue;
    const invitedAt = new Date(d.closed_at!);
    await answer(d.id, invitedAt, new Date(Math.min(invitedAt.getTime() + DAY, opts.now.getTime())));
  }

  const XNKQ = procedureByCode('XNKQ')!;
  const as = (role: 'reception' | 'officer' | 'head'): Actor => ({ role, staffId: opts.staffIds[role]!, agencyCode: 'HNI', email: demoStaff.find((s) => s.role === role)!.email });
  const open: DemoDossier[] = [];
  // Five Hà Nội dossiers returned in the last fortnight: the first two answered, the last three left open.
  for (let n = 0; n < 5; n++) {
    const start = opts.now.getTime() - (16 - 3 * n) * DAY;
    const at = (days: number) => ({ publicUrl: opts.publicUrl, now: new Date(start + days * DAY) });
    const { dossierId, code, pin } = await submitDemoDossier(db, XNKQ, { i: 50 + n, agency: 'HNI', locale: 'vi', submittedAt: new Date(start), publicUrl: opts.publicUrl });
    await receiveDossier(db, dossierId, as('reception'), at(1));
    await assignOfficer(db, dossierId, as('head'), { ...at(1), officerId: opts.staffIds.officer! });
    await recordResult(db, dossierId, as('officer'), { ...at(2), file: { name: 'giay-xac-nhan.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') } });
    const returnedAt = at(3).now;
    await returnResult(db, dossierId, as('reception'), at(3));
    if (n < 2) await answer(dossierId, returnedAt, new Date(returnedAt.getTime() + DAY));
    else open.push({ code, pin, procedure: 'XNKQ', status: 'returned', surveyOpen: true });
  }
  // General feedback, as anyone might send it.
  for (const [n, feedback] of demoFeedback.entries()) await sendFeedback(db, feedback, 'vi', new Date(opts.now.getTime() - (10 - n) * DAY));
  return open;
}

const demoFeedback = [
  { agencyCode: 'HNI', topic: 'staff', rating: '5', message: 'Cán bộ bộ phận một cửa hướng dẫn rất tận tình.' },
  { agencyCode: '', topic: 'portal', rating: '4', message: 'Trang tra cứu hồ sơ dễ dùng; nên có thêm hướng dẫn bằng hình ảnh.' },
  { agencyCode: 'HNI-KV1', topic: 'procedure', rating: '2', message: 'Không rõ cần bản sao có chứng thực hay bản chụp.' },
];
