/** The e-mails a citizen gets about a dossier, in the language the dossier was submitted in. */
import { formatDate } from '../format.ts';
import type { DateISO, Locale, Text } from '../catalog/types.ts';
import { renderHtml, renderText, type Block } from './layout.ts';

/** Which dossier event a mail reports. */
export type DossierMailKind = 'submitted' | 'supplement_received' | 'withdrawn';

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
};

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
  };
  const { subject, blocks } = (locale === 'en' ? en : vi)[kind](view);
  // A line break in a subject would be folded into the header; names and codes never need one.
  const oneLine = subject.replace(/[\r\n]+/g, ' ');
  return { subject: oneLine, text: renderText(blocks), html: renderHtml(blocks, locale, oneLine) };
}
