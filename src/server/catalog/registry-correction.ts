/**
 * DCDS — Đề nghị đính chính, rút tên khỏi danh sách người phải thi hành án chưa có điều kiện thi hành: a person on
 * the public list asks for a correction or removal ("I have paid / this is wrong"). Handled as a one-stop dossier.
 */
import { agencyField, applicantFields, buildSchema, sections } from './fields.ts';
import { cite, decree152, fromCompleteApplication, fromUnofficialDecree, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps, noFee } from './shared.ts';
import type { FieldDef, Procedure } from './types.ts';

const request = { id: 'request', title: { vi: 'Nội dung đề nghị', en: 'Your request' } };

const fields: FieldDef[] = [
  ...applicantFields(['debtor', 'representative']),
  agencyField({
    vi: 'Cơ quan thi hành án ghi ở mục của bạn trong danh sách',
    en: 'The enforcement agency named in your entry on the list',
  }),
  { name: 'registryEntry', kind: 'text', section: request.id, required: true, maxLength: 20,
    label: { vi: 'Mã mục trong danh sách công khai', en: 'Entry code on the public list' },
    hint: { vi: 'Điền sẵn khi bạn bấm "Đề nghị đính chính" từ trang chi tiết', en: 'Filled in when you come from the entry’s page' },
    errors: { required: { vi: 'Nhập mã mục trong danh sách công khai', en: 'Enter the entry code on the public list' } } },
  { name: 'requestKind', kind: 'radios', section: request.id, required: true,
    label: { vi: 'Bạn đề nghị', en: 'You are asking to' },
    options: [
      { value: 'remove', label: { vi: 'Rút tên khỏi danh sách', en: 'Be removed from the list' } },
      { value: 'correct', label: { vi: 'Đính chính thông tin', en: 'Have the information corrected' } },
    ],
    errors: { required: { vi: 'Chọn điều bạn đề nghị', en: 'Select what you are asking for' } } },
  { name: 'ground', kind: 'radios', section: request.id, required: true,
    label: { vi: 'Căn cứ', en: 'Grounds' },
    options: [
      { value: 'performed', label: { vi: 'Tôi đã thi hành xong nghĩa vụ', en: 'I have performed the obligation' } },
      { value: 'conditions', label: { vi: 'Tôi đã có điều kiện thi hành (có thu nhập, tài sản)', en: 'I now have means to enforce (income, assets)' } },
      { value: 'wrong', label: { vi: 'Thông tin trong danh sách không đúng', en: 'The information on the list is wrong' } },
    ],
    errors: { required: { vi: 'Chọn căn cứ đề nghị', en: 'Select the grounds for your request' } } },
  { name: 'explanation', kind: 'textarea', section: request.id, required: true, maxLength: 3000,
    label: { vi: 'Trình bày cụ thể', en: 'Explain' },
    hint: { vi: 'Ví dụ: đã nộp tiền ngày nào, theo biên lai số mấy; thông tin nào sai và đúng là gì', en: 'For example: when you paid and the receipt number; what is wrong and what is right' },
    errors: {
      required: { vi: 'Trình bày cụ thể đề nghị của bạn', en: 'Explain your request' },
      subject: { vi: 'Phần trình bày', en: 'Your explanation' },
    } },
];

/** Correction or removal of an entry on the public list. */
export const registryCorrection: Procedure = {
  code: 'DCDS',
  slug: { vi: 'dinh-chinh-danh-sach-chua-co-dieu-kien-thi-hanh', en: 'public-list-correction' },
  kind: 'one-stop',
  name: {
    vi: 'Đề nghị đính chính, rút tên khỏi danh sách người chưa có điều kiện thi hành án',
    en: 'Ask to correct, or be removed from, the list of debtors without conditions to enforce',
  },
  summary: {
    vi: 'Người có tên trong danh sách công khai đề nghị cơ quan thi hành án đính chính thông tin sai hoặc rút tên khi đã thi hành xong, đã có điều kiện thi hành hoặc quyết định bị hủy.',
    en: 'A person on the public list asks the enforcement agency to correct wrong information, or to remove them once they have performed the obligation, have means again, or the decision was revoked.',
  },
  whoMaySubmit: [
    { vi: 'Người phải thi hành án có tên trong danh sách', en: 'The judgment debtor named on the list' },
    { vi: 'Người đại diện của họ, có văn bản ủy quyền', en: 'Their representative, with a written authorisation' },
  ],
  documents: [
    applicationDocument({ vi: 'Đơn đề nghị (điền trên cổng này)', en: 'The request (this online form)' }),
    { id: 'proof', required: false,
      name: { vi: 'Giấy tờ chứng minh (biên lai nộp tiền, giấy tờ về thu nhập, tài sản, quyết định liên quan)', en: 'Supporting papers (payment receipts, papers on income or assets, related decisions)' },
      when: { vi: 'Nếu có', en: 'If you have any' } },
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Thông tin được đính chính, hoặc tên được rút khỏi danh sách công khai; hoặc văn bản trả lời nêu rõ lý do không chấp nhận.',
    en: 'The entry is corrected, or removed from the public list; or a written reply giving the reasons for refusing.',
  },
  resultSignedBy: 'officer',
  steps: [
    { vi: 'Mở mục của bạn trong danh sách và bấm "Đề nghị đính chính hoặc rút tên".', en: 'Open your entry on the list and choose "Ask for a correction or removal".' },
    { vi: 'Trình bày căn cứ và đính kèm giấy tờ chứng minh nếu có.', en: 'Explain your grounds and attach supporting papers if you have any.' },
    commonSteps.receipt,
    commonSteps.track,
  ],
  rules: [
    {
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: {
        days: 2,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: {
          vi: 'Thời hạn 2 ngày làm việc chưa đối chiếu được với văn bản chính thức của Thông tư 04/2023/TT-BTP.',
          en: 'The 2 working days are not yet checked against the official text of Circular 04/2023/TT-BTP.',
        },
      },
      legalBasis: [law2008('Điều 44a', 'Art. 44a'), cite('Thông tư 04/2023/TT-BTP', 'Circular 04/2023/TT-BTP', '04/2023/TT-BTP')],
      note: { vi: 'Thời hạn rút tên khỏi danh sách theo quy định cũ.', en: 'The time limit for removal from the list under the old rules.' },
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 3,
        unit: 'working',
        countedFrom: fromCompleteApplication,
        unconfirmed: fromUnofficialDecree('Thời hạn 3 ngày làm việc (Điều 23)', 'The 3 working days (Art. 23)'),
      },
      legalBasis: [law2025, decree152('Điều 23', 'Art. 23')],
    },
  ],
  sections: [sections.applicant, sections.agency, request],
  fields,
  schema: buildSchema(fields),
  example: {
    fullName: 'Nguyễn Văn Hùng',
    cccd: '001079012345',
    dateOfBirth: '1979-03-21',
    address: 'Số 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội',
    phone: '0912345678',
    email: 'hung.nguyen@example.com',
    applicantRole: 'debtor',
    agency: 'HNI',
    registryEntry: '4c1bcf407e3e084edb39',
    requestKind: 'remove',
    ground: 'performed',
    explanation: 'Tôi đã nộp đủ 125.000.000 đồng ngày 10/11/2026 theo biên lai số 0012345 tại Thi hành án dân sự thành phố Hà Nội.',
  },
};
