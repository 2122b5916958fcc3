/** TC — Tố cáo: report unlawful conduct by the head, an officer or another official of an enforcement agency. */
import { agencyField, buildSchema, identityFields, sections } from './fields.ts';
import { cite, instruments, law2025, NEW_REGIME_FROM } from './rules.ts';
import { applicationDocument, noFee } from './shared.ts';
import type { FieldDef, Procedure, Text } from './types.ts';

const accused = { id: 'accused', title: { vi: 'Người bị tố cáo', en: 'The person you are reporting' } };
const conduct = { id: 'conduct', title: { vi: 'Hành vi bị tố cáo', en: 'What they did' } };
const declaration = { id: 'declaration', title: { vi: 'Cam kết của người tố cáo', en: 'Your declaration' } };

// No role and no representative: a denunciation is made by the citizen in their own name.
const fields: FieldDef[] = [
  ...identityFields(),
  agencyField({
    vi: 'Cơ quan thi hành án nơi người bị tố cáo công tác; nếu việc giải quyết thuộc cấp trên, hồ sơ sẽ được chuyển đến cơ quan có thẩm quyền',
    en: 'The agency where the person you report works; if a higher level must handle it, your report is passed on to it',
  }),
  { name: 'accusedName', kind: 'text', section: accused.id, required: true, maxLength: 100,
    label: { vi: 'Họ và tên người bị tố cáo', en: 'Name of the person you are reporting' } },
  { name: 'accusedPosition', kind: 'radios', section: accused.id, required: true,
    label: { vi: 'Chức vụ của người bị tố cáo', en: 'Their position' },
    options: [
      { value: 'head', label: { vi: 'Thủ trưởng cơ quan thi hành án dân sự', en: 'Head of the enforcement agency' } },
      { value: 'officer', label: { vi: 'Chấp hành viên', en: 'Enforcement officer' } },
      { value: 'otherOfficial',
        label: { vi: 'Công chức, người lao động khác của cơ quan thi hành án dân sự', en: 'Another official or employee of the enforcement agency' } },
    ] },
  { name: 'accusedWorkplace', kind: 'text', section: accused.id, required: false,
    label: { vi: 'Nơi công tác', en: 'Where they work' },
    hint: { vi: 'Ví dụ: Phòng Thi hành án dân sự khu vực 2 – Đà Nẵng', en: 'For example: Phòng Thi hành án dân sự khu vực 2 – Đà Nẵng' } },
  { name: 'conduct', kind: 'textarea', section: conduct.id, required: true,
    label: { vi: 'Hành vi vi phạm pháp luật bị tố cáo', en: 'The unlawful conduct' },
    hint: {
      vi: 'Nêu rõ người đó đã làm gì, khi nào, ở đâu, và ai khác biết sự việc',
      en: 'Say what the person did, when and where, and who else knows about it',
    } },
  { name: 'conductDate', kind: 'date', section: conduct.id, required: false,
    label: { vi: 'Ngày xảy ra hành vi', en: 'Date it happened' },
    hint: { vi: 'Nếu bạn nhớ', en: 'If you remember' } },
  { name: 'evidence', kind: 'textarea', section: conduct.id, required: false, maxLength: 2000,
    label: { vi: 'Tài liệu, chứng cứ, người làm chứng', en: 'Documents, evidence and witnesses' },
    hint: { vi: 'Liệt kê những gì bạn gửi kèm hoặc có thể cung cấp', en: 'List what you attach or can provide' } },
  { name: 'protection', kind: 'checkboxes', section: declaration.id, required: false,
    label: { vi: 'Bảo vệ người tố cáo', en: 'Protection' },
    options: [
      { value: 'requested',
        label: {
          vi: 'Tôi đề nghị được áp dụng biện pháp bảo vệ người tố cáo (chống trù dập, trả thù)',
          en: 'I ask for protection as a denouncer (against reprisals)',
        } },
    ] },
  { name: 'declaration', kind: 'checkboxes', section: declaration.id, required: true,
    label: { vi: 'Cam kết', en: 'Declaration' },
    options: [
      { value: 'understood',
        label: {
          vi: 'Tôi hiểu rằng họ tên, địa chỉ, bút tích của tôi được giữ bí mật; tôi cam kết tố cáo trung thực và chịu trách nhiệm trước pháp luật nếu cố ý tố cáo sai sự thật.',
          en: 'I understand that my name, address and handwriting are kept confidential; I confirm that what I report is true, and that I am answerable under the law for a deliberately false denunciation.',
        } },
    ] },
];

const countedFrom: Text = {
  vi: 'kể từ ngày nhận được đơn tố cáo (thời hạn thụ lý)',
  en: 'from the day the denunciation is received (the time limit to accept it)',
};

const timeLimitsNote: Text = {
  vi: 'Thời hạn thụ lý có thể kéo dài đến 10 ngày làm việc nếu cần kiểm tra, xác minh. Người tố cáo được thông báo việc thụ lý, và người bị tố cáo được thông báo nội dung tố cáo (không kèm thông tin về người tố cáo), trong 5 ngày làm việc. Thời hạn giải quyết: 60 ngày kể từ ngày thụ lý, vụ việc phức tạp đến 90 ngày (Luật Tố cáo 2018: 30 ngày, gia hạn một hoặc hai lần, mỗi lần 30 ngày). Kết luận được công khai trong 7 ngày làm việc, không kèm thông tin về người tố cáo.',
  en: 'Acceptance may take up to 10 working days if checks are needed. Within 5 working days the denouncer is told of the acceptance, and the person reported is told the content of the report (never who made it). Time to resolve: 60 days from acceptance, up to 90 for complex cases (the Law on Denunciations 2018: 30 days, extendable once or twice by 30 days). The conclusion is published within 7 working days, without the denouncer’s identity.',
};

/** A denunciation. */
export const denunciation: Procedure = {
  code: 'TC',
  slug: { vi: 'to-cao', en: 'denunciation' },
  kind: 'denunciation',
  name: { vi: 'Tố cáo trong thi hành án dân sự', en: 'Report unlawful conduct in civil judgment enforcement (denunciation)' },
  summary: {
    vi: 'Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của Thủ trưởng, Chấp hành viên hoặc công chức khác của cơ quan thi hành án dân sự. Họ tên, địa chỉ và bút tích của người tố cáo được giữ bí mật.',
    en: 'Report unlawful conduct by the head, an enforcement officer or another official of an enforcement agency. Your name, address and handwriting are kept confidential.',
  },
  whoMaySubmit: [
    { vi: 'Mọi công dân', en: 'Any citizen' },
    {
      vi: 'Người tố cáo phải ghi rõ họ tên, địa chỉ; đơn không rõ họ tên, địa chỉ không được xử lý như một tố cáo',
      en: 'You must give your name and address: a report without them is not handled as a denunciation',
    },
  ],
  documents: [
    applicationDocument({ vi: 'Đơn tố cáo (điền trên cổng này)', en: 'The denunciation (this online form)' }),
    { id: 'evidence', required: false,
      name: { vi: 'Tài liệu, chứng cứ về hành vi bị tố cáo', en: 'Documents or evidence of the conduct reported' },
      when: { vi: 'Nếu bạn có', en: 'If you have any' } },
  ],
  fee: noFee,
  result: {
    vi: 'Kết luận nội dung tố cáo (tố cáo đúng, đúng một phần hoặc sai sự thật); bạn được thông báo kết quả giải quyết.',
    en: 'A written conclusion on the report (true, partly true, or false); you are told the outcome.',
  },
  resultSignedBy: 'head',
  steps: [
    {
      vi: 'Ghi lại rõ hành vi vi phạm: ai, làm gì, khi nào, ở đâu; chuẩn bị tài liệu, chứng cứ nếu có.',
      en: 'Write down the conduct clearly: who, what, when and where; gather any documents or evidence.',
    },
    {
      vi: 'Điền đơn tố cáo trên cổng này với họ tên, địa chỉ thật của bạn.',
      en: 'Fill in the denunciation on this portal with your real name and address.',
    },
    {
      vi: 'Nhận mã hồ sơ; cơ quan có thẩm quyền thông báo cho bạn việc thụ lý hoặc không thụ lý tố cáo.',
      en: 'Get your dossier code; the competent authority tells you whether it accepts the denunciation.',
    },
    {
      vi: 'Theo dõi tiến độ bằng mã hồ sơ. Chỉ người được giao giải quyết tố cáo được xem thông tin về bạn.',
      en: 'Follow progress with your dossier code. Only the people handling the case can see who you are.',
    },
    { vi: 'Nhận thông báo kết quả giải quyết tố cáo.', en: 'Receive the outcome of your denunciation.' },
  ],
  rules: [
    {
      effectiveFrom: '2022-02-13',
      timeLimit: { days: 7, unit: 'working', countedFrom },
      legalBasis: [
        cite('Điều 140–161 Luật Thi hành án dân sự 2008', 'Arts. 140–161, Law on Civil Judgment Enforcement 2008', instruments.law2008),
        cite('Luật Tố cáo 2018', 'Law on Denunciations 2018', instruments.denunciationLaw),
        cite('Thông tư 13/2021/TT-BTP', 'Circular 13/2021/TT-BTP', instruments.circular13),
      ],
      note: timeLimitsNote,
    },
    {
      effectiveFrom: NEW_REGIME_FROM,
      timeLimit: {
        days: 7,
        unit: 'working',
        countedFrom,
        unconfirmed: {
          vi: 'Thời hạn 7 ngày làm việc giữ như Thông tư 13/2021/TT-BTP; chưa tìm được văn bản hướng dẫn thủ tục này theo Luật số 106/2025/QH15.',
          en: 'The 7 working days are kept from Circular 13/2021/TT-BTP; no text guiding this procedure under Law No. 106/2025/QH15 was found.',
        },
      },
      legalBasis: [law2025, cite('Luật Tố cáo 2018', 'Law on Denunciations 2018', instruments.denunciationLaw)],
      note: {
        vi: `Thủ tục theo luật mới chờ thông tư mới của Bộ Tư pháp; cho đến khi được xác nhận, áp dụng các thời hạn trước đây. ${timeLimitsNote.vi}`,
        en: `The procedure under the new Law awaits a new Ministry of Justice circular; until confirmed, the previous time limits apply. ${timeLimitsNote.en}`,
      },
    },
  ],
  sections: [sections.applicant, sections.agency, accused, conduct, declaration],
  fields,
  schema: buildSchema(fields),
  example: {
    fullName: 'Ngô Thị Thu Hà',
    cccd: '048190007246',
    dateOfBirth: '1990-12-03',
    address: 'Số 31 đường Phan Châu Trinh, phường Hải Châu, thành phố Đà Nẵng',
    phone: '0796 334 158',
    email: 'thuha.ngo@example.com',
    agency: 'DNG',
    accusedName: 'Phan Văn Lợi',
    accusedPosition: 'officer',
    accusedWorkplace: 'Phòng Thi hành án dân sự khu vực 2 – Đà Nẵng',
    conduct:
      'Ngày 14/10/2026, tại trụ sở Phòng Thi hành án dân sự khu vực 2, ông Phan Văn Lợi đòi tôi đưa 20.000.000 đồng để “đẩy nhanh” việc chi trả tiền thi hành án cho tôi; khi tôi từ chối, ông nói hồ sơ của tôi sẽ “phải chờ lâu”.',
    conductDate: '2026-10-14',
    evidence: 'Bản ghi âm cuộc nói chuyện ngày 14/10/2026; tin nhắn ông Lợi gửi tôi qua Zalo ngày 15/10/2026.',
    protection: 'requested',
    declaration: 'understood',
  },
};
