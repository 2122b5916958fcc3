/** YCTHA — Yêu cầu thi hành án: ask the agency to enforce a judgment; it answers with a Quyết định thi hành án. */
import { addYears, todayInVietnam } from '../validation/dates.ts';
import { agencyField, applicantFields, buildSchema, sections, type CrossCheck } from './fields.ts';
import { decree152, fromUnofficialDecree, keptFromOldLaw, law2008, law2025, NEW_REGIME_FROM, OLD_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, commonSteps, noFee } from './shared.ts';
import type { FieldDef, Procedure } from './types.ts';

/** Art. 30: a request is due within 5 years of the judgment taking legal effect. */
export const LIMITATION_YEARS = 5;

/** Whether a judgment that took effect on `effectiveDate` is past the 5-year limitation period on `today`. */
export function isPastLimitation(effectiveDate: string, today: string = todayInVietnam()): boolean {
  return today > addYears(effectiveDate, LIMITATION_YEARS);
}

const judgment = { id: 'judgment', title: { vi: 'Bản án, quyết định yêu cầu thi hành', en: 'The judgment or decision to enforce' } };
const debtor = { id: 'debtor', title: { vi: 'Người phải thi hành án', en: 'The judgment debtor' } };
const creditor = { id: 'creditor', title: { vi: 'Người được thi hành án', en: 'The judgment creditor' } };
const payment = { id: 'payment', title: { vi: 'Tài khoản nhận tiền thi hành án', en: 'Bank account to receive payments' } };

// A creditor describes the debtor and gives a bank account; a debtor describes the creditor; a representative may
// act for either, so sees both.
const byCreditor = { field: 'applicantRole', equals: ['creditor', 'representative'] };
const byDebtor = { field: 'applicantRole', equals: ['debtor', 'representative'] };

const fields: FieldDef[] = [
  ...applicantFields(['creditor', 'debtor', 'representative']),
  agencyField({
    vi: 'Thường là Thi hành án dân sự tỉnh, thành phố nơi Tòa án đã xét xử sơ thẩm vụ án',
    en: 'Usually the civil judgment enforcement agency of the province or city where the court of first instance sits',
  }),
  { name: 'judgmentIssuer', kind: 'text', section: judgment.id, required: true,
    label: { vi: 'Tòa án hoặc cơ quan đã ra bản án, quyết định', en: 'Court or body that issued the judgment or decision' },
    hint: { vi: 'Ví dụ: Tòa án nhân dân khu vực 1 – Hà Nội', en: 'For example: Tòa án nhân dân khu vực 1 – Hà Nội (Regional People’s Court No. 1, Hanoi)' },
    errors: { required: { vi: 'Nhập tên tòa án hoặc cơ quan đã ra bản án, quyết định', en: 'Enter the court or body that issued the judgment or decision' } } },
  { name: 'judgmentNumber', kind: 'text', section: judgment.id, required: true, maxLength: 50,
    label: { vi: 'Số bản án, quyết định', en: 'Number of the judgment or decision' },
    hint: { vi: 'Ví dụ: 125/2025/DS-ST', en: 'For example: 125/2025/DS-ST' },
    errors: { required: { vi: 'Nhập số bản án, quyết định', en: 'Enter the number of the judgment or decision' } } },
  { name: 'judgmentDate', kind: 'date', section: judgment.id, required: true,
    label: { vi: 'Ngày ra bản án, quyết định', en: 'Date of the judgment or decision' },
    errors: { required: { vi: 'Nhập ngày ra bản án, quyết định', en: 'Enter the date of the judgment or decision' } } },
  { name: 'judgmentEffectiveDate', kind: 'date', section: judgment.id, required: true,
    label: { vi: 'Ngày bản án, quyết định có hiệu lực pháp luật', en: 'Date the judgment or decision took legal effect' },
    hint: { vi: 'Thời hiệu yêu cầu thi hành án là 5 năm kể từ ngày này', en: 'You have 5 years from this date to request enforcement' },
    errors: { required: { vi: 'Nhập ngày bản án, quyết định có hiệu lực pháp luật', en: 'Enter the date the judgment or decision took legal effect' } } },
  { name: 'limitationReason', kind: 'textarea', section: judgment.id, required: false,
    label: { vi: 'Lý do yêu cầu sau 5 năm', en: 'Why you are asking after 5 years' },
    hint: {
      vi: 'Chỉ trả lời nếu bản án, quyết định đã có hiệu lực hơn 5 năm. Nêu ngày đến hạn nếu bản án ấn định thời hạn thực hiện hoặc nghĩa vụ theo định kỳ (như cấp dưỡng), hoặc nêu trở ngại khách quan, sự kiện bất khả kháng đã gặp và gửi kèm giấy tờ chứng minh',
      en: 'Answer only if the judgment took effect more than 5 years ago. Give the due date if the judgment set a date for performance or periodic payments (such as maintenance), or describe the objective obstacle or force majeure you faced and attach proof',
    },
    errors: { subject: { vi: 'Lý do yêu cầu sau 5 năm', en: 'Your reason for asking after 5 years' } } },
  { name: 'requestedItems', kind: 'textarea', section: judgment.id, required: true,
    label: { vi: 'Nội dung yêu cầu thi hành án', en: 'What you ask to be enforced' },
    hint: {
      vi: 'Ghi các khoản theo bản án, quyết định: số tiền phải trả, tài sản phải giao, công việc phải làm hoặc không được làm',
      en: 'List what the judgment orders: sums to pay, assets to hand over, things to do or not to do',
    },
    errors: {
      required: { vi: 'Nhập nội dung yêu cầu thi hành án', en: 'Enter what you ask to be enforced' },
      subject: { vi: 'Nội dung yêu cầu thi hành án', en: 'Your description of what to enforce' },
    } },
  { name: 'amountRequested', kind: 'money', section: judgment.id, required: false,
    label: { vi: 'Tổng số tiền yêu cầu thi hành', en: 'Total amount to enforce' },
    hint: { vi: 'Tính bằng đồng, nếu bản án buộc trả tiền', en: 'In đồng, if the judgment orders a payment' } },
  { name: 'debtorName', kind: 'text', section: debtor.id, required: true, showIf: byCreditor,
    label: { vi: 'Họ và tên hoặc tên tổ chức', en: 'Full name, or name of the organisation' },
    errors: {
      required: { vi: 'Nhập họ và tên hoặc tên tổ chức của người phải thi hành án', en: 'Enter the full name of the judgment debtor, or the name of the organisation' },
      subject: { vi: 'Tên người phải thi hành án', en: 'The judgment debtor’s name' },
    } },
  { name: 'debtorAddress', kind: 'text', section: debtor.id, required: true, showIf: byCreditor, maxLength: 300,
    label: { vi: 'Địa chỉ', en: 'Address' },
    errors: {
      required: { vi: 'Nhập địa chỉ của người phải thi hành án', en: 'Enter the judgment debtor’s address' },
      subject: { vi: 'Địa chỉ của người phải thi hành án', en: 'The judgment debtor’s address' },
    } },
  { name: 'debtorIdNumber', kind: 'text', section: debtor.id, required: false, showIf: byCreditor, maxLength: 20,
    label: { vi: 'Số định danh cá nhân hoặc mã số doanh nghiệp', en: 'Personal ID number or enterprise code' },
    hint: { vi: 'Nếu biết', en: 'If you know it' },
    errors: { subject: { vi: 'Số định danh hoặc mã số doanh nghiệp của người phải thi hành án', en: 'The judgment debtor’s ID number or enterprise code' } } },
  { name: 'debtorAssets', kind: 'textarea', section: debtor.id, required: false, showIf: byCreditor,
    label: { vi: 'Thông tin về tài sản, thu nhập của người phải thi hành án', en: 'What you know of the debtor’s assets and income' },
    hint: {
      vi: 'Ví dụ: nhà, đất, xe, tài khoản ngân hàng, nơi làm việc. Thông tin chính xác giúp thi hành án nhanh hơn và có thể được giảm phí thi hành án',
      en: 'For example: house, land, vehicles, bank accounts, employer. Accurate details speed up enforcement and can reduce your enforcement fee',
    },
    errors: { subject: { vi: 'Thông tin về tài sản, thu nhập của người phải thi hành án', en: 'What you know of the debtor’s assets and income' } } },
  { name: 'creditorName', kind: 'text', section: creditor.id, required: true, showIf: byDebtor,
    label: { vi: 'Họ và tên hoặc tên tổ chức', en: 'Full name, or name of the organisation' },
    errors: {
      required: { vi: 'Nhập họ và tên hoặc tên tổ chức của người được thi hành án', en: 'Enter the full name of the judgment creditor, or the name of the organisation' },
      subject: { vi: 'Tên người được thi hành án', en: 'The judgment creditor’s name' },
    } },
  { name: 'creditorAddress', kind: 'text', section: creditor.id, required: true, showIf: byDebtor, maxLength: 300,
    label: { vi: 'Địa chỉ', en: 'Address' },
    errors: {
      required: { vi: 'Nhập địa chỉ của người được thi hành án', en: 'Enter the judgment creditor’s address' },
      subject: { vi: 'Địa chỉ của người được thi hành án', en: 'The judgment creditor’s address' },
    } },
  { name: 'bankAccountNumber', kind: 'text', section: payment.id, required: false, showIf: byCreditor, maxLength: 30,
    label: { vi: 'Số tài khoản', en: 'Account number' },
    hint: { vi: 'Tài khoản đứng tên người được thi hành án', en: 'An account in the judgment creditor’s name' },
    errors: { subject: { vi: 'Số tài khoản nhận tiền', en: 'The account number' } } },
  { name: 'bankName', kind: 'text', section: payment.id, required: false, showIf: byCreditor, maxLength: 150,
    label: { vi: 'Ngân hàng, chi nhánh', en: 'Bank and branch' },
    errors: { subject: { vi: 'Tên ngân hàng, chi nhánh', en: 'The bank and branch' } } },
];

const refine: CrossCheck = (data, report) => {
  const { judgmentDate, judgmentEffectiveDate: effective } = data;
  if (typeof effective !== 'string') return;
  if (typeof judgmentDate === 'string' && effective < judgmentDate) {
    report('judgmentEffectiveDate', 'effective_before_judgment');
  }
  // Art. 30: past 5 years the agency refuses unless the delay is explained (and proven).
  if (isPastLimitation(effective) && data.limitationReason === undefined) report('limitationReason', 'limitation_reason');
};

const countedFrom = { vi: 'kể từ ngày nhận được yêu cầu thi hành án', en: 'from the day the request is received' };

/** Request enforcement of a judgment. */
export const requestEnforcement: Procedure = {
  code: 'YCTHA',
  slug: { vi: 'yeu-cau-thi-hanh-an', en: 'request-enforcement' },
  kind: 'one-stop',
  name: { vi: 'Yêu cầu thi hành án', en: 'Request enforcement of a judgment' },
  summary: {
    vi: 'Đề nghị cơ quan thi hành án dân sự tổ chức thi hành bản án, quyết định đã có hiệu lực pháp luật của Tòa án hoặc Trọng tài. Thời hiệu yêu cầu là 5 năm kể từ ngày bản án, quyết định có hiệu lực pháp luật.',
    en: 'Ask the enforcement agency to enforce a court judgment or arbitral award that has taken legal effect. You have 5 years from the day it took effect to ask.',
  },
  whoMaySubmit: [
    { vi: 'Người được thi hành án hoặc người phải thi hành án', en: 'The judgment creditor or the judgment debtor' },
    { vi: 'Người đại diện của họ, có văn bản ủy quyền', en: 'Their representative, with a written authorisation' },
  ],
  documents: [
    applicationDocument({ vi: 'Đơn yêu cầu thi hành án (điền trên cổng này)', en: 'The request for enforcement (this online form)' }),
    { id: 'judgmentCopy', required: true,
      name: { vi: 'Bản sao bản án, quyết định yêu cầu thi hành', en: 'A copy of the judgment or decision to enforce' } },
    { id: 'arbitrationProof', required: false,
      name: { vi: 'Giấy tờ chứng minh phán quyết trọng tài đủ điều kiện thi hành', en: 'Proof that the arbitral award is enforceable' },
      when: { vi: 'Khi yêu cầu thi hành phán quyết, quyết định của Trọng tài thương mại', en: 'When you ask to enforce a commercial arbitration award or decision' } },
    { id: 'limitationProof', required: false,
      name: {
        vi: 'Giấy tờ chứng minh trở ngại khách quan hoặc sự kiện bất khả kháng (ví dụ xác nhận của Ủy ban nhân dân cấp xã, hồ sơ bệnh án)',
        en: 'Proof of the objective obstacle or force majeure (for example a confirmation by the commune People’s Committee, or medical records)',
      },
      when: { vi: 'Khi yêu cầu sau hơn 5 năm kể từ ngày bản án, quyết định có hiệu lực pháp luật', en: 'When you ask more than 5 years after the judgment took legal effect' } },
    { id: 'related', required: false,
      name: { vi: 'Tài liệu khác có liên quan', en: 'Other related documents' },
      when: { vi: 'Nếu có, ví dụ giấy tờ về tài sản của người phải thi hành án', en: 'If you have any, for example papers about the debtor’s assets' } },
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Quyết định thi hành án (nêu nghĩa vụ phải thi hành, thời hạn tự nguyện thi hành và cách nộp tiền), hoặc văn bản từ chối nêu rõ lý do.',
    en: 'An enforcement decision (stating the obligations, the period for voluntary compliance and how to pay), or a written refusal giving the reasons.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Chuẩn bị bản sao bản án, quyết định và giấy tờ liên quan; nếu nộp thay người khác, chuẩn bị văn bản ủy quyền.',
      en: 'Have ready a copy of the judgment or decision and any related papers; if you file for someone else, the written authorisation.',
    },
    {
      vi: 'Điền đơn yêu cầu thi hành án trên cổng này và tải lên các giấy tờ.',
      en: 'Fill in the request on this portal and upload the documents.',
    },
    commonSteps.receipt,
    commonSteps.track,
    {
      vi: 'Nhận Quyết định thi hành án, hoặc văn bản từ chối nêu rõ lý do.',
      en: 'Receive the enforcement decision, or a written refusal giving the reasons.',
    },
  ],
  rules: [
    {
      effectiveFrom: OLD_REGIME_FROM,
      timeLimit: { days: 5, unit: 'working', countedFrom },
      legalBasis: [law2008('Điều 30', 'Art. 30'), law2008('Điều 31', 'Art. 31'), law2008('Điều 36', 'Art. 36')],
      note: {
        vi: 'Nếu từ chối, cơ quan thi hành án thông báo bằng văn bản trong 5 ngày làm việc: người yêu cầu không có quyền yêu cầu, nội dung không liên quan đến bản án, cơ quan không có thẩm quyền, hoặc đã hết thời hiệu.',
        en: 'A refusal is sent in writing within 5 working days: the requester has no right to request, the request is unrelated to the judgment, the agency lacks jurisdiction, or the limitation period has expired.',
      },
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 5,
        unit: 'working',
        countedFrom,
        unconfirmed: keptFromOldLaw('Thời hạn 5 ngày làm việc (Điều 36 Luật 2008)', 'The 5 working days (Art. 36 of the 2008 Law)'),
      },
      legalBasis: [law2025, decree152('khoản 2 Điều 9', 'Art. 9(2)')],
      noteUnconfirmed: fromUnofficialDecree('Thời hạn 1 ngày làm việc (khoản 2 Điều 9)', 'The 1 working day (Art. 9(2))'),
      note: {
        vi: 'Cơ quan thi hành án chỉ vào sổ khi hồ sơ đầy đủ; nếu còn thiếu, báo cho người yêu cầu trong 1 ngày làm việc.',
        en: 'The agency registers the request only when it is complete; if something is missing it tells the requester within 1 working day.',
      },
    },
  ],
  sections: [sections.applicant, sections.agency, judgment, debtor, creditor, payment],
  fields,
  schema: buildSchema(fields, refine),
  example: {
    fullName: 'Nguyễn Thị Lan',
    cccd: '001188012345',
    dateOfBirth: '1988-04-12',
    address: 'Số 7 ngách 12/3 phố Kim Mã, phường Giảng Võ, thành phố Hà Nội',
    phone: '0912 345 678',
    email: 'lan.nguyen@example.com',
    applicantRole: 'creditor',
    agency: 'HNI',
    judgmentIssuer: 'Tòa án nhân dân khu vực 1 – Hà Nội',
    judgmentNumber: '125/2025/DS-ST',
    judgmentDate: '2025-09-15',
    judgmentEffectiveDate: '2025-10-16',
    requestedItems:
      'Buộc ông Trần Văn Hùng trả cho bà Nguyễn Thị Lan số tiền nợ gốc 350.000.000 đồng và tiền lãi chậm trả 42.000.000 đồng theo Bản án số 125/2025/DS-ST.',
    amountRequested: '392.000.000',
    debtorName: 'Trần Văn Hùng',
    debtorAddress: 'Số 18 ngõ 45 phố Hào Nam, phường Ô Chợ Dừa, thành phố Hà Nội',
    debtorIdNumber: '001079004567',
    debtorAssets: 'Căn hộ chung cư số 1205 tòa B, khu đô thị Mỹ Đình, đứng tên ông Hùng; xe ô tô biển số 30A-123.45.',
    bankAccountNumber: '0011004123456',
    bankName: 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank), chi nhánh Thành Công',
  },
};
