/** DCHV — Yêu cầu thay đổi Chấp hành viên: ask the head of the agency to replace the officer on a case. */
import { agencyField, applicantFields, buildSchema, enforcementDecisionFields, sections } from './fields.ts';
import { decree152, decree62, fromCompleteApplication, fromUnofficialDecree, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps, noFee } from './shared.ts';
import type { FieldDef, Procedure } from './types.ts';

const request = { id: 'request', title: { vi: 'Chấp hành viên và căn cứ đề nghị thay đổi', en: 'The officer and your grounds' } };

const fields: FieldDef[] = [
  ...applicantFields(['creditor', 'debtor', 'representative']),
  agencyField({
    vi: 'Cơ quan đang thi hành vụ việc; đơn gửi Thủ trưởng cơ quan đó. Nếu Chấp hành viên là Thủ trưởng, chọn cơ quan cấp trên',
    en: 'The agency handling the case; the request goes to its head. If the officer is the head, choose the superior agency',
  }),
  ...enforcementDecisionFields(),
  { name: 'officerName', kind: 'text', section: request.id, required: true, maxLength: 100,
    label: { vi: 'Họ và tên Chấp hành viên', en: 'Name of the enforcement officer' } },
  { name: 'grounds', kind: 'checkboxes', section: request.id, required: true,
    label: { vi: 'Căn cứ đề nghị thay đổi', en: 'Grounds for the change' },
    hint: { vi: 'Chọn một hoặc nhiều căn cứ', en: 'Choose one or more' },
    options: [
      { value: 'prohibitedAct',
        label: {
          vi: 'Chấp hành viên đã làm việc mà pháp luật cấm Chấp hành viên làm: tư vấn cho đương sự làm việc thi hành án trái pháp luật; can thiệp trái pháp luật; sử dụng trái phép vật chứng, tiền, tài sản thi hành án; thi hành vụ việc mà Chấp hành viên hoặc người thân thích có quyền lợi liên quan; sách nhiễu; cố ý thi hành sai nội dung bản án hoặc trì hoãn không có căn cứ …',
          en: 'The officer did something the law forbids officers to do: advising a party so that enforcement becomes unlawful; unlawful interference; unlawful use of exhibits, money or assets; enforcing a case in which the officer or a relative has an interest; harassment; deliberately enforcing contrary to the judgment, or delaying without grounds …',
        } },
      { value: 'priorRole',
        label: {
          vi: 'Trước đó Chấp hành viên đã là người đại diện, người bảo vệ quyền và lợi ích hợp pháp của một đương sự, hoặc là người làm chứng, trong chính vụ việc này',
          en: 'The officer earlier acted in this same case as a party’s representative or defender of their rights, or as a witness',
        } },
      // Removed by the 2025 Law: not offered on applications received from 1 July 2026.
      { value: 'notImpartial', until: NEW_REGIME_FROM,
        label: {
          vi: 'Chấp hành viên trì hoãn việc thi hành án, hoặc có căn cứ khác cho rằng Chấp hành viên không vô tư khi làm nhiệm vụ',
          en: 'The officer is delaying enforcement, or there are other grounds to believe the officer is not impartial',
        } },
    ] },
  { name: 'facts', kind: 'textarea', section: request.id, required: true,
    label: { vi: 'Sự việc cụ thể', en: 'What happened' },
    hint: {
      vi: 'Nêu thời gian, địa điểm, việc làm cụ thể của Chấp hành viên và vì sao đó là căn cứ để thay đổi',
      en: 'Say when and where, what the officer did, and why that is a ground for a change',
    } },
  { name: 'evidence', kind: 'textarea', section: request.id, required: false, maxLength: 2000,
    label: { vi: 'Tài liệu, chứng cứ kèm theo', en: 'Evidence you attach' },
    hint: { vi: 'Liệt kê tài liệu, chứng cứ bạn gửi kèm, nếu có', en: 'List any documents or evidence you attach' } },
];

/** Request a change of enforcement officer. */
export const changeOfficer: Procedure = {
  code: 'DCHV',
  slug: { vi: 'thay-doi-chap-hanh-vien', en: 'change-enforcement-officer' },
  kind: 'one-stop',
  name: { vi: 'Yêu cầu thay đổi Chấp hành viên', en: 'Request a change of enforcement officer' },
  summary: {
    vi: 'Đề nghị Thủ trưởng cơ quan thi hành án dân sự thay Chấp hành viên đang tổ chức thi hành vụ việc của bạn khi có căn cứ cho rằng Chấp hành viên vi phạm điều cấm hoặc không thể vô tư.',
    en: 'Ask the head of the enforcement agency to replace the enforcement officer on your case when there are grounds to believe the officer has broken the rules for officers or cannot be impartial.',
  },
  whoMaySubmit: [
    { vi: 'Đương sự: người được thi hành án hoặc người phải thi hành án', en: 'A party: the judgment creditor or the judgment debtor' },
    { vi: 'Người đại diện của đương sự, có văn bản ủy quyền', en: 'A representative of a party, with a written authorisation' },
  ],
  documents: [
    applicationDocument({
      vi: 'Đơn yêu cầu thay đổi Chấp hành viên, nêu căn cứ và sự việc cụ thể (điền trên cổng này)',
      en: 'The request for a change of officer, stating the grounds and the facts (this online form)',
    }),
    { id: 'evidence', required: false,
      name: { vi: 'Tài liệu, chứng cứ chứng minh căn cứ yêu cầu', en: 'Documents or evidence supporting your grounds' },
      when: { vi: 'Nếu bạn có', en: 'If you have any' } },
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Quyết định thay đổi Chấp hành viên, hoặc văn bản trả lời nêu rõ lý do không chấp nhận.',
    en: 'A decision replacing the enforcement officer, or a written reply giving the reasons for refusing.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Ghi lại số, ngày của Quyết định thi hành án và họ tên Chấp hành viên đang tổ chức thi hành vụ việc.',
      en: 'Note the number and date of the enforcement decision and the name of the officer handling the case.',
    },
    {
      vi: 'Điền đơn trên cổng này: chọn căn cứ đề nghị thay đổi, trình bày sự việc cụ thể và đính kèm chứng cứ nếu có.',
      en: 'Fill in the request on this portal: choose your grounds, describe what happened and attach any evidence.',
    },
    commonSteps.receipt,
    commonSteps.track,
    {
      vi: 'Nhận quyết định thay đổi Chấp hành viên, hoặc văn bản trả lời nêu rõ lý do không chấp nhận.',
      en: 'Receive the decision replacing the officer, or a written reply giving the reasons for refusing.',
    },
  ],
  rules: [
    {
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: { days: 5, unit: 'working', countedFrom: fromCompleteApplication },
      legalBasis: [law2008('Điều 21', 'Art. 21'), decree62('Điều 10', 'Art. 10')],
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 3,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: fromUnofficialDecree('Thời hạn 3 ngày làm việc (khoản 3 Điều 13)', 'The 3 working days (Art. 13(3))'),
      },
      legalBasis: [law2025, decree152('khoản 3 Điều 13', 'Art. 13(3)')],
      noteUnconfirmed: fromUnofficialDecree('Việc bỏ căn cứ này', 'Dropping this ground'),
      note: {
        vi: 'Căn cứ “Chấp hành viên trì hoãn hoặc không vô tư” không còn được quy định riêng.',
        en: 'Delay or lack of impartiality is no longer a separate ground.',
      },
    },
  ],
  sections: [sections.applicant, sections.agency, sections.case, request],
  fields,
  schema: buildSchema(fields),
  example: {
    fullName: 'Lê Thị Hồng Nhung',
    cccd: '048179003581',
    dateOfBirth: '1979-06-25',
    address: 'Số 56 đường Nguyễn Chí Thanh, phường Hải Châu, thành phố Đà Nẵng',
    phone: '0905.218.463',
    email: 'hongnhung.le@example.com',
    applicantRole: 'creditor',
    agency: 'DNG',
    decisionNumber: '312/QĐ-THADS',
    decisionDate: '2025-08-20',
    officerName: 'Võ Văn Tâm',
    grounds: 'priorRole',
    facts:
      'Năm 2023, trước khi được bổ nhiệm Chấp hành viên, ông Võ Văn Tâm là người bảo vệ quyền và lợi ích hợp pháp của bị đơn — Công ty TNHH Thương mại Hải Vân, nay là người phải thi hành án — tại phiên tòa sơ thẩm của chính vụ án này.',
    evidence: 'Bản sao biên bản phiên tòa sơ thẩm ngày 12/4/2023 ghi ông Võ Văn Tâm là người bảo vệ quyền và lợi ích hợp pháp của bị đơn.',
  },
};
