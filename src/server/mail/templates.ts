/** The e-mails a citizen gets about a dossier, in the language the dossier was submitted in. */
import { formatDate, formatVietnamTime, textWithOfficial as officialName } from '../format.ts';
import type { DateISO, Locale, Text } from '../catalog/types.ts';
import { renderHtml, renderText, type Block, type Fact } from './layout.ts';

/** Which dossier event a mail reports. */
export type DossierMailKind =
  | 'submitted'
  /** A complaint or denunciation received: the PIN, and the day by which the agency says whether it accepts it. */
  | 'petition_submitted'
  | 'supplement_received'
  | 'withdrawn'
  | 'received'
  | 'supplement_requested'
  | 'refused'
  | 'result_ready'
  | 'returned'
  | 'rejected'
  | 'apologised'
  /** A stage of a complaint or denunciation (accepted, passed on, being verified, decided …): `stage` says which. */
  | 'stage'
  /** Too many wrong PINs locked the dossier's code for a while (src/server/dossiers/pin-lockout.ts). */
  | 'tracking_locked';

/** Every kind, in the order a dossier usually meets them (for tests and the outbox's operators). */
export const dossierMailKinds: readonly DossierMailKind[] = [
  'submitted',
  'petition_submitted',
  'supplement_requested',
  'supplement_received',
  'received',
  'apologised',
  'result_ready',
  'returned',
  'refused',
  'rejected',
  'withdrawn',
  'stage',
  'tracking_locked',
];

/** How to reach an agency; null where it has not published the detail. */
export interface ContactDetails {
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** Whom the citizen can contact about the dossier; every mail ends with it. */
export interface MailContacts {
  /** The agency handling the dossier. */
  agency: ContactDetails;
  /** For a regional office that lacks a detail: its provincial agency, whose details stand in for the missing ones. */
  parent?: ({ name: Text } & ContactDetails) | undefined;
  /** The portal's help address (HELP_EMAIL), for when the agency cannot be reached otherwise. */
  helpEmail: string;
}

/** What the dossier mails say. */
export interface DossierMailData {
  /** The dossier code, e.g. `01-261123-7KQ4MX`. */
  code: string;
  /** The tracking PIN in clear; required for, and shown only in, the `submitted` mail. */
  pin?: string | undefined;
  procedureName: Text;
  /** The agency's official (Vietnamese) name and its English rendering; English mails show both. */
  agencyName: Text;
  contacts: MailContacts;
  /** Absolute http(s) address of the tracking page with the code filled in. */
  trackingUrl: string;
  /** When the dossier was submitted: a yyyy-mm-dd date, or a timestamp (shown as its date in Vietnam). */
  submittedOn: DateISO | Date;
  /** yyyy-mm-dd the result would be due if the agency accepted the dossier on the day it was submitted. */
  expectedDueDate?: DateISO | undefined;
  /** The time limit in working days, counted from acceptance. */
  timeLimitDays?: number | undefined;
  applicantName: string;
  /**
   * What the staff wrote to the citizen: what is missing (`supplement_requested`), the reasons (`refused`,
   * `rejected`), the reason for the delay (`apologised`), the note with the result (`result_ready`).
   */
  reason?: string | null | undefined;
  /** The day the agency received the dossier (`received`): the time limit counts from the next working day. */
  receivedOn?: DateISO | Date | undefined;
  /** yyyy-mm-dd the result is due (`received`), or was due before an apology (`apologised`). */
  dueDate?: DateISO | undefined;
  /** yyyy-mm-dd of the new result date an apology sets (`apologised`). */
  newDueDate?: DateISO | undefined;
  /** The stage reached (`stage` mails): its wording on the timeline, and what happens next. */
  stage?: { label: Text; nextStep: Text } | undefined;
  /** The survey link, on the mail of an action that invites to the satisfaction survey (`invitesSurvey`). */
  surveyUrl?: string | undefined;
  /** When the lock on the code ends (`tracking_locked`, which requires it). */
  lockedUntil?: Date | undefined;
}

/** A rendered mail, ready for `enqueueMail`. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Everything a template needs, already formatted for display. */
interface View {
  code: string;
  pin: string;
  procedure: string;
  /** The agency's name in the mail's language, for sentences. */
  agency: string;
  /** The name as it identifies the agency: in English mails the English name with the official Vietnamese one. */
  agencyOfficial: string;
  /** The agency's own address, where the citizen collects documents; undefined when not published. */
  agencyAddress: string | undefined;
  url: string;
  submitted: string;
  due: string | undefined;
  days: number | undefined;
  name: string;
  reason: string | undefined;
  received: string | undefined;
  dueDate: string | undefined;
  newDueDate: string | undefined;
  stage: string;
  nextStep: string;
  /** The lock's end, Vietnam time (`tracking_locked`). */
  lockedUntil: string;
}

type Template = (v: View) => { subject: string; blocks: Block[] };

const vi: Record<DossierMailKind, Template> = {
  tracking_locked: (v) => ({
    subject: `Tạm khóa tra cứu hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `Mã PIN nhập sai nhiều lần khi tra cứu hồ sơ ${v.code}, nên việc tra cứu hồ sơ này tạm khóa đến ${v.lockedUntil} (giờ Việt Nam). Trong thời gian này, kể cả mã PIN đúng cũng không mở được hồ sơ. Hồ sơ của ông/bà vẫn được giải quyết bình thường.`,
      },
      { kind: 'facts', items: facts('vi', v) },
      { kind: 'paragraph', text: `Nếu không phải ông/bà nhập sai, có thể người khác đang dò mã PIN: không cung cấp mã PIN cho ai, và báo cho ${v.agency} nếu cần.` },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
  submitted: (v) => ({
    subject: `Đã nhận hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `Cổng dịch vụ công Thi hành án dân sự đã nhận hồ sơ của ông/bà ngày ${v.submitted}. Hồ sơ mới được Cổng tiếp nhận, chưa được cơ quan thi hành án chấp nhận: ${v.agency} sẽ kiểm tra hồ sơ có đầy đủ, hợp lệ hay không. Thời hạn giải quyết được tính từ ngày cơ quan tiếp nhận hồ sơ.`,
      },
      { kind: 'facts', items: [...facts('vi', v), { label: 'Mã PIN tra cứu', value: v.pin }] },
      {
        kind: 'paragraph',
        text: 'Hãy giữ kín mã hồ sơ và mã PIN: cần cả hai để tra cứu hồ sơ, và bất kỳ ai có cả hai đều xem được tình trạng hồ sơ. Không chuyển tiếp thư này cho người khác.',
      },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      {
        kind: 'list',
        heading: 'Các bước tiếp theo:',
        items: [
          `${v.agency} kiểm tra hồ sơ. Nếu hồ sơ đầy đủ, hợp lệ, cơ quan tiếp nhận hồ sơ và ông/bà nhận được thư báo kèm ngày hẹn trả kết quả.`,
          ...timeLimitVi(v),
          'Nếu hồ sơ cần bổ sung, cơ quan thông báo một lần, đầy đủ những nội dung cần bổ sung, qua thư điện tử và trên trang tra cứu.',
          'Nếu hồ sơ không đủ điều kiện tiếp nhận, cơ quan trả lời bằng văn bản và nêu rõ lý do.',
        ],
      },
      { kind: 'paragraph', text: `Nếu ông/bà không nộp hồ sơ này, vui lòng liên hệ ${v.agency}.` },
    ],
  }),
  petition_submitted: (v) => ({
    subject: `Đã nhận đơn ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `Cổng dịch vụ công Thi hành án dân sự đã nhận đơn của ông/bà ngày ${v.submitted}, gửi ${v.agency}.` },
      { kind: 'facts', items: [...facts('vi', v), { label: 'Mã PIN tra cứu', value: v.pin }] },
      {
        kind: 'paragraph',
        text: 'Hãy giữ kín mã hồ sơ và mã PIN: cần cả hai để theo dõi đơn. Không chuyển tiếp thư này cho người khác.',
      },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      {
        kind: 'list',
        heading: 'Các bước tiếp theo:',
        items: [
          `${v.agency} xem xét đơn và thông báo bằng văn bản việc thụ lý, hoặc không thụ lý kèm lý do${v.due ? `, chậm nhất ngày ${v.due}` : ''}.`,
          'Mỗi bước giải quyết được thông báo qua thư điện tử và trên trang tra cứu; quyết định, kết luận tải được ở đó.',
        ],
      },
    ],
  }),
  supplement_received: (v) => ({
    subject: `Đã nhận tài liệu bổ sung cho hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `Cổng dịch vụ công Thi hành án dân sự đã nhận tài liệu bổ sung của ông/bà cho hồ sơ ${v.code}. ${v.agency} sẽ xem xét tài liệu bổ sung; ông/bà sẽ nhận được thư thông báo khi hồ sơ có bước xử lý tiếp theo.`,
      },
      { kind: 'facts', items: facts('vi', v) },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      { kind: 'paragraph', text: 'Để tra cứu, ông/bà cần mã hồ sơ và mã PIN đã được gửi trong thư xác nhận nộp hồ sơ.' },
    ],
  }),
  stage: (v) => ({
    subject: `${v.stage} – hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `Hồ sơ ${v.code}: ${v.stage}.` },
      ...reasonBlock('Nội dung:', v),
      { kind: 'facts', items: facts('vi', v) },
      ...(v.dueDate ? [{ kind: 'paragraph', text: `Thời hạn giải quyết: đến hết ngày ${v.dueDate}.` } as Block] : []),
      ...(v.nextStep ? [{ kind: 'paragraph', text: v.nextStep } as Block] : []),
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
  withdrawn: (v) => ({
    subject: `Đã rút hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `Hồ sơ ${v.code} đã được rút theo yêu cầu của ông/bà. ${v.agency} không tiếp tục giải quyết hồ sơ này. Nếu vẫn có nhu cầu, ông/bà có thể nộp hồ sơ mới trên Cổng dịch vụ công.`,
      },
      { kind: 'facts', items: facts('vi', v) },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      { kind: 'paragraph', text: `Nếu ông/bà không yêu cầu rút hồ sơ, hãy liên hệ ngay với ${v.agency}.` },
    ],
  }),
  received: (v) => ({
    subject: `Đã tiếp nhận hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `${v.agency} đã tiếp nhận hồ sơ ${v.code} của ông/bà${v.received ? ` ngày ${v.received}` : ''}. Hồ sơ đầy đủ, hợp lệ và đang được giải quyết.`,
      },
      {
        kind: 'facts',
        items: [
          ...facts('vi', v),
          ...(v.received ? [{ label: 'Ngày tiếp nhận', value: v.received }] : []),
          ...(v.days !== undefined ? [{ label: 'Thời hạn giải quyết', value: `${v.days} ngày làm việc` }] : []),
          ...(v.dueDate ? [{ label: 'Ngày hẹn trả kết quả', value: v.dueDate }] : []),
        ],
      },
      ...(v.days !== undefined
        ? [{ kind: 'paragraph', text: 'Thời hạn được tính theo ngày làm việc kể từ ngày tiếp nhận hồ sơ, không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.' } as const]
        : []),
      { kind: 'paragraph', text: 'Ông/bà không cần làm gì thêm. Ông/bà sẽ nhận được thư thông báo khi có kết quả.' },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
  supplement_requested: (v) => ({
    subject: `Yêu cầu bổ sung hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ ${v.code}.` },
      { kind: 'facts', items: [...facts('vi', v), { label: 'Hạn bổ sung', value: 'Cơ quan không ấn định hạn; hồ sơ chờ đến khi ông/bà bổ sung' }] },
      ...reasonBlock('Nội dung cần bổ sung:', v),
      {
        kind: 'paragraph',
        text: 'Ông/bà nộp tài liệu bổ sung trên trang tra cứu hồ sơ (cần mã hồ sơ và mã PIN). Trong thời gian chờ bổ sung, hồ sơ chưa có ngày hẹn trả kết quả. Thời hạn giải quyết được tính lại từ đầu kể từ ngày hồ sơ được tiếp nhận lại sau khi đã đầy đủ, vì vậy ông/bà bổ sung càng sớm thì càng sớm có kết quả.',
      },
      { kind: 'paragraph', text: 'Nếu không thể bổ sung, ông/bà có thể rút hồ sơ trên trang tra cứu.' },
      { kind: 'link', label: 'Tra cứu và bổ sung hồ sơ', url: v.url },
    ],
  }),
  refused: (v) => ({
    subject: `Từ chối tiếp nhận hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} từ chối tiếp nhận giải quyết hồ sơ ${v.code}.` },
      { kind: 'facts', items: facts('vi', v) },
      ...reasonBlock('Lý do:', v),
      { kind: 'paragraph', text: `Nếu cần giải thích thêm, ông/bà liên hệ ${v.agency}.` },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
  result_ready: (v) => ({
    subject: `Đã có kết quả hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `Hồ sơ ${v.code} đã có kết quả giải quyết.` },
      { kind: 'facts', items: facts('vi', v) },
      ...reasonBlock('Lời nhắn của cơ quan:', v),
      {
        kind: 'paragraph',
        text: v.agencyAddress
          ? `Ông/bà nhận bản chính kết quả tại ${v.agency}, ${v.agencyAddress}, trong giờ làm việc các ngày làm việc. Khi đến nhận, ông/bà mang theo giấy tờ tùy thân và mã hồ sơ ${v.code}.`
          : `Để nhận bản chính kết quả, ông/bà liên hệ ${v.agency} (thông tin liên hệ ở cuối thư) để biết nơi và giờ nhận. Khi đến nhận, ông/bà mang theo giấy tờ tùy thân và mã hồ sơ ${v.code}.`,
      },
      downloadsVi,
      { kind: 'link', label: 'Tra cứu hồ sơ và tải kết quả', url: v.url },
    ],
  }),
  returned: (v) => ({
    subject: `Đã trả kết quả hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} đã trả kết quả giải quyết hồ sơ ${v.code}. Hồ sơ đã kết thúc.` },
      { kind: 'facts', items: facts('vi', v) },
      downloadsVi,
      { kind: 'link', label: 'Tra cứu hồ sơ và tải kết quả', url: v.url },
      {
        kind: 'paragraph',
        text: `Nếu ông/bà chưa nhận được bản chính kết quả, hãy liên hệ ngay với ${v.agency}${v.agencyAddress ? `, ${v.agencyAddress}` : ''}.`,
      },
    ],
  }),
  rejected: (v) => ({
    subject: `Hồ sơ ${v.code} không được giải quyết: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `Sau khi xem xét, ${v.agency} không giải quyết hồ sơ ${v.code}.` },
      { kind: 'facts', items: facts('vi', v) },
      ...reasonBlock('Lý do:', v),
      { kind: 'paragraph', text: `Nếu cần giải thích thêm, ông/bà liên hệ ${v.agency}.` },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
  apologised: (v) => ({
    subject: `Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `${v.agency} chân thành xin lỗi ông/bà: hồ sơ ${v.code} không thể giải quyết xong${v.dueDate ? ` đúng ngày hẹn ${v.dueDate}` : ' đúng ngày hẹn'}.`,
      },
      {
        kind: 'facts',
        items: [
          ...facts('vi', v),
          ...(v.dueDate ? [{ label: 'Ngày hẹn trước đây', value: v.dueDate }] : []),
          ...(v.newDueDate ? [{ label: 'Ngày hẹn trả kết quả mới', value: v.newDueDate }] : []),
        ],
      },
      ...reasonBlock('Lý do:', v),
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
    ],
  }),
};

const en: Record<DossierMailKind, Template> = {
  tracking_locked: (v) => ({
    subject: `Tracking locked for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `A wrong PIN was entered several times to track application ${v.code}, so tracking it is locked until ${v.lockedUntil} (Vietnam time). Until then even the right PIN does not open it. Your application is still being handled as usual.`,
      },
      { kind: 'facts', items: facts('en', v) },
      { kind: 'paragraph', text: `If it was not you, someone may be guessing your PIN: do not give your PIN to anyone, and tell ${v.agency} if you need to.` },
      { kind: 'link', label: 'Track your application', url: v.url },
    ],
  }),
  submitted: (v) => ({
    subject: `Application ${v.code} received: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `The Civil Judgment Enforcement Public Service Portal received your application on ${v.submitted}. The portal has received it, but the agency has not accepted it yet: ${v.agency} will check that it is complete and valid. The time limit runs from the day the agency accepts the application.`,
      },
      { kind: 'facts', items: [...facts('en', v), { label: 'Tracking PIN', value: v.pin }] },
      {
        kind: 'paragraph',
        text: 'Keep the dossier code and PIN private: you need both to track your application, and anyone who has both can see its status. Do not forward this e-mail.',
      },
      { kind: 'link', label: 'Track your application', url: v.url },
      {
        kind: 'list',
        heading: 'What happens next:',
        items: [
          `${v.agency} checks your application. If it is complete and valid, the agency accepts it and you get an e-mail with the date your result is due.`,
          ...timeLimitEn(v),
          'If anything is missing, the agency tells you once, in full, what to add, by e-mail and on the tracking page.',
          'If the application cannot be accepted, the agency tells you in writing, with the reasons.',
        ],
      },
      { kind: 'paragraph', text: `If you did not submit this application, please contact ${v.agency}.` },
    ],
  }),
  petition_submitted: (v) => ({
    subject: `Received ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `The Civil Judgment Enforcement Public Service Portal received your petition on ${v.submitted}, for ${v.agency}.` },
      { kind: 'facts', items: [...facts('en', v), { label: 'Tracking PIN', value: v.pin }] },
      { kind: 'paragraph', text: 'Keep the dossier code and PIN private: you need both to follow your petition. Do not forward this e-mail.' },
      { kind: 'link', label: 'Track your dossier', url: v.url },
      {
        kind: 'list',
        heading: 'What happens next:',
        items: [
          `${v.agency} reviews it and tells you in writing whether it accepts it, with the reasons if not${v.due ? `, by ${v.due} at the latest` : ''}.`,
          'Each step is e-mailed to you and shown on the tracking page, where the decision or conclusion can be downloaded.',
        ],
      },
    ],
  }),
  supplement_received: (v) => ({
    subject: `Additional documents received for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `The Civil Judgment Enforcement Public Service Portal received the additional documents you sent for application ${v.code}. ${v.agency} will review them; you will get an e-mail when your application moves to its next step.`,
      },
      { kind: 'facts', items: facts('en', v) },
      { kind: 'link', label: 'Track your application', url: v.url },
      { kind: 'paragraph', text: 'To track it, you need the dossier code and the PIN from the e-mail confirming your submission.' },
    ],
  }),
  stage: (v) => ({
    subject: `${v.stage} – dossier ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `Dossier ${v.code}: ${v.stage}.` },
      ...reasonBlock('Details:', v),
      { kind: 'facts', items: facts('en', v) },
      ...(v.dueDate ? [{ kind: 'paragraph', text: `Time limit: by the end of ${v.dueDate}.` } as Block] : []),
      ...(v.nextStep ? [{ kind: 'paragraph', text: v.nextStep } as Block] : []),
      { kind: 'link', label: 'Track your dossier', url: v.url },
    ],
  }),
  withdrawn: (v) => ({
    subject: `Application ${v.code} withdrawn: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `Application ${v.code} has been withdrawn at your request. ${v.agency} will not handle it any further. If you still need to, you can submit a new application on the portal.`,
      },
      { kind: 'facts', items: facts('en', v) },
      { kind: 'link', label: 'Track your application', url: v.url },
      { kind: 'paragraph', text: `If you did not ask to withdraw this application, contact ${v.agency} at once.` },
    ],
  }),
  received: (v) => ({
    subject: `Application ${v.code} accepted: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `${v.agency} accepted your application ${v.code}${v.received ? ` on ${v.received}` : ''}. It is complete and valid, and is now being handled.`,
      },
      {
        kind: 'facts',
        items: [
          ...facts('en', v),
          ...(v.received ? [{ label: 'Accepted on', value: v.received }] : []),
          ...(v.days !== undefined ? [{ label: 'Time limit', value: `${v.days} working days` }] : []),
          ...(v.dueDate ? [{ label: 'Result due by', value: v.dueDate }] : []),
        ],
      },
      ...(v.days !== undefined
        ? [{ kind: 'paragraph', text: 'The time limit counts working days from the day the application was accepted, leaving out Saturdays, Sundays and public holidays.' } as const]
        : []),
      { kind: 'paragraph', text: 'You do not need to do anything. You will get an e-mail when the result is ready.' },
      { kind: 'link', label: 'Track your application', url: v.url },
    ],
  }),
  supplement_requested: (v) => ({
    subject: `More documents needed for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} needs more documents to complete your application ${v.code}.` },
      { kind: 'facts', items: [...facts('en', v), { label: 'Send them by', value: 'No deadline is set; your application waits until you send them' }] },
      ...reasonBlock('What is needed:', v),
      {
        kind: 'paragraph',
        text: 'Send them on the tracking page (you need the dossier code and PIN). Until then, your application has no result date. The time limit starts again from zero when the completed application is accepted, so the sooner you send them, the sooner you get the result.',
      },
      { kind: 'paragraph', text: 'If you cannot provide them, you can withdraw the application on the tracking page.' },
      { kind: 'link', label: 'Track your application and send documents', url: v.url },
    ],
  }),
  refused: (v) => ({
    subject: `Application ${v.code} refused: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} cannot accept your application ${v.code}.` },
      { kind: 'facts', items: facts('en', v) },
      ...reasonBlock('Reasons:', v),
      { kind: 'paragraph', text: `If you need more explanation, contact ${v.agency}.` },
      { kind: 'link', label: 'Track your application', url: v.url },
    ],
  }),
  result_ready: (v) => ({
    subject: `Result ready for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `The result of your application ${v.code} is ready.` },
      { kind: 'facts', items: facts('en', v) },
      ...reasonBlock('A note from the agency:', v),
      {
        kind: 'paragraph',
        text: v.agencyAddress
          ? `Collect the original from ${v.agency}, ${v.agencyAddress}, during office hours on a working day. Bring an identity document and your dossier code, ${v.code}.`
          : `To collect the original, contact ${v.agency} (details at the end of this e-mail) to ask where and when. Bring an identity document and your dossier code, ${v.code}.`,
      },
      downloadsEn,
      { kind: 'link', label: 'Track your application and download the result', url: v.url },
    ],
  }),
  returned: (v) => ({
    subject: `Result returned for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} has returned the result of your application ${v.code}. The application is closed.` },
      { kind: 'facts', items: facts('en', v) },
      downloadsEn,
      { kind: 'link', label: 'Track your application and download the result', url: v.url },
      {
        kind: 'paragraph',
        text: `If you have not received the original, contact ${v.agency}${v.agencyAddress ? `, ${v.agencyAddress},` : ''} at once.`,
      },
    ],
  }),
  rejected: (v) => ({
    subject: `Application ${v.code} rejected: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `After reviewing it, ${v.agency} will not grant your application ${v.code}.` },
      { kind: 'facts', items: facts('en', v) },
      ...reasonBlock('Reasons:', v),
      { kind: 'paragraph', text: `If you need more explanation, contact ${v.agency}.` },
      { kind: 'link', label: 'Track your application', url: v.url },
    ],
  }),
  apologised: (v) => ({
    subject: `Apology and new result date for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      {
        kind: 'paragraph',
        text: `${v.agency} apologises: your application ${v.code} cannot be completed by ${v.dueDate ? `the date set, ${v.dueDate}` : 'the date set'}.`,
      },
      {
        kind: 'facts',
        items: [
          ...facts('en', v),
          ...(v.dueDate ? [{ label: 'Previous result date', value: v.dueDate }] : []),
          ...(v.newDueDate ? [{ label: 'New result date', value: v.newDueDate }] : []),
        ],
      },
      ...reasonBlock('Reason:', v),
      { kind: 'link', label: 'Track your application', url: v.url },
    ],
  }),
};

/** The staff's own words under a heading, one paragraph per line they wrote (verbatim; escaped in HTML like every value). */
function reasonBlock(heading: string, v: View): Block[] {
  if (!v.reason) return [];
  const lines = v.reason.split(/\s*[\r\n]+\s*/).filter((line) => line !== '');
  return [{ kind: 'paragraph', text: heading }, ...lines.map((text): Block => ({ kind: 'paragraph', text }))];
}

// The PIN stays out of every mail but the first: the page asks for it, so a forwarded result mail opens nothing.
const downloadsVi: Block = {
  kind: 'paragraph',
  text: 'Tệp kết quả và các văn bản cơ quan đã gửi ông/bà về hồ sơ này (giấy tiếp nhận, yêu cầu bổ sung, thư xin lỗi…) tải được trên trang tra cứu hồ sơ, bằng mã hồ sơ và mã PIN đã gửi trong thư xác nhận nộp hồ sơ.',
};
const downloadsEn: Block = {
  kind: 'paragraph',
  text: 'The result file and the notices the agency sent you about this application (receipt, request for documents, apology…) can be downloaded from the tracking page, with the dossier code and the PIN from the e-mail confirming your submission.',
};

/** The invitation to the satisfaction survey, after the mail's own content. */
const surveyInvitation: Record<Locale, (url: string) => Block[]> = {
  vi: (url) => [
    {
      kind: 'paragraph',
      text: 'Xin ông/bà dành khoảng 3 phút đánh giá mức độ hài lòng về việc giải quyết hồ sơ. Phiếu không hỏi thông tin cá nhân; ý kiến của ông/bà giúp cơ quan phục vụ tốt hơn. Đường dẫn dùng được một lần, trong 30 ngày.',
    },
    { kind: 'link', label: 'Đánh giá mức độ hài lòng', url },
  ],
  en: (url) => [
    {
      kind: 'paragraph',
      text: 'Please take about 3 minutes to tell us how satisfied you are with how your dossier was handled. The survey asks for no personal details; your answers help the agency serve people better. The link works once, for 30 days.',
    },
    { kind: 'link', label: 'Rate how your dossier was handled', url },
  ],
};

const portalName: Record<Locale, string> = {
  vi: 'Cổng dịch vụ công Thi hành án dân sự',
  en: 'Civil Judgment Enforcement Public Service Portal',
};

const signature: Record<Locale, Block> = {
  vi: { kind: 'paragraph', text: 'Cổng dịch vụ công Thi hành án dân sự. Đây là thư gửi tự động, vui lòng không trả lời thư này.' },
  en: {
    kind: 'paragraph',
    text: 'Civil Judgment Enforcement Public Service Portal. This message was sent automatically; please do not reply to it.',
  },
};

const contactLabels = {
  vi: { address: 'Địa chỉ', phone: 'Điện thoại', email: 'Thư điện tử', help: 'Hỗ trợ sử dụng Cổng' },
  en: { address: 'Address', phone: 'Phone', email: 'Email', help: 'Help with the portal' },
};

/** The details an agency published, as facts; phone and e-mail as links. */
function contactFacts(locale: Locale, c: ContactDetails): Fact[] {
  const l = contactLabels[locale];
  return [
    ...(c.address ? [{ label: l.address, value: c.address }] : []),
    ...(c.phone ? [{ label: l.phone, value: c.phone, href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }] : []),
    ...(c.email ? [{ label: l.email, value: c.email, href: `mailto:${c.email}` }] : []),
  ];
}


/**
 * The footer of every mail: the agency's published details; for a regional office missing some, its provincial
 * agency's; when neither has a phone or an e-mail address, a word that the portal's help address is the way in;
 * then the help address and the signature.
 */
function contactFooter(locale: Locale, agencyName: Text, contacts: MailContacts): Block[] {
  const own = contactFacts(locale, contacts.agency);
  const complete = Boolean(contacts.agency.address && contacts.agency.phone && contacts.agency.email);
  const parent = !complete && contacts.parent ? contactFacts(locale, contacts.parent) : [];
  const reachable = [contacts.agency, ...(parent.length && contacts.parent ? [contacts.parent] : [])].some((c) => c.phone || c.email);
  const name = officialName(locale, agencyName);
  const blocks: Block[] = [];
  if (locale === 'vi') {
    blocks.push(own.length ? { kind: 'facts', heading: `Liên hệ ${name}:`, items: own } : { kind: 'paragraph', text: `${name} chưa công bố thông tin liên hệ trên Cổng.` });
    if (parent.length) {
      blocks.push({ kind: 'facts', heading: `${own.length ? 'Về thông tin còn thiếu, ông/bà' : 'Ông/bà có thể'} liên hệ cơ quan cấp tỉnh, ${officialName(locale, contacts.parent!.name)}:`, items: parent });
    }
    if (!reachable) blocks.push({ kind: 'paragraph', text: 'Cơ quan chưa công bố số điện thoại và thư điện tử; nếu cần hỏi, ông/bà viết thư cho bộ phận hỗ trợ của Cổng.' });
  } else {
    blocks.push(own.length ? { kind: 'facts', heading: `Contact ${name}:`, items: own } : { kind: 'paragraph', text: `${name} has not published its contact details on the portal yet.` });
    if (parent.length) {
      blocks.push({ kind: 'facts', heading: `${own.length ? 'For what is missing, contact' : 'You can contact'} the provincial agency, ${officialName(locale, contacts.parent!.name)}:`, items: parent });
    }
    if (!reachable) blocks.push({ kind: 'paragraph', text: 'The agency has not published a phone number or an e-mail address yet; if you have a question, write to the portal’s help desk.' });
  }
  blocks.push({ kind: 'facts', items: [{ label: contactLabels[locale].help, value: contacts.helpEmail, href: `mailto:${contacts.helpEmail}` }] });
  blocks.push(signature[locale]);
  return blocks;
}

/** The facts every dossier mail repeats, so each mail identifies its dossier on its own. */
function facts(locale: Locale, v: View): { label: string; value: string }[] {
  const labels = {
    vi: ['Mã hồ sơ', 'Thủ tục', 'Cơ quan thi hành án', 'Ngày nộp'],
    en: ['Dossier code', 'Procedure', 'Enforcement agency', 'Submitted on'],
  }[locale];
  return [v.code, v.procedure, v.agencyOfficial, v.submitted].map((value, i) => ({ label: labels[i]!, value }));
}

function timeLimitVi(v: View): string[] {
  const due = v.due ? `nếu hồ sơ được tiếp nhận ngày ${v.submitted}, ngày hẹn trả kết quả dự kiến là ${v.due}` : undefined;
  if (v.days !== undefined) {
    return [`Thời hạn giải quyết là ${v.days} ngày làm việc kể từ ngày hồ sơ được tiếp nhận${due ? `; ${due}` : ''}.`];
  }
  return due ? [`${due[0]!.toUpperCase()}${due.slice(1)}.`] : [];
}

function timeLimitEn(v: View): string[] {
  const due = v.due ? `if it is accepted on ${v.submitted}, the result is expected by ${v.due}` : undefined;
  if (v.days !== undefined) {
    return [`The time limit is ${v.days} working days from the day the application is accepted${due ? `; ${due}` : ''}.`];
  }
  return due ? [`${due[0]!.toUpperCase()}${due.slice(1)}.`] : [];
}

/** Vietnam has been on UTC+7 without daylight saving since 1975. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** A date as yyyy-mm-dd: kept when it already is one, else the calendar day in Vietnam of the given instant. */
function vietnamDate(value: DateISO | Date): DateISO {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not a date: ${String(value)}`);
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The mail about a dossier event, in the citizen's language: subject, a complete text part, and an HTML part in
 * which every value is escaped. Throws when a `submitted` mail has no PIN, a `tracking_locked` mail no end of the lock, or the tracking URL is not absolute http(s).
 */
export function renderDossierMail(kind: DossierMailKind, locale: Locale, data: DossierMailData): RenderedMail {
  const firstMail = kind === 'submitted' || kind === 'petition_submitted';
  if (firstMail && !data.pin) throw new Error('The submission mail needs the tracking PIN');
  if (kind === 'tracking_locked' && !data.lockedUntil) throw new Error('The lock mail needs the end of the lock');
  if (!/^https?:\/\//i.test(data.trackingUrl)) throw new Error(`The tracking URL must be absolute: ${data.trackingUrl}`);
  const view: View = {
    code: data.code,
    // Only the submission mail carries the PIN; the others never see it, even when a caller passes it.
    pin: firstMail ? data.pin! : '',
    procedure: data.procedureName[locale],
    agency: data.agencyName[locale],
    agencyOfficial: officialName(locale, data.agencyName),
    agencyAddress: data.contacts.agency.address ?? undefined,
    url: data.trackingUrl,
    submitted: formatDate(vietnamDate(data.submittedOn)),
    due: data.expectedDueDate ? formatDate(vietnamDate(data.expectedDueDate)) : undefined,
    days: data.timeLimitDays,
    name: data.applicantName,
    reason: data.reason?.trim() || undefined,
    received: data.receivedOn ? formatDate(vietnamDate(data.receivedOn)) : undefined,
    dueDate: data.dueDate ? formatDate(vietnamDate(data.dueDate)) : undefined,
    newDueDate: data.newDueDate ? formatDate(vietnamDate(data.newDueDate)) : undefined,
    stage: data.stage?.label[locale] ?? '',
    nextStep: data.stage?.nextStep[locale] ?? '',
    lockedUntil: data.lockedUntil ? formatVietnamTime(data.lockedUntil) : '',
  };
  const { subject, blocks: own } = (locale === 'en' ? en : vi)[kind](view);
  const blocks = data.surveyUrl ? [...own, ...surveyInvitation[locale](data.surveyUrl)] : own;
  // A line break in a subject would be folded into the header; names and codes never need one.
  const oneLine = subject.replace(/[\r\n]+/g, ' ');
  const content = { portalName: portalName[locale], body: blocks, footer: contactFooter(locale, data.agencyName, data.contacts) };
  return { subject: oneLine, text: renderText(content), html: renderHtml(content, locale, oneLine) };
}
