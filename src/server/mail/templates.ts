/** The e-mails a citizen gets about a dossier, in the language the dossier was submitted in. */
import { formatDate } from '../format.ts';
import type { DateISO, Locale, Text } from '../catalog/types.ts';
import { renderHtml, renderText, type Block } from './layout.ts';

/** Which dossier event a mail reports. */
export type DossierMailKind =
  | 'submitted'
  | 'supplement_received'
  | 'withdrawn'
  | 'received'
  | 'supplement_requested'
  | 'refused'
  | 'result_ready'
  | 'returned'
  | 'rejected'
  | 'apologised';

/** Every kind, in the order a dossier usually meets them (for tests and the outbox's operators). */
export const dossierMailKinds: readonly DossierMailKind[] = [
  'submitted',
  'supplement_requested',
  'supplement_received',
  'received',
  'apologised',
  'result_ready',
  'returned',
  'refused',
  'rejected',
  'withdrawn',
];

/** What the dossier mails say. */
export interface DossierMailData {
  /** The dossier code, e.g. `01-261123-7KQ4MX`. */
  code: string;
  /** The tracking PIN in clear; required for, and shown only in, the `submitted` mail. */
  pin?: string | undefined;
  procedureName: Text;
  agencyName: Text;
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
   * `rejected`), the reason for the delay (`apologised`).
   */
  reason?: string | null | undefined;
  /** The day the agency received the dossier (`received`): the time limit counts from the next working day. */
  receivedOn?: DateISO | Date | undefined;
  /** yyyy-mm-dd the result is due (`received`), or was due before an apology (`apologised`). */
  dueDate?: DateISO | undefined;
  /** yyyy-mm-dd of the new result date an apology sets (`apologised`). */
  newDueDate?: DateISO | undefined;
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
  agency: string;
  url: string;
  submitted: string;
  due: string | undefined;
  days: number | undefined;
  name: string;
  reason: string | undefined;
  received: string | undefined;
  dueDate: string | undefined;
  newDueDate: string | undefined;
}

type Template = (v: View) => { subject: string; blocks: Block[] };

const vi: Record<DossierMailKind, Template> = {
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
      signatureVi,
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
      signatureVi,
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
      signatureVi,
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
      signatureVi,
    ],
  }),
  supplement_requested: (v) => ({
    subject: `Yêu cầu bổ sung hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ ${v.code}.` },
      { kind: 'facts', items: facts('vi', v) },
      ...reasonBlock('Nội dung cần bổ sung:', v),
      {
        kind: 'paragraph',
        text: 'Ông/bà nộp tài liệu bổ sung trên trang tra cứu hồ sơ (cần mã hồ sơ và mã PIN). Thời hạn giải quyết được tính lại từ đầu kể từ ngày hồ sơ được tiếp nhận lại sau khi đã đầy đủ.',
      },
      { kind: 'link', label: 'Tra cứu và bổ sung hồ sơ', url: v.url },
      signatureVi,
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
      signatureVi,
    ],
  }),
  result_ready: (v) => ({
    subject: `Đã có kết quả hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      {
        kind: 'paragraph',
        text: `Hồ sơ ${v.code} đã có kết quả giải quyết. ${v.agency} sẽ liên hệ để trả kết quả cho ông/bà.`,
      },
      { kind: 'facts', items: facts('vi', v) },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      signatureVi,
    ],
  }),
  returned: (v) => ({
    subject: `Đã trả kết quả hồ sơ ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Kính gửi ông/bà ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} đã trả kết quả giải quyết hồ sơ ${v.code}. Hồ sơ đã kết thúc.` },
      { kind: 'facts', items: facts('vi', v) },
      { kind: 'link', label: 'Tra cứu hồ sơ', url: v.url },
      { kind: 'paragraph', text: `Nếu ông/bà chưa nhận được kết quả, hãy liên hệ ngay với ${v.agency}.` },
      signatureVi,
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
      signatureVi,
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
      signatureVi,
    ],
  }),
};

const en: Record<DossierMailKind, Template> = {
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
      signatureEn,
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
      signatureEn,
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
      signatureEn,
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
      signatureEn,
    ],
  }),
  supplement_requested: (v) => ({
    subject: `More documents needed for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} needs more documents to complete your application ${v.code}.` },
      { kind: 'facts', items: facts('en', v) },
      ...reasonBlock('What is needed:', v),
      {
        kind: 'paragraph',
        text: 'Send them on the tracking page (you need the dossier code and PIN). The time limit starts again from zero when the completed application is accepted.',
      },
      { kind: 'link', label: 'Track your application and send documents', url: v.url },
      signatureEn,
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
      signatureEn,
    ],
  }),
  result_ready: (v) => ({
    subject: `Result ready for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `The result of your application ${v.code} is ready. ${v.agency} will contact you to hand it over.` },
      { kind: 'facts', items: facts('en', v) },
      { kind: 'link', label: 'Track your application', url: v.url },
      signatureEn,
    ],
  }),
  returned: (v) => ({
    subject: `Result returned for application ${v.code}: ${v.procedure}`,
    blocks: [
      { kind: 'paragraph', text: `Dear ${v.name},` },
      { kind: 'paragraph', text: `${v.agency} has returned the result of your application ${v.code}. The application is closed.` },
      { kind: 'facts', items: facts('en', v) },
      { kind: 'link', label: 'Track your application', url: v.url },
      { kind: 'paragraph', text: `If you have not received the result, contact ${v.agency} at once.` },
      signatureEn,
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
      signatureEn,
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
      signatureEn,
    ],
  }),
};

/** The staff's own words under a heading, one paragraph per line they wrote (verbatim; escaped in HTML like every value). */
function reasonBlock(heading: string, v: View): Block[] {
  if (!v.reason) return [];
  const lines = v.reason.split(/\s*[\r\n]+\s*/).filter((line) => line !== '');
  return [{ kind: 'paragraph', text: heading }, ...lines.map((text): Block => ({ kind: 'paragraph', text }))];
}

const signatureVi: Block = {
  kind: 'paragraph',
  text: 'Cổng dịch vụ công Thi hành án dân sự. Đây là thư gửi tự động, vui lòng không trả lời thư này.',
};
const signatureEn: Block = {
  kind: 'paragraph',
  text: 'Civil Judgment Enforcement Public Service Portal. This message was sent automatically; please do not reply to it.',
};

/** The facts every dossier mail repeats, so each mail identifies its dossier on its own. */
function facts(locale: Locale, v: View): { label: string; value: string }[] {
  const labels = {
    vi: ['Mã hồ sơ', 'Thủ tục', 'Cơ quan thi hành án', 'Ngày nộp'],
    en: ['Dossier code', 'Procedure', 'Enforcement agency', 'Submitted on'],
  }[locale];
  return [v.code, v.procedure, v.agency, v.submitted].map((value, i) => ({ label: labels[i]!, value }));
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
 * which every value is escaped. Throws when a `submitted` mail has no PIN or the tracking URL is not absolute http(s).
 */
export function renderDossierMail(kind: DossierMailKind, locale: Locale, data: DossierMailData): RenderedMail {
  if (kind === 'submitted' && !data.pin) throw new Error('The submission mail needs the tracking PIN');
  if (!/^https?:\/\//i.test(data.trackingUrl)) throw new Error(`The tracking URL must be absolute: ${data.trackingUrl}`);
  const view: View = {
    code: data.code,
    // Only the submission mail carries the PIN; the others never see it, even when a caller passes it.
    pin: kind === 'submitted' ? data.pin! : '',
    procedure: data.procedureName[locale],
    agency: data.agencyName[locale],
    url: data.trackingUrl,
    submitted: formatDate(vietnamDate(data.submittedOn)),
    due: data.expectedDueDate ? formatDate(vietnamDate(data.expectedDueDate)) : undefined,
    days: data.timeLimitDays,
    name: data.applicantName,
    reason: data.reason?.trim() || undefined,
    received: data.receivedOn ? formatDate(vietnamDate(data.receivedOn)) : undefined,
    dueDate: data.dueDate ? formatDate(vietnamDate(data.dueDate)) : undefined,
    newDueDate: data.newDueDate ? formatDate(vietnamDate(data.newDueDate)) : undefined,
  };
  const { subject, blocks } = (locale === 'en' ? en : vi)[kind](view);
  // A line break in a subject would be folded into the header; names and codes never need one.
  const oneLine = subject.replace(/[\r\n]+/g, ' ');
  return { subject: oneLine, text: renderText(blocks), html: renderHtml(blocks, locale, oneLine) };
}
