/** MGPTHA — Miễn, giảm phí thi hành án: relief from the fee a creditor pays on money or assets received. */
import { agencyField, applicantFields, buildSchema, enforcementDecisionFields, sections } from './fields.ts';
import { cite, fromCompleteApplication, instruments, keptFromOldLaw, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps } from './shared.ts';
import type { DateISO, FieldDef, Procedure } from './types.ts';

/**
 * The base salary (mức lương cơ sở) by date: below twice this amount received, no fee is due. The 2026 figure is
 * reported, not checked against the decree.
 */
export const baseSalaries: { from: DateISO; amount: number; unconfirmed?: boolean }[] = [
  { from: '2023-07-01', amount: 1_800_000 },
  { from: '2024-07-01', amount: 2_340_000 },
  { from: '2026-07-01', amount: 2_530_000, unconfirmed: true },
];

/**
 * The fee table of Circular 216/2016/TT-BTC: above `over` đồng, the fee is `base` plus `rate` (per 10,000) of the
 * part above `over`. Whether the circular was replaced after 1 July 2026 is unconfirmed, so it stays data.
 */
export const feeBands: { over: number; base: number; ratePer10k: number }[] = [
  { over: 15_000_000_000, base: 245_000_000, ratePer10k: 1 },
  { over: 10_000_000_000, base: 220_000_000, ratePer10k: 50 },
  { over: 7_000_000_000, base: 190_000_000, ratePer10k: 100 },
  { over: 5_000_000_000, base: 150_000_000, ratePer10k: 200 },
  { over: 0, base: 0, ratePer10k: 300 },
];

/**
 * The enforcement fee on an amount actually received on a date, before any exemption or reduction, rounded to the
 * đồng. For the guidance page's estimator: the agency's own calculation is the one that counts.
 */
export function estimateEnforcementFee(amountReceived: number, on: DateISO): number {
  const salary = [...baseSalaries].reverse().find((s) => s.from <= on) ?? baseSalaries[0];
  if (salary === undefined || amountReceived <= 2 * salary.amount) return 0;
  const band = feeBands.find((b) => amountReceived > b.over);
  if (band === undefined) return 0;
  return band.base + Math.round(((amountReceived - band.over) * band.ratePer10k) / 10_000);
}

const request = { id: 'request', title: { vi: 'Trường hợp của bạn và số tiền', en: 'Your circumstances and the amounts' } };

const fields: FieldDef[] = [
  ...applicantFields(['creditor', 'representative']),
  agencyField({ vi: 'Cơ quan thi hành án thu phí thi hành án của bạn', en: 'The agency that collects your enforcement fee' }),
  ...enforcementDecisionFields(),
  { name: 'ground', kind: 'radios', section: request.id, required: true,
    label: { vi: 'Trường hợp của bạn', en: 'Your circumstances' },
    options: [
      { value: 'meritorious',
        label: { vi: 'Người có công với cách mạng — miễn phí', en: 'A person with revolutionary merit — no fee' } },
      { value: 'vulnerable',
        label: {
          vi: 'Người sống neo đơn được Ủy ban nhân dân cấp xã xác nhận, hoặc người khuyết tật, ốm đau kéo dài có tóm tắt hồ sơ bệnh án được xác nhận — miễn phí',
          en: 'Living alone, as confirmed by the commune People’s Committee, or disabled or long-term ill with a certified medical summary — no fee',
        } },
      { value: 'assetsAfterNoConditions',
        label: {
          vi: 'Sau khi có quyết định về việc chưa có điều kiện thi hành án, bạn đã chỉ đúng tài sản của người phải thi hành án và tài sản đó đã được xử lý để thi hành án — miễn phí',
          en: 'After a decision that the debtor had no means to pay, you correctly pointed out the debtor’s assets and they were realised — no fee',
        } },
      { value: 'poor',
        label: {
          vi: 'Thuộc diện nghèo, được Ủy ban nhân dân cấp xã hoặc cơ quan, đơn vị nơi làm việc xác nhận — giảm đến 80%',
          en: 'A poor household, as confirmed by the commune People’s Committee or your employer — up to 80% off',
        } },
      { value: 'assetsIdentifiedNoCoercion',
        label: {
          vi: 'Khi yêu cầu thi hành án, bạn đã cung cấp chính xác tài sản của người phải thi hành án và không phải huy động lực lượng cưỡng chế — giảm 30% phí trên số tiền thu từ tài sản đó',
          en: 'When you requested enforcement you accurately identified the debtor’s assets, and no coercion with mobilised forces was needed — 30% off the fee on what those assets raised',
        } },
      { value: 'assetsIdentifiedWithCoercion',
        label: {
          vi: 'Như trường hợp trên nhưng phải huy động lực lượng cưỡng chế — giảm 20% phí trên số tiền thu từ tài sản đó',
          en: 'As above, but coercion with mobilised forces was needed — 20% off the fee on what those assets raised',
        } },
    ] },
  { name: 'amountReceived', kind: 'money', section: request.id, required: true,
    label: { vi: 'Số tiền, giá trị tài sản bạn thực nhận', en: 'Money, or value of assets, you actually received' },
    hint: { vi: 'Tính bằng đồng', en: 'In đồng' } },
  { name: 'feeAmount', kind: 'money', section: request.id, required: false,
    label: { vi: 'Số phí thi hành án đã được thông báo', en: 'Enforcement fee you were told to pay' },
    hint: { vi: 'Nếu cơ quan thi hành án đã thông báo, tính bằng đồng', en: 'If the agency has told you, in đồng' } },
  { name: 'reasons', kind: 'textarea', section: request.id, required: true,
    label: { vi: 'Lý do đề nghị miễn, giảm', en: 'Why you are asking for relief' },
    hint: {
      vi: 'Mô tả hoàn cảnh của bạn và kể tên giấy tờ chứng minh gửi kèm',
      en: 'Describe your circumstances and name the supporting papers you attach',
    } },
];

/** Exemption from or reduction of the enforcement fee. */
export const enforcementFeeExemption: Procedure = {
  code: 'MGPTHA',
  slug: { vi: 'mien-giam-phi-thi-hanh-an', en: 'enforcement-fee-exemption' },
  kind: 'one-stop',
  name: { vi: 'Miễn, giảm phí thi hành án', en: 'Exemption from or reduction of the enforcement fee' },
  summary: {
    vi: 'Người được thi hành án nộp phí thi hành án khi thực nhận tiền, tài sản. Người có công với cách mạng, người neo đơn, khuyết tật, ốm đau kéo dài, người nghèo, hoặc người đã chỉ đúng tài sản để thi hành án có thể được miễn hoặc giảm phí.',
    en: 'A judgment creditor pays an enforcement fee on money or assets actually received. People with revolutionary merit, people living alone, disabled or long-term ill, poor households, and creditors who pointed out the debtor’s assets can have the fee waived or reduced.',
  },
  whoMaySubmit: [
    { vi: 'Người được thi hành án phải nộp phí thi hành án', en: 'A judgment creditor who must pay the enforcement fee' },
    { vi: 'Người đại diện của họ, có văn bản ủy quyền', en: 'Their representative, with a written authorisation' },
  ],
  documents: [
    applicationDocument({
      vi: 'Đơn đề nghị miễn, giảm phí thi hành án (điền trên cổng này)',
      en: 'The application for exemption or reduction of the enforcement fee (this online form)',
    }),
    { id: 'meritCertificate', required: false,
      name: { vi: 'Giấy chứng nhận người có công với cách mạng', en: 'Your certificate as a person with revolutionary merit' },
      when: { vi: 'Nếu bạn là người có công với cách mạng', en: 'If you are a person with revolutionary merit' } },
    { id: 'communeConfirmation', required: false,
      name: {
        vi: 'Xác nhận của Ủy ban nhân dân cấp xã, hoặc của cơ quan, đơn vị nơi làm việc, về hoàn cảnh của bạn',
        en: 'A confirmation of your circumstances by the commune People’s Committee or by your employer',
      },
      when: { vi: 'Nếu bạn sống neo đơn hoặc thuộc diện nghèo', en: 'If you live alone or are in a poor household' } },
    { id: 'medicalSummary', required: false,
      name: {
        vi: 'Tóm tắt hồ sơ bệnh án có xác nhận của cơ sở y tế',
        en: 'A medical summary certified by a health facility',
      },
      when: { vi: 'Nếu bạn là người khuyết tật hoặc ốm đau kéo dài', en: 'If you are disabled or long-term ill' } },
    authorisationDocument,
  ],
  fee: {
    vi: 'Không mất phí nộp hồ sơ. Phí thi hành án (Thông tư 216/2016/TT-BTC) do người được thi hành án nộp khi thực nhận tiền, tài sản: không thu nếu số thực nhận không quá 2 lần mức lương cơ sở; 3% với số tiền đến 5 tỷ đồng; trên 5 tỷ đồng, một mức cố định cộng tỷ lệ giảm dần (2%, 1%, 0,5%, 0,01%) cho phần vượt. Không thu phí với tiền cấp dưỡng, bồi thường tính mạng, sức khỏe, danh dự, tiền lương, trợ cấp thôi việc, bảo hiểm xã hội, số tiền tự nguyện nộp trong thời hạn tự nguyện thi hành án và bản án không có giá ngạch.',
    en: 'There is no fee to apply. The enforcement fee (Circular 216/2016/TT-BTC) is paid by the judgment creditor on money or assets actually received: nothing if the amount is no more than twice the base salary; 3% up to 5 billion đồng; above 5 billion, a fixed sum plus a falling rate (2%, 1%, 0.5%, 0.01%) on the excess. No fee is charged on maintenance, compensation for life, health or honour, wages, severance pay, social insurance, amounts paid voluntarily within the voluntary-compliance period, or judgments with no monetary value.',
  },
  result: {
    vi: 'Quyết định miễn, giảm phí thi hành án, hoặc văn bản từ chối nêu rõ lý do.',
    en: 'A decision exempting you from or reducing the enforcement fee, or a written refusal giving the reasons.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Kiểm tra trường hợp của bạn có được miễn, giảm phí không và chuẩn bị giấy tờ chứng minh.',
      en: 'Check whether your case qualifies for an exemption or reduction, and gather proof.',
    },
    {
      vi: 'Điền đơn trên cổng này, ghi số tiền thực nhận và tải lên giấy tờ.',
      en: 'Fill in the application on this portal, enter the amount you received and upload the papers.',
    },
    commonSteps.receipt,
    commonSteps.track,
    {
      vi: 'Nhận quyết định miễn, giảm phí thi hành án, hoặc văn bản từ chối nêu rõ lý do.',
      en: 'Receive the decision on your enforcement fee, or a written refusal giving the reasons.',
    },
  ],
  rules: [
    {
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: { days: 5, unit: 'working', countedFrom: fromCompleteApplication },
      legalBasis: [
        law2008('Điều 60', 'Art. 60'),
        cite('Thông tư 216/2016/TT-BTC', 'Circular 216/2016/TT-BTC', instruments.circular216),
      ],
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 5,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: keptFromOldLaw('Thời hạn 5 ngày làm việc', 'The 5 working days'),
      },
      legalBasis: [
        law2025,
        {
          ...cite('Thông tư 216/2016/TT-BTC', 'Circular 216/2016/TT-BTC', instruments.circular216),
          unconfirmed: {
            vi: 'Chưa tìm được văn bản cho biết Thông tư 216/2016/TT-BTC còn áp dụng hay đã được thay thế sau ngày 01/7/2026.',
            en: 'No text was found saying whether Circular 216/2016/TT-BTC still applies or was replaced after 1 July 2026.',
          },
        },
      ],
      noteUnconfirmed: {
        vi: 'Mức lương cơ sở 2.530.000 đồng từ ngày 01/7/2026 chưa đối chiếu được với nghị định quy định mức lương cơ sở.',
        en: 'The base salary of 2,530,000 đồng from 1 July 2026 is not yet checked against the decree that sets it.',
      },
      note: {
        vi: 'Chưa rõ Thông tư 216/2016/TT-BTC có được thay thế sau ngày 01/7/2026 hay không; mức lương cơ sở từ ngày 01/7/2026 được báo cáo là 2.530.000 đồng.',
        en: 'Whether Circular 216/2016/TT-BTC was replaced after 1 July 2026 is not confirmed; the base salary from 1 July 2026 is reported as 2,530,000 đồng.',
      },
    },
  ],
  sections: [sections.applicant, sections.agency, sections.case, request],
  fields,
  schema: buildSchema(fields),
  example: {
    fullName: 'Hoàng Thị Mai',
    cccd: '040162005791',
    dateOfBirth: '1962-09-30',
    address: 'Xóm 3, xã Nghi Lộc, tỉnh Nghệ An',
    phone: '0868 207 315',
    email: null,
    applicantRole: 'creditor',
    agency: 'NAN',
    decisionNumber: '74/QĐ-THADS',
    decisionDate: '2025-12-02',
    ground: 'poor',
    amountReceived: '185.000.000',
    feeAmount: '5.550.000',
    reasons:
      'Gia đình tôi thuộc hộ nghèo của xã Nghi Lộc năm 2026 theo danh sách được Ủy ban nhân dân xã phê duyệt. Tôi gửi kèm giấy xác nhận của Ủy ban nhân dân xã.',
  },
};
