/**
 * Demo complaints and denunciations for Hà Nội, where the demo staff work, each at a stage of its lifecycle — one
 * overdue, one decided first complaint with its second complaint, one report kept as a tip — made through the same
 * services as real ones.
 */
import type { Kysely } from 'kysely';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import type { Procedure } from '../../src/server/catalog/types.ts';
import { addDraftAttachment, createDraft, saveDraftAnswers } from '../../src/server/dossiers/drafts.ts';
import { sha256Hex } from '../../src/server/dossiers/files.ts';
import { takeStaffAction, type StaffActionName } from '../../src/server/dossiers/staff-actions.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import type { Actor } from '../../src/server/dossiers/transition.ts';
import type { Database } from '../../src/server/schema.ts';
import type { DemoDossier } from './demo-applicants.ts';
import { demoTimeline } from './demo-clock.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';

const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Scenario {
  procedure: 'KN' | 'TC';
  daysAgo: number;
  steps: StaffActionName[];
  overrides?: Record<string, unknown>;
  /** A second complaint against the decision of the scenario at this index. */
  secondOf?: number;
  /** The reason its steps give, where not the default ground for not accepting. */
  reason?: string;
}

const scenarios: Scenario[] = [
  { procedure: 'KN', daysAgo: 1, steps: [] },
  { procedure: 'KN', daysAgo: 6, steps: ['accept'] },
  // Accepted 40 days ago about a coercive measure (30 days to decide): overdue. About an officer of a regional office,
  // whose second complaint goes to the provincial agency.
  { procedure: 'KN', daysAgo: 42, steps: ['accept', 'verify'], overrides: { agency: 'HNI-KV1' } },
  { procedure: 'KN', daysAgo: 14, steps: ['accept', 'verify', 'decide'], overrides: { agency: 'HNI-KV1', subject: 'beforeCoercion' } },
  { procedure: 'KN', daysAgo: 3, steps: ['accept'], secondOf: 3, overrides: { agency: 'HNI-KV1' } },
  { procedure: 'KN', daysAgo: 10, steps: ['not_accept'] },
  { procedure: 'TC', daysAgo: 12, steps: ['accept', 'verify'] },
  { procedure: 'TC', daysAgo: 70, steps: ['accept', 'verify', 'conclude', 'close'] },
  // A report whose author turned out not to exist: kept as a tip for the head to consider.
  {
    procedure: 'TC',
    daysAgo: 5,
    steps: ['treat_as_tip'],
    reason: 'Thư mời làm việc gửi đến địa chỉ ghi trong đơn bị trả lại; công an phường xác nhận không có người có họ tên như vậy cư trú tại địa chỉ này.',
  },
];

async function file(db: Kysely<Database>, procedure: Procedure, answers: Record<string, unknown>, locale: 'vi' | 'en', when: Date, publicUrl: string) {
  const draftId = await createDraft(db, procedure.code, locale, when);
  await saveDraftAnswers(db, draftId, {}, procedure.schema.parse(answers));
  for (const doc of procedure.documents.filter((d) => d.required && d.id !== 'application')) {
    await addDraftAttachment(db, draftId, { document_id: doc.id, file_name: `${doc.id}.pdf`, content_type: 'application/pdf', size_bytes: pdf.length, sha256: sha256Hex(pdf), content: pdf });
  }
  return submitDraft(db, draftId, { channel: 'online', publicUrl, now: when });
}

/** Files and handles the demo petitions; returns their codes and PINs for demo-dossiers.json. */
export async function seedDemoPetitions(
  db: Kysely<Database>,
  opts: { publicUrl: string; now: Date; staffIds: Record<string, number> },
): Promise<DemoDossier[]> {
  const made: (DemoDossier & { decidedOn?: string })[] = [];
  const head: Actor = { role: 'head', staffId: opts.staffIds.head!, agencyCode: 'HNI', email: 'thutruong@demo.thads.vn' };
  for (const [i, s] of scenarios.entries()) {
    const procedure = procedureByCode(s.procedure)!;
    const [when, ...stepTimes] = demoTimeline(opts.now, s.daysAgo, s.steps.length + 1, 9, 30) as [Date, ...Date[]];
    const first = s.secondOf === undefined ? undefined : made[s.secondOf];
    const answers: Record<string, unknown> = {
      ...procedure.example,
      agency: 'HNI',
      email: `khieunai${i + 1}@example.com`,
      ...(s.procedure === 'KN' ? { dateLearned: todayInVietnam(when), actDate: todayInVietnam(when) } : {}),
      ...s.overrides,
      ...(first ? { round: 'second', subject: 'beforeCoercion', firstDecisionNumber: `${i}/QĐ-GQKN`, firstDecisionReceivedOn: first.decidedOn, parentDossierCode: first.code } : {}),
    };
    const { dossierId, code, pin } = await file(db, procedure, answers, i % 3 === 2 ? 'en' : 'vi', when, opts.publicUrl);
    let day = when;
    let decidedOn: string | undefined;
    for (const [k, step] of s.steps.entries()) {
      day = stepTimes[k]!;
      await takeStaffAction(db, dossierId, step, head, {
        publicUrl: opts.publicUrl,
        now: day,
        officerId: opts.staffIds.officer!,
        reason: s.reason ?? 'Người khiếu nại không có quyền, lợi ích hợp pháp liên quan trực tiếp đến quyết định bị khiếu nại (Điều 141).',
        conclusion: 'partly_right',
        number: `${i + 1}/QĐ-GQKN`,
        findings:
          step === 'conclude'
            ? 'Chấp hành viên có nhận của đương sự một khoản tiền ngoài quy định; khoản tiền đã được hoàn trả sau khi xác minh.'
            : 'Chấp hành viên ban hành quyết định cưỡng chế khi thời hạn tự nguyện thi hành án chưa kết thúc.',
        legalBasis: step === 'conclude' ? 'Luật Tố cáo năm 2018; Điều 20 Luật Thi hành án dân sự.' : 'Điều 45, Điều 46 và Điều 71 Luật Thi hành án dân sự.',
        remedy: 'amend',
        measures: 'Kiểm điểm, rút kinh nghiệm đối với Chấp hành viên; hoàn trả khoản tiền đã nhận cho đương sự.',
        file: { name: step === 'conclude' ? 'ket-luan-to-cao.pdf' : 'quyet-dinh-giai-quyet-khieu-nai.pdf', bytes: pdf },
      });
      if (step === 'decide') decidedOn = todayInVietnam(day);
    }
    const { status } = await db.selectFrom('dossiers').select('status').where('id', '=', dossierId).executeTakeFirstOrThrow();
    made.push({ code, pin, procedure: procedure.code, status, ...(decidedOn ? { decidedOn } : {}) });
  }
  return made.map(({ decidedOn: _d, ...d }) => d);
}
