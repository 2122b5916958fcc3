/** MGCPCC — Miễn, giảm chi phí cưỡng chế thi hành án: relief from coercion costs for people in hardship. */
import { agencyField, applicantFields, buildSchema, enforcementDecisionFields, sections, type CrossCheck } from './fields.ts';
import { cite, fromCompleteApplication, fromUnofficialDecree, instruments, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps, noFee } from './shared.ts';
import type { FieldDef, Procedure } from './types.ts';

const request = { id: 'request', title: { vi: 'Trường hợp của bạn và số tiền', en: 'Your circumstances and the amounts' } };

const fields: FieldDef[] = [
  ...applicantFields(['debtor', 'creditor', 'representative']),
  agencyField(),
  ...enforcementDecisionFields(),
  { name: 'group', kind: 'radios', section: request.id, required: true,
    label: { vi: 'Trường hợp của bạn', en: 'Your circumstances' },
    options: [
      { value: 'hardship',
        label: {
          vi: 'Có thu nhập thấp hơn mức sống tối thiểu (chuẩn nghèo), hoặc gặp khó khăn đặc biệt kéo dài do thiên tai, hỏa hoạn — giảm một nửa chi phí',
          en: 'Income below the minimum living standard (the poverty line), or prolonged special hardship from a natural disaster or fire — costs halved',
        } },
      { value: 'meritorious',
        label: {
          vi: 'Thuộc gia đình chính sách, hoặc là người có công với cách mạng — miễn phần còn lại sau khi đã nộp ít nhất một nửa',
          en: 'A member of a policy family, or a person with revolutionary merit — the rest waived once at least half is paid',
        } },
      { value: 'vulnerable',
        label: {
          vi: 'Sống neo đơn, là người khuyết tật, hoặc ốm đau kéo dài — giảm một nửa chi phí',
          en: 'Living alone without support, disabled, or long-term ill — costs halved',
        } },
    ],
    errors: { required: { vi: 'Chọn trường hợp của bạn', en: 'Select your circumstances' } } },
  { name: 'costAmount', kind: 'money', section: request.id, required: true,
    label: { vi: 'Tổng chi phí cưỡng chế phải nộp', en: 'Total coercion costs due' },
    hint: { vi: 'Theo thông báo của cơ quan thi hành án, tính bằng đồng', en: 'As the agency notified you, in đồng' },
    errors: { required: { vi: 'Nhập tổng chi phí cưỡng chế phải nộp', en: 'Enter the total coercion costs due' } } },
  { name: 'amountPaid', kind: 'money', section: request.id, required: false,
    label: { vi: 'Số tiền đã nộp', en: 'Amount already paid' },
    hint: { vi: 'Nếu đã nộp một phần, tính bằng đồng', en: 'If you have paid part of it, in đồng' } },
  { name: 'reasons', kind: 'textarea', section: request.id, required: true,
    label: { vi: 'Lý do đề nghị miễn, giảm', en: 'Why you are asking for relief' },
    hint: {
      vi: 'Mô tả hoàn cảnh của bạn và kể tên giấy tờ chứng minh gửi kèm',
      en: 'Describe your circumstances and name the supporting papers you attach',
    },
    errors: {
      required: { vi: 'Nhập lý do đề nghị miễn, giảm', en: 'Enter why you are asking for relief' },
      subject: { vi: 'Lý do đề nghị miễn, giảm', en: 'Your reasons for asking' },
    } },
];

const refine: CrossCheck = (data, report) => {
  const { costAmount, amountPaid } = data;
  if (typeof costAmount === 'number' && typeof amountPaid === 'number' && amountPaid > costAmount) {
    report('amountPaid', 'amount_paid_too_high');
  }
};

/** Exemption from or reduction of coercion costs. */
export const coercionCostExemption: Procedure = {
  code: 'MGCPCC',
  slug: { vi: 'mien-giam-chi-phi-cuong-che', en: 'coercion-cost-exemption' },
  kind: 'one-stop',
  name: { vi: 'Miễn, giảm chi phí cưỡng chế thi hành án', en: 'Exemption from or reduction of coercion costs' },
  summary: {
    vi: 'Người phải chịu chi phí cưỡng chế thi hành án (thường là người phải thi hành án) có hoàn cảnh khó khăn có thể đề nghị được giảm một nửa chi phí; gia đình chính sách, người có công với cách mạng được miễn phần còn lại sau khi đã nộp ít nhất một nửa.',
    en: 'If you must bear the costs of coercive enforcement (usually as the judgment debtor) and are in hardship, you can ask for them to be halved; policy families and people with revolutionary merit have the rest waived once at least half is paid.',
  },
  whoMaySubmit: [
    {
      vi: 'Cá nhân là đương sự phải chịu chi phí cưỡng chế (thường là người phải thi hành án) và thuộc một trong ba trường hợp: thu nhập thấp hơn mức sống tối thiểu hoặc khó khăn đặc biệt kéo dài do thiên tai, hỏa hoạn; gia đình chính sách, người có công với cách mạng; người sống neo đơn, khuyết tật hoặc ốm đau kéo dài',
      en: 'An individual party who must bear coercion costs (usually the judgment debtor) and who falls in one of three cases: income below the minimum living standard, or prolonged hardship from a natural disaster or fire; a policy family or a person with revolutionary merit; living alone without support, disabled, or long-term ill',
    },
    { vi: 'Người đại diện của người đó, có văn bản ủy quyền', en: 'Their representative, with a written authorisation' },
  ],
  documents: [
    applicationDocument({
      vi: 'Đơn đề nghị miễn, giảm chi phí cưỡng chế thi hành án, nêu rõ lý do (điền trên cổng này)',
      en: 'The application for exemption or reduction of coercion costs, giving your reasons (this online form)',
    }),
    { id: 'communeConfirmation', required: false,
      name: {
        vi: 'Xác nhận của Ủy ban nhân dân cấp xã nơi cư trú, hoặc của cơ quan, tổ chức nơi trả thu nhập, về hoàn cảnh của bạn',
        en: 'A confirmation of your circumstances by the People’s Committee of your commune, or by the body that pays your income',
      },
      when: {
        vi: 'Nếu bạn có thu nhập thấp, gặp khó khăn do thiên tai, hỏa hoạn, hoặc sống neo đơn',
        en: 'If your income is low, you suffered a natural disaster or fire, or you live alone without support',
      } },
    { id: 'policyCertificate', required: false,
      name: {
        vi: 'Giấy chứng nhận gia đình chính sách hoặc người có công với cách mạng',
        en: 'The certificate of your status as a policy family or a person with revolutionary merit',
      },
      when: {
        vi: 'Nếu bạn thuộc gia đình chính sách hoặc là người có công với cách mạng',
        en: 'If you are in a policy family or a person with revolutionary merit',
      } },
    { id: 'medicalRecord', required: false,
      name: {
        vi: 'Hồ sơ bệnh án, hoặc bản sao có chứng thực giấy tờ của cơ sở y tế về tình trạng khuyết tật, ốm đau',
        en: 'Your medical record, or a certified copy of a health facility’s papers on your disability or illness',
      },
      when: { vi: 'Nếu bạn là người khuyết tật hoặc ốm đau kéo dài', en: 'If you are disabled or long-term ill' } },
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Quyết định miễn, giảm chi phí cưỡng chế thi hành án, hoặc văn bản từ chối nêu rõ lý do. Quyết định có thể bị hủy nếu người được miễn, giảm che giấu tài sản hoặc đưa ra căn cứ không đúng sự thật.',
    en: 'A decision exempting you from or reducing the coercion costs, or a written refusal giving the reasons. The decision can be revoked if the person hid assets or gave false grounds.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Chuẩn bị giấy tờ chứng minh hoàn cảnh: xác nhận của Ủy ban nhân dân cấp xã, giấy chứng nhận chính sách hoặc hồ sơ bệnh án.',
      en: 'Gather proof of your circumstances: a commune People’s Committee confirmation, your policy certificate, or your medical record.',
    },
    {
      vi: 'Điền đơn trên cổng này: chọn trường hợp của bạn, ghi số chi phí cưỡng chế và tải lên giấy tờ.',
      en: 'Fill in the application on this portal: choose your case, enter the coercion costs and upload the papers.',
    },
    commonSteps.receipt,
    commonSteps.track,
    {
      vi: 'Nhận quyết định miễn, giảm chi phí cưỡng chế, hoặc văn bản từ chối nêu rõ lý do.',
      en: 'Receive the decision on your coercion costs, or a written refusal giving the reasons.',
    },
  ],
  rules: [
    {
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: { days: 5, unit: 'working', countedFrom: fromCompleteApplication },
      legalBasis: [
        law2008('Điều 73', 'Art. 73'),
        cite('Nghị định 62/2015/NĐ-CP (miễn, giảm chi phí cưỡng chế)', 'Decree 62/2015/NĐ-CP (exemption from and reduction of coercion costs)', instruments.decree62),
      ],
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 3,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: fromUnofficialDecree('Thời hạn 3 ngày làm việc', 'The 3 working days'),
      },
      legalBasis: [
        law2025,
        {
          ...cite('Nghị định 152/2026/NĐ-CP (miễn, giảm chi phí cưỡng chế)', 'Decree 152/2026/NĐ-CP (exemption from and reduction of coercion costs)', instruments.decree152),
          unconfirmed: fromUnofficialDecree('Số hiệu của nghị định', 'The decree’s number'),
        },
      ],
    },
  ],
  sections: [sections.applicant, sections.agency, sections.case, request],
  fields,
  schema: buildSchema(fields, refine),
  example: {
    fullName: 'Đỗ Văn Thành',
    cccd: '038058002468',
    dateOfBirth: '1958-02-14',
    address: 'Thôn Đông Hải, xã Quảng Phú, tỉnh Thanh Hóa',
    phone: '0378 514 962',
    email: null,
    applicantRole: 'debtor',
    agency: 'THA',
    decisionNumber: '157/QĐ-THADS',
    decisionDate: '2025-05-12',
    group: 'vulnerable',
    costAmount: '12.500.000',
    amountPaid: '2.000.000',
    reasons:
      'Tôi bị suy thận mạn giai đoạn cuối, phải chạy thận nhân tạo ba lần mỗi tuần từ năm 2022 và không còn khả năng lao động. Gửi kèm bản sao có chứng thực hồ sơ bệnh án của Bệnh viện Đa khoa tỉnh Thanh Hóa.',
  },
};
