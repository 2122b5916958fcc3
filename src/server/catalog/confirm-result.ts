/** XNKQ — Xác nhận kết quả thi hành án: a certificate of what has been performed under a judgment. */
import { agencyField, applicantFields, buildSchema, enforcementDecisionFields, sections } from './fields.ts';
import { cite, decree152, fromCompleteApplication, fromUnofficialDecree, instruments, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps, noFee } from './shared.ts';
import type { FieldDef, Procedure } from './types.ts';

const request = { id: 'request', title: { vi: 'Nội dung đề nghị xác nhận', en: 'What you want confirmed' } };

const fields: FieldDef[] = [
  ...applicantFields(['creditor', 'debtor', 'relative', 'representative']),
  agencyField(),
  ...enforcementDecisionFields(),
  { name: 'judgmentNumber', kind: 'text', section: sections.case.id, required: false, maxLength: 50,
    label: { vi: 'Số bản án, quyết định của Tòa án', en: 'Number of the court judgment or decision' },
    hint: { vi: 'Nếu biết, ví dụ: 45/2023/HS-ST', en: 'If you know it, for example: 45/2023/HS-ST' } },
  { name: 'partyName', kind: 'text', section: request.id, required: true, maxLength: 200,
    showIf: { field: 'applicantRole', equals: ['relative'] },
    label: { vi: 'Họ và tên đương sự cần xác nhận kết quả', en: 'Full name of the party whose result you want confirmed' } },
  { name: 'purpose', kind: 'textarea', section: request.id, required: true, maxLength: 2000,
    label: { vi: 'Mục đích xác nhận', en: 'Why you need the confirmation' },
    hint: {
      vi: 'Ví dụ: để làm thủ tục xóa án tích, để bổ sung hồ sơ vay vốn',
      en: 'For example: to have a criminal record expunged, or for a loan application',
    } },
];

/** Confirm the enforcement result. */
export const confirmResult: Procedure = {
  code: 'XNKQ',
  slug: { vi: 'xac-nhan-ket-qua-thi-hanh-an', en: 'confirm-enforcement-result' },
  kind: 'one-stop',
  name: { vi: 'Xác nhận kết quả thi hành án', en: 'Confirm the enforcement result' },
  summary: {
    vi: 'Đề nghị cơ quan thi hành án dân sự xác nhận nghĩa vụ theo bản án, quyết định đã được thi hành xong hoặc đã thi hành đến đâu — ví dụ để làm thủ tục xóa án tích hoặc vay vốn.',
    en: 'Ask the enforcement agency to confirm that an obligation under a judgment has been performed in full, or how much of it has — for example to have a criminal record expunged or to apply for a loan.',
  },
  whoMaySubmit: [
    { vi: 'Đương sự: người được thi hành án, người phải thi hành án', en: 'A party: the judgment creditor or the judgment debtor' },
    { vi: 'Người thân của đương sự', en: 'A relative of one of the parties' },
    { vi: 'Người đại diện của đương sự, có văn bản ủy quyền', en: 'A representative of a party, with a written authorisation' },
  ],
  documents: [
    applicationDocument({
      vi: 'Đơn đề nghị xác nhận kết quả thi hành án, nêu rõ vụ việc và mục đích xác nhận (điền trên cổng này)',
      en: 'The application for confirmation, naming the case and the purpose (this online form)',
    }),
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Giấy xác nhận kết quả thi hành án: nghĩa vụ theo bản án, nghĩa vụ theo Quyết định thi hành án và kết quả đã thi hành đến ngày xác nhận (xong toàn bộ, một phần hoặc theo từng kỳ).',
    en: 'A certificate of the enforcement result: the obligation in the judgment, the obligation in the enforcement decision, and what has been performed up to the date of the certificate (in full, in part, or per instalment).',
  },
  resultSignedBy: 'officer',
  steps: [
    {
      vi: 'Tìm số và ngày của Quyết định thi hành án liên quan (ghi trên quyết định hoặc giấy báo của cơ quan thi hành án).',
      en: 'Find the number and date of the enforcement decision concerned (on the decision or on the agency’s notices).',
    },
    {
      vi: 'Điền đơn đề nghị xác nhận trên cổng này, nêu rõ mục đích xác nhận.',
      en: 'Fill in the application on this portal and say what the confirmation is for.',
    },
    commonSteps.receipt,
    commonSteps.track,
    { vi: 'Nhận Giấy xác nhận kết quả thi hành án.', en: 'Receive the certificate of the enforcement result.' },
  ],
  rules: [
    {
      // Checked: 5 working days in the procedure list of Decision 630/QĐ-BTP (25 February 2026), as reported in
      // http://tintuc.thuvienphapluat.com/ho-tro-phap-luat/chinh-sach-moi/106846/thu-tuc-xac-nhan-ket-qua-thi-hanh-an-moi-nhat
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: { days: 5, unit: 'working', countedFrom: fromCompleteApplication },
      legalBasis: [
        law2008('Điều 53', 'Art. 53'),
        cite('Quyết định 630/QĐ-BTP (danh mục thủ tục hành chính, 2026)', 'Decision 630/QĐ-BTP (list of administrative procedures, 2026)', instruments.decision630),
      ],
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 3,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: fromUnofficialDecree('Thời hạn 3 ngày làm việc (khoản 3 Điều 32)', 'The 3 working days (Art. 32(3))'),
      },
      legalBasis: [law2025, decree152('khoản 3 Điều 32', 'Art. 32(3)')],
    },
  ],
  sections: [sections.applicant, sections.agency, sections.case, request],
  fields,
  schema: buildSchema(fields),
  example: {
    fullName: 'Phạm Văn Minh',
    cccd: '036085001234',
    dateOfBirth: '1985-11-02',
    address: 'Số 24 đường Trần Hưng Đạo, phường Nam Định, tỉnh Ninh Bình',
    phone: '+84 983 456 712',
    email: null,
    applicantRole: 'debtor',
    agency: 'NBH',
    decisionNumber: '86/QĐ-THADS',
    decisionDate: '2024-03-18',
    judgmentNumber: '45/2023/HS-ST',
    purpose:
      'Để làm thủ tục xóa án tích: tôi đã nộp đủ 25.000.000 đồng tiền bồi thường và án phí theo Bản án số 45/2023/HS-ST.',
  },
};
