/**
 * The written notices the agency issues (one-stop forms 01–04 of Circular 01/2018/TT-VPCP; the notices on
 * complaints and denunciations): their wording here, and which action issues each in the lifecycle tables (the
 * action's `notice`). The staff print page, the staff dossier page and the citizen's tracking page all list and print
 * them from these.
 */
import type { LifecycleKind, Text } from '../catalog/types.ts';
import { lifecycles, ruleOf, type DossierAction } from './lifecycle.ts';

export interface NoticeKind {
  /** URL segment of the printable notice, the same on staff and citizen pages. */
  slug: string;
  form: Text;
  title: Text;
}

export const notices: readonly NoticeKind[] = [
  {
    slug: 'tiep-nhan',
    form: { vi: 'Mẫu số 01', en: 'Form 01' },
    title: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment for the result' },
  },
  {
    slug: 'bo-sung',
    form: { vi: 'Mẫu số 02', en: 'Form 02' },
    title: { vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Request to complete the application' },
  },
  {
    slug: 'tu-choi',
    form: { vi: 'Mẫu số 03', en: 'Form 03' },
    title: { vi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'Refusal to receive the application' },
  },
  {
    slug: 'xin-loi',
    form: { vi: 'Mẫu số 04', en: 'Form 04' },
    title: { vi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new date for the result' },
  },
  // Complaints and denunciations (Circular 13/2021/TT-BTP's notices).
  {
    slug: 'thu-ly-khieu-nai',
    form: { vi: 'Thông báo', en: 'Notice' },
    title: { vi: 'Thông báo thụ lý giải quyết khiếu nại', en: 'Notice that the complaint is accepted for handling' },
  },
  {
    slug: 'thu-ly-to-cao',
    form: { vi: 'Thông báo', en: 'Notice' },
    title: { vi: 'Thông báo thụ lý tố cáo', en: 'Notice that the denunciation is accepted for handling' },
  },
  {
    slug: 'khong-thu-ly',
    form: { vi: 'Thông báo', en: 'Notice' },
    title: { vi: 'Thông báo không thụ lý đơn', en: 'Notice that the petition is not accepted' },
  },
  {
    slug: 'quyet-dinh-khieu-nai',
    form: { vi: 'Quyết định', en: 'Decision' },
    title: { vi: 'Quyết định giải quyết khiếu nại', en: 'Decision on the complaint' },
  },
  {
    // The public version: it names no denouncer (Law on Denunciations 2018, Art. 47), so it may be shown to anyone.
    slug: 'ket-luan-to-cao',
    form: { vi: 'Kết luận (bản công khai)', en: 'Conclusion (public version)' },
    title: { vi: 'Kết luận nội dung tố cáo', en: 'Conclusion on the denunciation' },
  },
  {
    slug: 'chuyen-don',
    form: { vi: 'Phiếu chuyển', en: 'Transfer slip' },
    title: { vi: 'Phiếu chuyển đơn đến cơ quan có thẩm quyền', en: 'Petition passed to the competent authority' },
  },
];

export function noticeBySlug(slug: string | undefined): NoticeKind | undefined {
  return notices.find((n) => n.slug === slug);
}

/** The action of `kind`'s lifecycle that issues the notice `slug` (none: that kind issues no such notice). */
export function actionIssuing(kind: LifecycleKind, slug: string): DossierAction | undefined {
  return (Object.keys(lifecycles[kind].actions) as DossierAction[]).find((a) => ruleOf(kind, a)?.notice === slug);
}

/**
 * The notices issued on a dossier of `kind`, given the actions on its timeline — each action's notice as its
 * lifecycle table names it (each at most once, in form order).
 */
export function issuedNotices(kind: LifecycleKind, actions: readonly DossierAction[]): NoticeKind[] {
  const slugs = new Set(actions.map((a) => ruleOf(kind, a)?.notice).filter((n) => n !== undefined));
  return notices.filter((n) => slugs.has(n.slug));
}

/** What an attachment is, as staff and citizens read it; `documentName` names the procedure's own documents. */
export function attachmentLabel(documentId: string, documentName: (id: string) => Text | undefined): Text {
  if (documentId === 'result') return { vi: 'Văn bản kết quả giải quyết', en: 'Result document' };
  if (documentId === 'result_draft') return { vi: 'Dự thảo kết quả (chờ Thủ trưởng ký)', en: 'Draft result (for the head to sign)' };
  if (documentId === 'supplement') return { vi: 'Tài liệu bổ sung', en: 'Additional document' };
  return documentName(documentId) ?? { vi: documentId, en: documentId };
}

/** Attachments the agency produced: never listed as what the citizen submitted. */
export const agencyDocumentIds: ReadonlySet<string> = new Set(['result', 'result_draft']);
