/** KN — Khiếu nại: a complaint about a decision or act of the head of an agency or of an enforcement officer. */
import { isValidDossierCode } from '../dossiers/code.ts';
import { lastDayToComplain } from './complaint-limits.ts';
import { agencyField, applicantFields, buildSchema, sections, type CrossCheck } from './fields.ts';
import { cite, instruments, law2025, NEW_REGIME_FROM } from './rules.ts';
import { applicationDocument, authorisationDocument, noFee } from './shared.ts';
import type { FieldDef, Procedure, Text } from './types.ts';

const complained = { id: 'complained', title: { vi: 'Quyết định, hành vi bị khiếu nại', en: 'What you are complaining about' } };
const yourComplaint = { id: 'complaint', title: { vi: 'Nội dung khiếu nại', en: 'Your complaint' } };
const late = { id: 'late', title: { vi: 'Nếu bạn khiếu nại sau thời hiệu', en: 'If you are complaining after the time allowed' } };

const secondComplaint = { field: 'round', equals: ['second'] };

const fields: FieldDef[] = [
  ...applicantFields(['creditor', 'debtor', 'related', 'representative']),
  agencyField({
    vi: 'Cơ quan thi hành án nơi người bị khiếu nại công tác; nếu việc giải quyết thuộc cấp trên, hồ sơ sẽ được chuyển đến cơ quan có thẩm quyền',
    en: 'The agency where the person complained about works; if a higher level must decide, your complaint is passed on to it',
  }),
  { name: 'round', kind: 'radios', section: complained.id, required: true,
    label: { vi: 'Lần khiếu nại', en: 'First or second complaint' },
    options: [
      { value: 'first', label: { vi: 'Khiếu nại lần đầu', en: 'A first complaint' } },
      { value: 'second',
        label: {
          vi: 'Khiếu nại lần hai — tôi không đồng ý với quyết định giải quyết khiếu nại lần đầu',
          en: 'A second complaint — I disagree with the decision on my first complaint',
        } },
    ],
    errors: { required: { vi: 'Chọn đây là khiếu nại lần đầu hay lần hai', en: 'Select whether this is a first or a second complaint' } } },
  { name: 'firstDecisionNumber', kind: 'text', section: complained.id, required: true, maxLength: 50, showIf: secondComplaint,
    label: { vi: 'Số quyết định giải quyết khiếu nại lần đầu', en: 'Number of the decision on your first complaint' },
    errors: { required: { vi: 'Nhập số quyết định giải quyết khiếu nại lần đầu', en: 'Enter the number of the decision on your first complaint' } } },
  { name: 'firstDecisionReceivedOn', kind: 'date', section: complained.id, required: true, showIf: secondComplaint,
    label: { vi: 'Ngày bạn nhận quyết định giải quyết khiếu nại lần đầu', en: 'Date you received the decision on your first complaint' },
    errors: {
      required: { vi: 'Nhập ngày bạn nhận quyết định giải quyết khiếu nại lần đầu', en: 'Enter the date you received the decision on your first complaint' },
    } },
  // The subjects follow the time-limit table: each has its own time to complain and time to resolve.
  { name: 'subject', kind: 'radios', section: complained.id, required: true,
    label: { vi: 'Loại quyết định, hành vi bị khiếu nại', en: 'Kind of decision or act' },
    options: [
      { value: 'beforeCoercion',
        label: {
          vi: 'Quyết định, hành vi trước khi áp dụng biện pháp bảo đảm hoặc biện pháp cưỡng chế thi hành án',
          en: 'A decision or act before any security or coercive measure was applied',
        } },
      { value: 'accountFreeze',
        label: { vi: 'Quyết định phong tỏa tài khoản', en: 'A decision to freeze an account' } },
      { value: 'otherSecurity',
        label: {
          vi: 'Biện pháp bảo đảm thi hành án khác (tạm giữ tài sản, giấy tờ; tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản)',
          en: 'Another security measure (temporary seizure of assets or papers; suspension of the registration, transfer or alteration of assets)',
        } },
      { value: 'coercion',
        label: {
          vi: 'Biện pháp cưỡng chế thi hành án (khấu trừ tiền trong tài khoản, trừ vào thu nhập, kê biên, xử lý tài sản …)',
          en: 'A coercive measure (deduction from an account or from income, distraint or sale of assets …)',
        } },
      { value: 'afterCoercion',
        label: {
          vi: 'Quyết định, hành vi sau khi áp dụng biện pháp cưỡng chế',
          en: 'A decision or act after a coercive measure was applied',
        } },
    ],
    errors: { required: { vi: 'Chọn loại quyết định, hành vi bị khiếu nại', en: 'Select the kind of decision or act' } } },
  { name: 'decisionOrAct', kind: 'text', section: complained.id, required: true, maxLength: 500,
    label: { vi: 'Quyết định hoặc hành vi bị khiếu nại', en: 'The decision or act complained about' },
    hint: {
      vi: 'Ghi số, ngày và tên của quyết định; hoặc mô tả ngắn hành vi',
      en: 'Give the decision’s number, date and title; or describe the act briefly',
    },
    errors: { required: { vi: 'Nhập quyết định hoặc hành vi bị khiếu nại', en: 'Enter the decision or act you are complaining about' } } },
  { name: 'actDate', kind: 'date', section: complained.id, required: false,
    label: { vi: 'Ngày ra quyết định hoặc ngày xảy ra hành vi', en: 'Date of the decision or act' } },
  { name: 'respondentRole', kind: 'radios', section: complained.id, required: true,
    label: { vi: 'Người ra quyết định hoặc thực hiện hành vi', en: 'Person who made the decision or did the act' },
    options: [
      { value: 'head', label: { vi: 'Thủ trưởng cơ quan thi hành án dân sự', en: 'The head of the enforcement agency' } },
      { value: 'officer', label: { vi: 'Chấp hành viên', en: 'An enforcement officer' } },
    ],
    errors: { required: { vi: 'Chọn người ra quyết định hoặc thực hiện hành vi', en: 'Select who made the decision or did the act' } } },
  { name: 'respondentName', kind: 'text', section: complained.id, required: false, maxLength: 100,
    label: { vi: 'Họ và tên người ra quyết định hoặc thực hiện hành vi', en: 'Name of that person' },
    hint: { vi: 'Nếu biết', en: 'If you know it' },
    errors: { subject: { vi: 'Họ và tên người ra quyết định hoặc thực hiện hành vi', en: 'The name of that person' } } },
  { name: 'dateLearned', kind: 'date', section: complained.id, required: true,
    label: { vi: 'Ngày bạn biết được quyết định, hành vi này', en: 'Date you learned of the decision or act' },
    hint: {
      vi: 'Thời hiệu khiếu nại được tính từ ngày này',
      en: 'The time allowed to complain runs from this date',
    },
    errors: { required: { vi: 'Nhập ngày bạn biết được quyết định, hành vi này', en: 'Enter the date you learned of the decision or act' } } },
  { name: 'caseDecisionNumber', kind: 'text', section: complained.id, required: false, maxLength: 50,
    label: { vi: 'Số Quyết định thi hành án của vụ việc', en: 'Enforcement decision number of the case' },
    hint: { vi: 'Nếu biết', en: 'If you know it' } },
  { name: 'relatedDossierCode', kind: 'text', section: complained.id, required: false, maxLength: 20,
    label: { vi: 'Mã hồ sơ liên quan trên cổng này', en: 'Related dossier code on this portal' },
    hint: {
      vi: 'Nếu khiếu nại về một hồ sơ bạn đã nộp trên cổng này, ghi mã hồ sơ, ví dụ 79-261102-Y58A6J',
      en: 'If you are complaining about a dossier you filed on this portal, give its code, for example 79-261102-Y58A6J',
    },
    errors: { subject: { vi: 'Mã hồ sơ liên quan', en: 'The related dossier code' } } },
  { name: 'whatIsWrong', kind: 'textarea', section: yourComplaint.id, required: true,
    label: { vi: 'Điểm sai của quyết định, hành vi và lý do', en: 'What is wrong with it, and why' },
    hint: {
      vi: 'Nêu quyền, lợi ích hợp pháp nào của bạn bị xâm phạm',
      en: 'Say which of your rights or lawful interests it harms',
    },
    errors: {
      required: { vi: 'Nêu điểm sai của quyết định, hành vi và lý do', en: 'Say what is wrong with the decision or act, and why' },
      subject: { vi: 'Phần trình bày điểm sai', en: 'Your account of what is wrong' },
    } },
  { name: 'request', kind: 'textarea', section: yourComplaint.id, required: true, maxLength: 2000,
    label: { vi: 'Yêu cầu của bạn', en: 'What you are asking for' },
    hint: {
      vi: 'Ví dụ: hủy quyết định, sửa đổi quyết định, bồi thường thiệt hại',
      en: 'For example: annul the decision, amend it, compensate your loss',
    },
    errors: {
      required: { vi: 'Nêu yêu cầu của bạn', en: 'Say what you are asking for' },
      subject: { vi: 'Yêu cầu của bạn', en: 'Your request' },
    } },
  // Every complaint is received, late or not; whether an obstacle excuses the delay is the agency's decision.
  { name: 'forceMajeure', kind: 'radios', section: late.id, required: false,
    label: {
      vi: 'Có trở ngại khách quan nào khiến bạn không khiếu nại được trong thời hiệu không?',
      en: 'Did an objective obstacle stop you from complaining within the time allowed?',
    },
    hint: {
      vi: 'Chỉ trả lời nếu đã quá ngày cuối cùng được khiếu nại (trang kiểm tra trước khi gửi cho bạn biết ngày này). Thời gian ốm đau, thiên tai, đi công tác, học tập ở nơi xa hoặc trở ngại khách quan khác không tính vào thời hiệu; cơ quan giải quyết xem xét lý do của bạn.',
      en: 'Answer only if the last day to complain has passed (the check page before you send tells you that day). Time lost to illness, natural disaster, work or study far away or another objective obstacle does not count; the agency considers your reason.',
    },
    options: [
      { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
      { value: 'no', label: { vi: 'Không', en: 'No' } },
    ],
    errors: { subject: { vi: 'Câu trả lời về trở ngại khách quan', en: 'Your answer about an objective obstacle' } } },
  { name: 'forceMajeureWhat', kind: 'textarea', section: late.id, required: true, maxLength: 2000, showIf: { field: 'forceMajeure', equals: ['yes'] },
    label: { vi: 'Trở ngại đó là gì, từ ngày nào đến ngày nào?', en: 'What was the obstacle, and from when to when?' },
    errors: {
      required: { vi: 'Nêu trở ngại khách quan và thời gian của nó', en: 'Say what the obstacle was and how long it lasted' },
      subject: { vi: 'Phần trình bày trở ngại khách quan', en: 'Your account of the obstacle' },
    } },
];

const refine: CrossCheck = (data, report) => {
  // A date in the future is refused by the date field itself; here, one cannot learn of an act before it happened.
  const { actDate, dateLearned } = data;
  if (typeof actDate === 'string' && typeof dateLearned === 'string' && dateLearned < actDate) {
    report('dateLearned', 'learned_before_act');
  }
  const related = data.relatedDossierCode;
  if (typeof related === 'string' && related !== '' && !isValidDossierCode(related)) report('relatedDossierCode', 'dossier_code');
};

const countedFrom: Text = {
  vi: 'kể từ ngày nhận được đơn khiếu nại lần đầu (thời hạn thụ lý)',
  en: 'from the day a first complaint is received (the time limit to accept it)',
};

/** The time limits that do not fit `timeLimit` (complaints.md); the same under both regimes so far. */
const timeLimitsNote: Text = {
  vi: 'Khiếu nại lần hai được thụ lý trong 10 ngày; không thụ lý thì trả lời bằng văn bản trong 5 ngày làm việc. Thời hạn giải quyết tính từ ngày thụ lý (lần đầu / lần hai): quyết định, hành vi trước khi áp dụng biện pháp bảo đảm, cưỡng chế 15 / 30 ngày; phong tỏa tài khoản 5 ngày làm việc, giải quyết một lần và là quyết định cuối cùng; biện pháp cưỡng chế 30 / 45 ngày; sau cưỡng chế 15 / 30 ngày; vụ việc phức tạp hoặc ở vùng xa có thể kéo dài thêm tối đa 30 ngày. Thời hiệu khiếu nại (không tính thời gian có trở ngại khách quan): 15 ngày kể từ ngày biết quyết định, hành vi trước khi áp dụng biện pháp bảo đảm, cưỡng chế; 3 ngày làm việc với quyết định phong tỏa tài khoản; 10 ngày với biện pháp bảo đảm khác; 30 ngày với biện pháp cưỡng chế và sau cưỡng chế; 15 ngày kể từ ngày nhận quyết định lần đầu với khiếu nại lần hai.',
  en: 'A second complaint is accepted within 10 days; a refusal to accept is answered in writing within 5 working days. Time to resolve, from acceptance (first / second complaint): decisions or acts before any security or coercive measure 15 / 30 days; an account freeze 5 working days, decided once and finally; coercive measures 30 / 45 days; after coercion 15 / 30 days; complex or remote cases may take up to 30 days more. Time allowed to complain (not counting time lost to objective obstacles): 15 days from learning of a decision or act before any security or coercive measure; 3 working days for an account freeze; 10 days for other security measures; 30 days for coercive measures and what follows them; 15 days from receiving the first decision for a second complaint.',
};

/** A complaint about enforcement. */
export const complaint: Procedure = {
  code: 'KN',
  slug: { vi: 'khieu-nai', en: 'complaint' },
  kind: 'complaint',
  name: { vi: 'Khiếu nại về thi hành án dân sự', en: 'Complain about an enforcement decision or act' },
  summary: {
    vi: 'Khiếu nại quyết định, hành vi của Thủ trưởng cơ quan thi hành án dân sự hoặc của Chấp hành viên mà bạn cho là trái pháp luật, xâm phạm quyền, lợi ích hợp pháp của bạn.',
    en: 'Complain about a decision or act of the head of an enforcement agency or of an enforcement officer that you believe is unlawful and harms your rights or lawful interests.',
  },
  whoMaySubmit: [
    { vi: 'Đương sự: người được thi hành án, người phải thi hành án', en: 'A party: the judgment creditor or the judgment debtor' },
    { vi: 'Người có quyền lợi, nghĩa vụ liên quan', en: 'A person with related rights and obligations' },
    {
      vi: 'Người đại diện của những người trên, có giấy tờ chứng minh quyền đại diện',
      en: 'A representative of any of them, with proof of their authority',
    },
  ],
  documents: [
    applicationDocument({ vi: 'Đơn khiếu nại (điền trên cổng này)', en: 'The complaint (this online form)' }),
    { id: 'decisionCopy', required: false,
      name: { vi: 'Bản sao quyết định bị khiếu nại', en: 'A copy of the decision complained about' },
      when: { vi: 'Khi khiếu nại một quyết định mà bạn đã nhận được', en: 'When you complain about a decision you have received' } },
    { id: 'firstDecision', required: false,
      name: { vi: 'Quyết định giải quyết khiếu nại lần đầu', en: 'The decision on your first complaint' },
      when: { vi: 'Khi khiếu nại lần hai', en: 'For a second complaint' } },
    { id: 'evidence', required: false,
      name: { vi: 'Tài liệu, chứng cứ liên quan', en: 'Related documents and evidence' },
      when: { vi: 'Nếu bạn có', en: 'If you have any' } },
    authorisationDocument,
  ],
  fee: noFee,
  result: {
    vi: 'Quyết định giải quyết khiếu nại (giữ nguyên, sửa đổi hoặc hủy bỏ quyết định, hành vi bị khiếu nại), hoặc thông báo không thụ lý nêu rõ lý do. Nếu không đồng ý với quyết định lần đầu, bạn có thể khiếu nại lần hai; quyết định lần hai là quyết định cuối cùng.',
    en: 'A decision on the complaint (upholding, amending or annulling the decision or act), or a notice that the complaint is not accepted, with the reasons. If you disagree with the first decision you may complain a second time; the second decision is final.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Kiểm tra bạn còn trong thời hiệu khiếu nại và chuẩn bị tài liệu, chứng cứ liên quan.',
      en: 'Check that you are still within the time allowed to complain, and gather related documents and evidence.',
    },
    {
      vi: 'Điền đơn khiếu nại trên cổng này: nêu quyết định, hành vi bị khiếu nại, sai ở đâu và bạn đề nghị gì.',
      en: 'Fill in the complaint on this portal: what you complain about, what is wrong with it and what you ask for.',
    },
    {
      vi: 'Nhận mã hồ sơ. Cơ quan có thẩm quyền thông báo bằng văn bản việc thụ lý, hoặc không thụ lý kèm lý do.',
      en: 'Get your dossier code. The competent authority tells you in writing whether it accepts the complaint, with reasons if not.',
    },
    {
      vi: 'Cung cấp thêm thông tin và tham gia đối thoại nếu được mời; theo dõi tiến độ bằng mã hồ sơ.',
      en: 'Provide more information and take part in a dialogue if invited; follow progress with your dossier code.',
    },
    {
      vi: 'Nhận quyết định giải quyết khiếu nại. Nếu không đồng ý với quyết định lần đầu, bạn có thể khiếu nại lần hai.',
      en: 'Receive the decision on your complaint. If you disagree with a first decision, you may complain a second time.',
    },
  ],
  rules: [
    {
      // The handling rules as described: the 2008 Law's chapter with Circular 13/2021, in force from 13 February 2022.
      effectiveFrom: '2022-02-13',
      timeLimit: { days: 5, unit: 'working', countedFrom },
      legalBasis: [
        cite('Điều 140–161 Luật Thi hành án dân sự 2008', 'Arts. 140–161, Law on Civil Judgment Enforcement 2008', instruments.law2008),
        cite('Thông tư 13/2021/TT-BTP', 'Circular 13/2021/TT-BTP', instruments.circular13),
      ],
      note: timeLimitsNote,
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 5,
        unit: 'working',
        countedFrom,
        unconfirmed: {
          vi: 'Thời hạn 5 ngày làm việc giữ như Thông tư 13/2021/TT-BTP; chưa tìm được văn bản hướng dẫn thủ tục này theo Luật số 106/2025/QH15.',
          en: 'The 5 working days are kept from Circular 13/2021/TT-BTP; no text guiding this procedure under Law No. 106/2025/QH15 was found.',
        },
      },
      legalBasis: [law2025],
      note: {
        vi: `Luật mới giao Bộ Tư pháp quy định thủ tục giải quyết khiếu nại bằng thông tư mới; cho đến khi được xác nhận, áp dụng các thời hạn trước đây. ${timeLimitsNote.vi}`,
        en: `The new Law leaves the complaint procedure to a new Ministry of Justice circular; until confirmed, the previous time limits apply. ${timeLimitsNote.en}`,
      },
    },
  ],
  sections: [sections.applicant, sections.agency, complained, yourComplaint, late],
  fields,
  schema: buildSchema(fields, refine),
  derive: (answers, { calendar, today }) => {
    const found = lastDayToComplain(answers, calendar);
    if (!found) return {};
    return { lastDayToComplain: found.lastDay, ...(today > found.lastDay ? { lateComplaint: true } : {}) };
  },
  example: {
    fullName: 'Bùi Quang Huy',
    cccd: '079083006512',
    dateOfBirth: '1983-07-08',
    address: 'Số 12 đường Lê Văn Sỹ, phường Nhiêu Lộc, Thành phố Hồ Chí Minh',
    phone: '0938 671 204',
    email: 'quanghuy.bui@example.com',
    applicantRole: 'debtor',
    agency: 'HCM',
    round: 'first',
    subject: 'coercion',
    decisionOrAct: 'Quyết định số 45/QĐ-CCTHADS ngày 02/11/2026 về việc cưỡng chế kê biên quyền sử dụng đất và nhà ở tại số 12 đường Lê Văn Sỹ',
    actDate: '2026-11-02',
    respondentRole: 'officer',
    respondentName: 'Nguyễn Văn Phúc',
    dateLearned: '2026-11-05',
    caseDecisionNumber: '1208/QĐ-THADS',
    whatIsWrong:
      'Ngày 28/10/2026, trước khi có quyết định kê biên, tôi đã nộp 180.000.000 đồng theo biên lai số 0012345; nghĩa vụ còn lại chỉ 20.000.000 đồng. Chấp hành viên vẫn kê biên toàn bộ nhà đất trị giá khoảng 6 tỷ đồng, không tương xứng với nghĩa vụ còn phải thi hành.',
    request: 'Hủy Quyết định số 45/QĐ-CCTHADS và cho tôi nộp số tiền còn lại trong 30 ngày.',
  },
};
